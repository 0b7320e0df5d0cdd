// The editor's form: a workflow as numbered rows of plain inputs (s0_id, t2_from, r1_label_de), so it works without
// JavaScript. A refused save shows the rows exactly as typed; only a valid definition is stored.
import type { Effect, Guard, TransitionField, WorkflowDefinition, WorkflowProblem, WorkflowState, WorkflowTransition } from './schema.ts';

export const MAX_STATES = 40;
export const MAX_TRANSITIONS = 80;
export const MAX_ROLES = 20;
export const SIMPLE_GUARDS = ['feePaid', 'documentsComplete', 'assigned'] as const;

export interface StateRow {
  id: string;
  label_de: string;
  label_en: string;
  phase: string;
  final: boolean;
  deadline_days: string;
  deadline_from: string;
  deadline_warn: string;
}

export interface TransitionRow {
  id: string;
  label_de: string;
  label_en: string;
  from: string;
  to: string;
  roles: string[];
  trigger: string;
  timer_days: string;
  guards: string[];
  answered: string;
  other_than: string;
  effect: string;
  /** One input a line: `id; label; text|datum|zahl; pflicht|optional; English label`. */
  fields: string;
}

export interface RoleRow {
  id: string;
  label_de: string;
  label_en: string;
}

export interface WorkflowForm {
  name_de: string;
  name_en: string;
  description_de: string;
  description_en: string;
  initial: string;
  states: StateRow[];
  transitions: TransitionRow[];
  roles: RoleRow[];
}

const FIELD_TYPE_WORDS: Record<string, TransitionField['type']> = { text: 'text', datum: 'date', date: 'date', zahl: 'number', number: 'number' };
const TYPE_WORD: Record<TransitionField['type'], string> = { text: 'text', date: 'datum', number: 'zahl' };

export const emptyState = (): StateRow => ({
  id: '',
  label_de: '',
  label_en: '',
  phase: 'in_review',
  final: false,
  deadline_days: '',
  deadline_from: 'entered',
  deadline_warn: '',
});
export const emptyTransition = (): TransitionRow => ({
  id: '',
  label_de: '',
  label_en: '',
  from: '',
  to: '',
  roles: [],
  trigger: 'manual',
  timer_days: '',
  guards: [],
  answered: '',
  other_than: '',
  effect: '',
  fields: '',
});
export const emptyRole = (): RoleRow => ({ id: '', label_de: '', label_en: '' });

export function toForm(def: WorkflowDefinition): WorkflowForm {
  return {
    name_de: def.name.de,
    name_en: def.name.en ?? '',
    description_de: def.description?.de ?? '',
    description_en: def.description?.en ?? '',
    initial: def.initial,
    roles: def.roles.map((r) => ({ id: r.id, label_de: r.label.de, label_en: r.label.en ?? '' })),
    states: def.states.map((s) => ({
      id: s.id,
      label_de: s.label.de,
      label_en: s.label.en ?? '',
      phase: s.phase,
      final: !!s.final,
      deadline_days: s.deadline ? String(s.deadline.days) : '',
      deadline_from: s.deadline?.from ?? 'entered',
      deadline_warn: s.deadline?.warnDays !== undefined ? String(s.deadline.warnDays) : '',
    })),
    transitions: def.transitions.map((tr) => ({
      id: tr.id,
      label_de: tr.label.de,
      label_en: tr.label.en ?? '',
      from: tr.from,
      to: tr.to,
      roles: [...tr.roles],
      trigger: tr.trigger ?? 'manual',
      timer_days: tr.timerDays !== undefined ? String(tr.timerDays) : '',
      guards: (tr.guards ?? []).filter((g) => (SIMPLE_GUARDS as readonly string[]).includes(g.kind)).map((g) => g.kind),
      answered: (tr.guards ?? []).flatMap((g) => (g.kind === 'answered' ? [g.field] : [])).join(', '),
      other_than: (tr.guards ?? []).flatMap((g) => (g.kind === 'otherThan' ? [g.transition] : []))[0] ?? '',
      effect: tr.effect ?? '',
      fields: (tr.fields ?? [])
        .map(
          (f) =>
            `${f.id}; ${f.label.de}; ${TYPE_WORD[f.type]}${f.label.en ? `; ${f.required ? 'pflicht' : 'optional'}; ${f.label.en}` : f.required ? '; pflicht' : ''}`,
        )
        .join('\n'),
    })),
  };
}

type Body = Record<string, unknown>;
const str = (v: unknown): string => (Array.isArray(v) ? String(v[0] ?? '') : typeof v === 'string' ? v : '').replace(/\r\n/g, '\n');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
/** The row numbers a form posted for a prefix, in order: s0, s1, s3 (a removed row leaves a gap). */
const rowsOf = (body: Body, prefix: string, max: number) =>
  [...new Set(Object.keys(body).flatMap((k) => (new RegExp(`^${prefix}(\\d{1,3})_id$`).exec(k) ? [Number(k.slice(1).split('_')[0])] : [])))]
    .sort((a, b) => a - b)
    .slice(0, max);

