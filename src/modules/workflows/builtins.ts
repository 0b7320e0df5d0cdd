// The workflows every municipality has from the start; an organiser's save makes a municipality's own version.
import type { WorkflowDefinition } from './schema.ts';

const caseWork = { id: 'sachbearbeitung', label: { de: 'Sachbearbeitung', en: 'Case work' } };

/** received → in review ⇄ waiting for the applicant → decided → closed. */
export const STANDARD: WorkflowDefinition = {
  key: 'standard',
  name: { de: 'Standardablauf', en: 'Standard workflow' },
  description: {
    de: 'Eingang, Prüfung mit Rückfragen an die antragstellende Person, Entscheidung und Abschluss.',
    en: 'Receipt, review with questions to the applicant, decision and closure.',
  },
  initial: 'eingang',
  roles: [caseWork],
  states: [
    { id: 'eingang', label: { de: 'Eingegangen', en: 'Received' }, phase: 'received', deadline: { days: 3, from: 'entered' } },
    { id: 'pruefung', label: { de: 'In Prüfung', en: 'In review' }, phase: 'in_review', deadline: { days: 14, from: 'complete', warnDays: 3 } },
    { id: 'rueckfrage', label: { de: 'Wartet auf Antwort', en: 'Waiting for the applicant' }, phase: 'awaiting_applicant' },
    { id: 'entschieden', label: { de: 'Entschieden', en: 'Decided' }, phase: 'decided', deadline: { days: 30, from: 'entered' } },
    { id: 'abgeschlossen', label: { de: 'Abgeschlossen', en: 'Closed' }, phase: 'closed', final: true },
  ],
  transitions: [
    { id: 'uebernehmen', from: 'eingang', to: 'pruefung', label: { de: 'Übernehmen', en: 'Take up' }, roles: ['sachbearbeitung'] },
    {
      id: 'vollstaendig',
      from: 'pruefung',
      to: 'pruefung',
      label: { de: 'Vollständigkeit feststellen', en: 'Record completeness' },
      roles: ['sachbearbeitung'],
      guards: [{ kind: 'documentsComplete' }],
      effect: 'complete',
    },
    {
      id: 'nachfragen',
      from: 'pruefung',
      to: 'rueckfrage',
      label: { de: 'Rückfrage stellen', en: 'Ask the applicant' },
      roles: ['sachbearbeitung'],
      effect: 'ask',
    },
    { id: 'antwort', from: 'rueckfrage', to: 'pruefung', label: { de: 'Antwort eingegangen', en: 'Answer received' }, roles: [], trigger: 'applicantAnswer' },
    {
      id: 'frist-abgelaufen',
      from: 'rueckfrage',
      to: 'pruefung',
      label: { de: 'Keine Antwort binnen 28 Tagen', en: 'No answer within 28 days' },
      roles: [],
      trigger: 'timer',
      timerDays: 28,
    },
    {
      id: 'entscheiden',
      from: 'pruefung',
      to: 'entschieden',
      label: { de: 'Entscheiden', en: 'Decide' },
      roles: ['sachbearbeitung'],
      guards: [{ kind: 'assigned' }],
      effect: 'decide',
    },
    { id: 'abschliessen', from: 'entschieden', to: 'abgeschlossen', label: { de: 'Abschließen', en: 'Close' }, roles: ['sachbearbeitung'] },
  ],
};

/** A second person approves the proposed decision (four-eyes principle). */
export const FOUR_EYES: WorkflowDefinition = {
  key: 'vier-augen',
  name: { de: 'Mit Zweitprüfung', en: 'With second approval' },
  description: {
    de: 'Die Sachbearbeitung schlägt eine Entscheidung vor; die Leitung gibt sie frei oder schickt sie mit Begründung zurück.',
    en: 'Case work proposes a decision; the head of the team approves it or sends it back with a reason.',
  },
  initial: 'eingang',
  roles: [caseWork, { id: 'leitung', label: { de: 'Leitung', en: 'Head of team' } }],
  states: [
    { id: 'eingang', label: { de: 'Eingegangen', en: 'Received' }, phase: 'received', deadline: { days: 3, from: 'entered' } },
    { id: 'pruefung', label: { de: 'In Prüfung', en: 'In review' }, phase: 'in_review', deadline: { days: 14, from: 'submitted' } },
    { id: 'rueckfrage', label: { de: 'Wartet auf Antwort', en: 'Waiting for the applicant' }, phase: 'awaiting_applicant' },
    {
      id: 'freigabe',
      label: { de: 'Zur Zweitprüfung', en: 'Awaiting second approval' },
      phase: 'in_review',
      deadline: { days: 5, from: 'entered', warnDays: 2 },
    },
    { id: 'entschieden', label: { de: 'Entschieden', en: 'Decided' }, phase: 'decided' },
    { id: 'abgeschlossen', label: { de: 'Abgeschlossen', en: 'Closed' }, phase: 'closed', final: true },
  ],
  transitions: [
    { id: 'uebernehmen', from: 'eingang', to: 'pruefung', label: { de: 'Übernehmen', en: 'Take up' }, roles: ['sachbearbeitung'] },
    {
      id: 'nachfragen',
      from: 'pruefung',
      to: 'rueckfrage',
      label: { de: 'Rückfrage stellen', en: 'Ask the applicant' },
      roles: ['sachbearbeitung'],
      effect: 'ask',
    },
    { id: 'antwort', from: 'rueckfrage', to: 'pruefung', label: { de: 'Antwort eingegangen', en: 'Answer received' }, roles: [], trigger: 'applicantAnswer' },
    {
      id: 'zur-freigabe',
      from: 'pruefung',
      to: 'freigabe',
      label: { de: 'Zur Zweitprüfung geben', en: 'Send for second approval' },
      roles: ['sachbearbeitung'],
      guards: [{ kind: 'assigned' }, { kind: 'documentsComplete' }],
      fields: [{ id: 'vorschlag', label: { de: 'Entscheidungsvorschlag', en: 'Proposed decision' }, type: 'text', required: true }],
      effect: 'complete',
    },
    {
      id: 'zurueckgeben',
      from: 'freigabe',
      to: 'pruefung',
      label: { de: 'Zurückgeben', en: 'Send back' },
      roles: ['leitung'],
      fields: [{ id: 'begruendung', label: { de: 'Begründung', en: 'Reason' }, type: 'text', required: true }],
    },
    {
      id: 'entscheiden',
      from: 'freigabe',
      to: 'entschieden',
      label: { de: 'Freigeben und entscheiden', en: 'Approve and decide' },
      roles: ['leitung'],
      guards: [{ kind: 'otherThan', transition: 'zur-freigabe' }],
      effect: 'decide',
    },
    { id: 'abschliessen', from: 'entschieden', to: 'abgeschlossen', label: { de: 'Abschließen', en: 'Close' }, roles: ['sachbearbeitung', 'leitung'] },
  ],
};

