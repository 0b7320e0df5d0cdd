// What changed between two versions of a service's content, for an organiser to read before accepting it. The
// domain names each change with message keys and keeps the values as data; the page words and formats them.
import type { Message } from '../../platform/i18n/index.ts';
import { allFields, type FieldDefinition, type Text } from '../forms/index.ts';
import type { FeeRule, ServiceContent } from './schema.ts';

/** One piece of a described version: a worded property, a value as written (a text, a rule's JSON), or an amount per unit. */
export type Part = Message | { value: string } | { perUnit: number };

export interface Change {
  area: 'text' | 'step' | 'field' | 'fee';
  kind: 'added' | 'removed' | 'changed';
  /** What it is about, e.g. "Kurzbeschreibung", "Feld „Hundename“ (hundename)", "Gebühr „Hundesteuer je Hund“". */
  subject: Message;
  before?: Part[];
  after?: Part[];
}

const TEXTS: Array<[keyof ServiceContent, Message['key']]> = [
  ['title', 'services.diff.title'],
  ['summary', 'services.diff.summary'],
  ['description', 'services.diff.description'],
  ['eligibility', 'services.diff.eligibility'],
  ['legalBasis', 'services.diff.legalBasis'],
  ['processingTime', 'services.diff.processingTime'],
  ['feeNotes', 'services.diff.feeNotes'],
];

const text = (t: Text | undefined) => (t ? t.de + (t.en ? ` / ${t.en}` : '') : '');
const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
const value = (v: string): Part => ({ value: v });

function describeField(f: FieldDefinition): Part[] {
  const parts: Part[] = [
    value(f.label.de),
    { key: 'services.diff.fieldType', params: { type: f.type } },
    { key: f.required ? 'services.diff.required' : 'services.diff.optional' },
  ];
  if (f.options) parts.push({ key: 'services.diff.options', params: { options: f.options.map((o) => o.label.de).join(', ') } });
  if (f.maxLength !== undefined) parts.push({ key: 'services.diff.maxLength', params: { max: f.maxLength } });
  if (f.min !== undefined || f.max !== undefined) parts.push({ key: 'services.diff.range', params: { min: f.min ?? '–', max: f.max ?? '–' } });
  if (f.showIf !== undefined) parts.push({ key: 'services.diff.showIf', params: { rule: json(f.showIf) } });
  if (f.requiredIf !== undefined) parts.push({ key: 'services.diff.requiredIf', params: { rule: json(f.requiredIf) } });
  if (f.compute !== undefined) parts.push({ key: 'services.diff.compute', params: { rule: json(f.compute) } });
  return parts;
}

function describeFee(r: FeeRule): Part[] {
  const parts: Part[] = [value(r.label.de)];
  if (r.unitMinor !== undefined) parts.push({ perUnit: r.unitMinor });
  if (r.quantity !== undefined) parts.push({ key: 'services.diff.quantity', params: { rule: json(r.quantity) } });
  if (r.amount !== undefined) parts.push({ key: 'services.diff.amount', params: { rule: json(r.amount) } });
  if (r.when !== undefined) parts.push({ key: 'services.diff.when', params: { rule: json(r.when) } });
  if (r.localOverride) parts.push({ key: 'services.diff.localOverride' });
  return parts;
}

/** Compares by id, so a renamed label is a change of the same field, not a removal and an addition. */
function byId<T extends { id: string }>(before: T[], after: T[], area: Change['area'], subject: (x: T) => Message, describe: (x: T) => Part[]): Change[] {
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
    if (a !== b)
      changes.push({
        area: 'text',
        kind: !a ? 'added' : !b ? 'removed' : 'changed',
        subject: { key: label },
        before: a ? [value(a)] : undefined,
        after: b ? [value(b)] : undefined,
      });
  }
  const lists: Array<[Message['key'], string, string]> = [
    ['services.diff.documents', before.documents.map((d) => d.de).join('; '), after.documents.map((d) => d.de).join('; ')],
    ['services.diff.keywords', before.keywords.join(', '), after.keywords.join(', ')],
    ['services.diff.synonyms', before.synonyms.join(', '), after.synonyms.join(', ')],
    ['services.diff.lifeSituations', before.lifeSituations.join(', '), after.lifeSituations.join(', ')],
    ['services.diff.leikaKey', before.leikaKey ?? '', after.leikaKey ?? ''],
    ['services.diff.retentionYears', String(before.retentionYears), String(after.retentionYears)],
  ];
  for (const [label, a, b] of lists)
    if (a !== b) changes.push({ area: 'text', kind: 'changed', subject: { key: label }, before: [value(a)], after: [value(b)] });
  const stepSubject = (s: { id: string; title: Text }): Message => ({ key: 'services.diff.step', params: { title: s.title.de, id: s.id } });
  changes.push(
    ...byId(
      before.form.steps.map(({ fields: _, ...s }) => s),
      after.form.steps.map(({ fields: _, ...s }) => s),
      'step',
      stepSubject,
      (s) => [value(s.title.de), ...(s.showIf !== undefined ? [{ key: 'services.diff.showIf', params: { rule: json(s.showIf) } } as Part] : [])],
    ),
  );
  const order = (c: ServiceContent) => c.form.steps.map((s) => s.id).join(' → ');
  if (order(before) !== order(after))
    changes.push({ area: 'step', kind: 'changed', subject: { key: 'services.diff.stepOrder' }, before: [value(order(before))], after: [value(order(after))] });
  changes.push(
    ...byId(
      allFields(before.form),
      allFields(after.form),
      'field',
      (f) => ({ key: 'services.diff.field', params: { label: f.label.de, id: f.id } }),
      describeField,
    ),
  );
  changes.push(...byId(before.feeRules, after.feeRules, 'fee', (r) => ({ key: 'services.diff.fee', params: { label: r.label.de } }), describeFee));
  return changes;
}