/** The form as posted, every value as typed. */
export function formFromBody(body: Body): WorkflowForm {
  const field = (p: string, i: number, name: string) => str(body[`${p}${i}_${name}`]);
  return {
    name_de: str(body.name_de),
    name_en: str(body.name_en),
    description_de: str(body.description_de),
    description_en: str(body.description_en),
    initial: str(body.initial),
    roles: rowsOf(body, 'r', MAX_ROLES).map((i) => ({ id: field('r', i, 'id'), label_de: field('r', i, 'label_de'), label_en: field('r', i, 'label_en') })),
    states: rowsOf(body, 's', MAX_STATES).map((i) => ({
      id: field('s', i, 'id'),
      label_de: field('s', i, 'label_de'),
      label_en: field('s', i, 'label_en'),
      phase: field('s', i, 'phase'),
      final: field('s', i, 'final') === 'ja',
      deadline_days: field('s', i, 'deadline_days'),
      deadline_from: field('s', i, 'deadline_from'),
      deadline_warn: field('s', i, 'deadline_warn'),
    })),
    transitions: rowsOf(body, 't', MAX_TRANSITIONS).map((i) => ({
      id: field('t', i, 'id'),
      label_de: field('t', i, 'label_de'),
      label_en: field('t', i, 'label_en'),
      from: field('t', i, 'from'),
      to: field('t', i, 'to'),
      roles: list(body[`t${i}_roles`]),
      trigger: field('t', i, 'trigger') || 'manual',
      timer_days: field('t', i, 'timer_days'),
      guards: list(body[`t${i}_guards`]),
      answered: field('t', i, 'answered'),
      other_than: field('t', i, 'other_than'),
      effect: field('t', i, 'effect'),
      fields: field('t', i, 'fields'),
    })),
  };
}

const text = (de: string, en: string) => (en.trim() ? { de: de.trim(), en: en.trim() } : { de: de.trim() });
/** A number as typed; anything else stays a value the checks refuse (NaN), so the message names the input. */
const num = (v: string) => (v.trim() === '' ? undefined : /^\d{1,5}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN);

/** The definition the form describes, and the problems only the form can have (an unreadable input line). */
export function definitionFromForm(form: WorkflowForm, key: string): { definition: WorkflowDefinition; problems: WorkflowProblem[] } {
  const problems: WorkflowProblem[] = [];
  const states: WorkflowState[] = form.states.map((s) => {
    const state: WorkflowState = { id: s.id.trim(), label: text(s.label_de, s.label_en), phase: s.phase as WorkflowState['phase'] };
    if (s.final) state.final = true;
    const days = num(s.deadline_days);
    if (days !== undefined) {
      state.deadline = { days, from: s.deadline_from as 'entered' };
      const warn = num(s.deadline_warn);
      if (warn !== undefined) state.deadline.warnDays = warn;
    }
    return state;
  });
  const transitions: WorkflowTransition[] = form.transitions.map((row, i) => {
    const tr: WorkflowTransition = {
      id: row.id.trim(),
      from: row.from,
      to: row.to,
      label: text(row.label_de, row.label_en),
      roles: row.trigger === 'manual' ? row.roles : row.roles.filter(Boolean),
    };
    if (row.trigger !== 'manual') tr.trigger = row.trigger as WorkflowTransition['trigger'];
    if (row.trigger === 'timer') tr.timerDays = num(row.timer_days) ?? Number.NaN;
    const guards: Guard[] = row.guards.map((kind) => ({ kind }) as Guard);
    for (const field of row.answered
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean))
      guards.push({ kind: 'answered', field });
    if (row.other_than) guards.push({ kind: 'otherThan', transition: row.other_than });
    if (guards.length) tr.guards = guards;
    if (row.effect) tr.effect = row.effect as Effect;
    const fields: TransitionField[] = [];
    for (const line of row.fields
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)) {
      const [id = '', label = '', type = 'text', required = '', english = '', ...rest] = line.split(';').map((p) => p.trim());
      const fieldType = FIELD_TYPE_WORDS[type.toLowerCase()];
      if (!id || !label || !fieldType || !['', 'pflicht', 'optional'].includes(required.toLowerCase()) || rest.length) {
        problems.push({ path: `/transitions/${i}/fields`, key: 'workflows.problem.fieldLine', params: { line } });
        continue;
      }
      fields.push({ id, label: text(label, english), type: fieldType, required: required.toLowerCase() === 'pflicht' });
    }
    if (fields.length) tr.fields = fields;
    return tr;
  });
  const definition: WorkflowDefinition = {
    key,
    name: text(form.name_de, form.name_en),
    initial: form.initial,
    roles: form.roles.map((r) => ({ id: r.id.trim(), label: text(r.label_de, r.label_en) })),
    states,
    transitions,
  };
  if (form.description_de.trim()) definition.description = text(form.description_de, form.description_en);
  return { definition, problems };
}

/** The input a problem belongs to, as its element id in the editor: `/states/2/deadline/days` → `s2-deadline_days`. */
export function inputOf(path: string): string {
  const [kind, index, ...rest] = path.split('/').filter(Boolean);
  const prefix = { states: 's', transitions: 't', roles: 'r' }[kind ?? ''];
  if (!prefix) return kind === 'name' ? 'name_de' : kind === 'initial' ? 'initial' : kind === 'key' ? 'key' : kind === 'states' ? 'states' : 'top';
  if (index === undefined) return kind!;
  const [first, second] = rest;
  const name =
    first === 'label'
      ? 'label_de'
      : first === 'deadline'
        ? ({ days: 'deadline_days', from: 'deadline_from', warnDays: 'deadline_warn' }[second ?? ''] ?? 'deadline_days')
        : first === 'timerDays'
          ? 'timer_days'
          : first === 'guards'
            ? 'guards'
            : first === 'fields'
              ? 'fields'
              : (first ?? 'id');
  return `${prefix}${index}-${name}`;
}