/** The fee is paid by transfer before the decision; the cash office books it, no payment within 60 days ends the case. */
export const FEE_PAYMENT: WorkflowDefinition = {
  key: 'gebuehr',
  name: { de: 'Mit Gebührenzahlung', en: 'With fee payment' },
  description: {
    de: 'Nach der Prüfung wird die Gebühr angefordert; die Kasse verbucht die Zahlung, erst dann wird entschieden.',
    en: 'After the review the fee is requested; the cash office books the payment, and only then is the case decided.',
  },
  initial: 'eingang',
  roles: [caseWork, { id: 'kasse', label: { de: 'Kasse', en: 'Cash office' } }],
  states: [
    { id: 'eingang', label: { de: 'Eingegangen', en: 'Received' }, phase: 'received', deadline: { days: 3, from: 'entered' } },
    { id: 'pruefung', label: { de: 'In Prüfung', en: 'In review' }, phase: 'in_review', deadline: { days: 14, from: 'entered' } },
    { id: 'rueckfrage', label: { de: 'Wartet auf Antwort', en: 'Waiting for the applicant' }, phase: 'awaiting_applicant' },
    {
      id: 'zahlung',
      label: { de: 'Wartet auf Zahlung', en: 'Waiting for payment' },
      phase: 'awaiting_applicant',
      deadline: { days: 30, from: 'entered', warnDays: 7 },
    },
    { id: 'entscheidung', label: { de: 'Bezahlt, zur Entscheidung', en: 'Paid, to be decided' }, phase: 'in_review', deadline: { days: 5, from: 'entered' } },
    { id: 'entschieden', label: { de: 'Entschieden', en: 'Decided' }, phase: 'decided' },
    { id: 'zurueckgenommen', label: { de: 'Als zurückgenommen beendet', en: 'Ended as withdrawn' }, phase: 'closed', final: true },
    { id: 'abgeschlossen', label: { de: 'Abgeschlossen', en: 'Closed' }, phase: 'closed', final: true },
  ],
  transitions: [
    { id: 'uebernehmen', from: 'eingang', to: 'pruefung', label: { de: 'Übernehmen', en: 'Take up' }, roles: ['sachbearbeitung'] },
    {
      id: 'nachfragen',
      from: 'pruefung',
      to: 'rueckfrage',
      label: { de: 'Rückfrage stellen', en: 'Ask the applicant' },
      roles: ['sachbearbeitung'],
      effect: 'ask',
    },
    { id: 'antwort', from: 'rueckfrage', to: 'pruefung', label: { de: 'Antwort eingegangen', en: 'Answer received' }, roles: [], trigger: 'applicantAnswer' },
    {
      id: 'zahlung-anfordern',
      from: 'pruefung',
      to: 'zahlung',
      label: { de: 'Gebühr anfordern', en: 'Request the fee' },
      roles: ['sachbearbeitung'],
      guards: [{ kind: 'assigned' }, { kind: 'documentsComplete' }],
      effect: 'complete',
    },
    {
      id: 'zahlung-verbuchen',
      from: 'zahlung',
      to: 'entscheidung',
      label: { de: 'Zahlung verbuchen', en: 'Book the payment' },
      roles: ['kasse'],
      fields: [
        { id: 'betrag', label: { de: 'Betrag in Euro oder Franken', en: 'Amount' }, type: 'number', required: true },
        { id: 'buchungstag', label: { de: 'Buchungstag', en: 'Booking date' }, type: 'date', required: true },
      ],
      effect: 'payment',
    },
    {
      id: 'nicht-bezahlt',
      from: 'zahlung',
      to: 'zurueckgenommen',
      label: { de: 'Nicht binnen 60 Tagen bezahlt', en: 'Not paid within 60 days' },
      roles: [],
      trigger: 'timer',
      timerDays: 60,
    },
    {
      id: 'entscheiden',
      from: 'entscheidung',
      to: 'entschieden',
      label: { de: 'Entscheiden', en: 'Decide' },
      roles: ['sachbearbeitung'],
      guards: [{ kind: 'feePaid' }],
      effect: 'decide',
    },
    { id: 'abschliessen', from: 'entschieden', to: 'abgeschlossen', label: { de: 'Abschließen', en: 'Close' }, roles: ['sachbearbeitung'] },
  ],
};

export const BUILT_IN: WorkflowDefinition[] = [STANDARD, FOUR_EYES, FEE_PAYMENT];
export const builtIn = (key: string) => BUILT_IN.find((w) => w.key === key);
