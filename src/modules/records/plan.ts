// The standard filing plan a municipality starts with: the main groups of a municipal filing plan (after the KGSt's
// structure), with the positions the portal's cases are filed under. The municipality's admin changes it from there.

/** Where a case's dossier goes when the caller names no position. */
export const DEFAULT_CASE_POSITION = '0.3';

export function defaultPlan(country: string): Array<[number: string, title: string]> {
  const swiss = country === 'CH';
  return [
    ['0', 'Allgemeine Verwaltung'],
    ['0.1', 'Organisation und Geschäftsgang'],
    ['0.2', 'Datenschutz und Informationssicherheit'],
    ['0.3', 'Anträge aus dem Serviceportal'],
    ['1', 'Öffentliche Sicherheit und Ordnung'],
    ['1.1', swiss ? 'Einwohnerkontrolle, Pass- und Identitätskarten' : 'Meldewesen, Pass- und Ausweiswesen'],
    ['1.2', 'Gewerbeangelegenheiten'],
    ['1.3', 'Ordnungsangelegenheiten'],
    ['1.3.1', 'Hundehaltung'],
    ['1.3.2', 'Sondernutzung öffentlicher Flächen, Veranstaltungen'],
    ['2', 'Schulen'],
    ['2.1', 'Schulanmeldung und Schülerbeförderung'],
    ['4', 'Soziales und Jugend'],
    ['4.1', 'Kindertagesbetreuung'],
    ['6', 'Bauen und Wohnen'],
    ['6.1', swiss ? 'Baubewilligungen' : 'Bauaufsicht und Baugenehmigungen'],
    ['6.2', swiss ? 'Strassen, Wege und Plätze' : 'Straßen, Wege und Plätze'],
    ['8', 'Wirtschaft und Verkehr'],
    ['8.1', 'Verkehrsrechtliche Anordnungen und Parkausweise'],
    ['9', 'Finanzen'],
    ['9.1', swiss ? 'Steuern und Gebühren' : 'Steuern, Gebühren und Beiträge'],
    ['9.1.1', 'Hundesteuer'],
  ];
}
