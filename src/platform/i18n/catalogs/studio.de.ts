// German texts of the studio's refusals; merged into the reference catalog in ../de.ts.
export const studioDe = {
  'studio.error.taken': 'Diese Adresse wurde gerade vergeben oder die Vorlage gerade übernommen. Bitte laden Sie die Seite neu.',
  'studio.error.titleRequired': 'Bitte geben Sie einen Titel ein.',
  'studio.error.chooseTemplate': 'Bitte wählen Sie eine Vorlage.',
  'studio.error.feeRulesJson': 'Die Gebührenregeln sind kein gültiges JSON: {detail}',
  'studio.error.feeAmount': 'Bitte geben Sie einen Betrag ein, zum Beispiel 96,00.',
  'studio.error.officeRequired': 'Bitte nennen Sie die zuständige Stelle.',
  'studio.error.email': 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
  'studio.error.newStepTitle': 'Der Titel des neuen Schritts hat höchstens {max} Zeichen und keine Steuerzeichen.',
  'studio.error.oneLine': 'Bitte in einer Zeile und ohne Steuerzeichen.',
  'studio.error.tooLong': 'Höchstens {max} Zeichen (jetzt {length}).',
  'studio.error.stepTitleRequired': 'Der Schritt braucht einen Titel.',
} as const;
