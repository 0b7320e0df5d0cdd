// The form under construction, shared by the mapping that builds it and the rules applied to it afterwards: where
// each FIM element was placed, which rules were met on the way, the notes gathered, and the small helpers both use.
import type { FieldDefinition, Logic, StepDefinition } from '../schema.ts';
import type { ImportMessage, ImportNote } from '../xdatenfelder.ts';
import type { FimElement, FimRule } from './message.ts';

type Target =
  | { kind: 'field'; field: FieldDefinition }
  | { kind: 'step'; step: StepDefinition }
  | { kind: 'groupField'; field: FieldDefinition }
  | { kind: 'fields'; fields: FieldDefinition[] };

export interface Placement {
  /** FIM ids from the root to this occurrence. */
  path: string[];
  /** The group field whose entries hold it; undefined on form level. */
  scope: FieldDefinition | undefined;
  step: StepDefinition;
  target: Target;
  /** The yes/no question added for an optional group, and its note; a rule that shows the group replaces both. */
  toggle?: Toggle;
}

export interface Toggle {
  field: FieldDefinition;
  condition: Logic;
  note: ImportNote;
}

export interface RuleOccurrence {
  rule: FimRule;
  owner: FimElement;
  path: string[];
}

export class FormBuilder {
  readonly notes: ImportNote[] = [];
  private readonly fieldIds = new Set<string>();
  private readonly stepIds = new Set<string>();
  readonly placements = new Map<string, Placement[]>();
  readonly ruleOccurrences: RuleOccurrence[] = [];

  /** Adds a note unless the same one (element, key, parameters and parts) is there already. */
  note(path: string, message: ImportMessage): void {
    const note: ImportNote = { path, ...message };
    if (!this.notes.some((n) => sameNote(n, note))) this.notes.push(note);
  }

  fieldId(base: string): string {
    return uniqueId(base, this.fieldIds);
  }

  stepId(base: string): string {
    return uniqueId(base, this.stepIds);
  }

  place(id: string, placement: Placement): void {
    const list = this.placements.get(id) ?? [];
    list.push(placement);
    this.placements.set(id, list);
  }

  registerRules(element: FimElement, path: string[]): void {
    for (const rule of element.rules) this.ruleOccurrences.push({ rule, owner: element, path });
  }
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `f_${id}`;
  id = id.slice(0, 56);
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** Whether two notes say the same: the same element, key, parameters and parts, whatever the order of the parameters. */
export function sameNote(a: ImportNote, b: ImportNote): boolean {
  return a.path === b.path && noteIdentity(a) === noteIdentity(b);
}

/** A note's message as text that is equal exactly for equal messages, e.g. to report a rule's problem once. */
export function noteIdentity(m: ImportMessage): string {
  const sorted = (params: Record<string, unknown> | undefined) => Object.entries(params ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  const parts = Object.entries(m.parts ?? {})
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([name, part]) => [name, part.key, sorted(part.params)]);
  return JSON.stringify([m.key, sorted(m.params), parts]);
}

export const quote = (text: string): string => `„${text}“`;
export const short = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function decimalNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/\s/g, '');
  const normal = /^-?\d+(,\d+)?$/.test(text) ? text.replace(',', '.') : text;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}
