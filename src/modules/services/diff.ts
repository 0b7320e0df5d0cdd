// What changed between two versions of a service's content, in words an organiser reads before accepting it.
import { allFields, type FieldDefinition, type Text } from '../forms/index.ts';
import type { FeeRule, ServiceContent } from './schema.ts';

export interface Change {
  area: 'text' | 'step' | 'field' | 'fee';
  kind: 'added' | 'removed' | 'changed';
  /** What it is about, e.g. "Kurzbeschreibung", "Feld „Hundename“ (hundename)", "Gebühr „Hundesteuer je Hund“". */
  subject: string;
  before?: string;
  after?: string;
}

const TEXTS: Array<[keyof ServiceContent, string]> = [
  ['title', 'Titel'],
  ['summary', 'Kurzbeschreibung'],
  ['description', 'Beschreibung'],
  ['eligibility', 'Wer kann den Antrag stellen?'],
  ['legalBasis', 'Rechtsgrundlage'],
  ['processingTime', 'Bearbeitungsdauer'],
  ['feeNotes', 'Hinweise zu Gebühren'],
];

const text = (t: Text | undefined) => (t ? t.de + (t.en ? ` / ${t.en}` : '') : '');
const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

function describeField(f: FieldDefinition): string {
  const parts = [`Typ ${f.type}`, f.required ? 'Pflichtfeld' : 'freiwillig'];
  if (f.options) parts.push(`Auswahl: ${f.options.map((o) => o.label.de).join(', ')}`);
  if (f.maxLength !== undefined) parts.push(`höchstens ${f.maxLength} Zeichen`);
  if (f.min !== undefined || f.max !== undefined) parts.push(`Bereich ${f.min ?? '–'} bis ${f.max ?? '–'}`);
  if (f.showIf !== undefined) parts.push(`sichtbar wenn ${json(f.showIf)}`);
  if (f.requiredIf !== undefined) parts.push(`Pflicht wenn ${json(f.requiredIf)}`);
  if (f.compute !== undefined) parts.push(`berechnet: ${json(f.compute)}`);
  return `${f.label.de}; ${parts.join('; ')}`;
}

function describeFee(r: FeeRule): string {
  const parts = [r.label.de];
  if (r.unitMinor !== undefined) parts.push(`${(r.unitMinor / 100).toFixed(2).replace('.', ',')} je Einheit`);
  if (r.quantity !== undefined) parts.push(`Menge ${json(r.quantity)}`);
  if (r.amount !== undefined) parts.push(`Betrag ${json(r.amount)}`);
  if (r.when !== undefined) parts.push(`wenn ${json(r.when)}`);
  if (r.localOverride) parts.push('örtlich festlegbar');
  return parts.join('; ');
}

/** Compares by id, so a renamed label is a change of the same field, not a removal and an addition. */
function byId<T extends { id: string }>(before: T[], after: T[], area: Change['area'], subject: (x: T) => string, describe: (x: T) => string): Change[] {
  const changes: Change[] = [];
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of now) {
    const was = old.get(id);
    if (!was) changes.push({ area, kind: 'added', subject: subject(x), after: describe(x) });
    else if (json(was) !== json(x)) changes.push({ area, kind: 'changed', subject: subject(x), before: describe(was), after: describe(x) });
  }
  for (const [id, x] of old) if (!now.has(id)) changes.push({ area, kind: 'removed', subject: subject(x), before: describe(x) });
  return changes;
}

export function diffContent(before: ServiceContent, after: ServiceContent): Change[] {
  const changes: Change[] = [];
  for (const [key, label] of TEXTS) {
    const a = text(before[key] as Text | undefined);
    const b = text(after[key] as Text | undefined);
    if (a !== b) changes.push({ area: 'text', kind: !a ? 'added' : !b ? 'removed' : 'changed', subject: label, before: a || undefined, after: b || undefined });
  }
  const lists: Array<[string, string, string]> = [
    ['Unterlagen', before.documents.map((d) => d.de).join('; '), after.documents.map((d) => d.de).join('; ')],
    ['Suchbegriffe', before.keywords.join(', '), after.keywords.join(', ')],
    ['Synonyme', before.synonyms.join(', '), after.synonyms.join(', ')],
    ['Lebenslagen', before.lifeSituations.join(', '), after.lifeSituations.join(', ')],
    ['LeiKa-Schlüssel', before.leikaKey ?? '', after.leikaKey ?? ''],
    ['Aufbewahrungsfrist (Jahre)', String(before.retentionYears), String(after.retentionYears)],
  ];
  for (const [label, a, b] of lists) if (a !== b) changes.push({ area: 'text', kind: 'changed', subject: label, before: a, after: b });
  const stepSubject = (s: { id: string; title: Text }) => `Schritt „${s.title.de}“ (${s.id})`;
  changes.push(
    ...byId(
      before.form.steps.map(({ fields: _, ...s }) => s),
      after.form.steps.map(({ fields: _, ...s }) => s),
      'step',
      stepSubject,
      (s) => `${s.title.de}${s.showIf !== undefined ? `; sichtbar wenn ${json(s.showIf)}` : ''}`,
    ),
  );
  const order = (c: ServiceContent) => c.form.steps.map((s) => s.id).join(' → ');
  if (order(before) !== order(after))
    changes.push({ area: 'step', kind: 'changed', subject: 'Reihenfolge der Schritte', before: order(before), after: order(after) });
  changes.push(...byId(allFields(before.form), allFields(after.form), 'field', (f) => `Feld „${f.label.de}“ (${f.id})`, describeField));
  changes.push(...byId(before.feeRules, after.feeRules, 'fee', (r) => `Gebühr „${r.label.de}“`, describeFee));
  return changes;
}
