// Fees computed from the answers by the service's rules, line by line, so the citizen sees how the sum arises.
import { evaluateSafely as evaluate, logicData, type Answers, type FormDefinition, type Text } from '../forms/index.ts';
import type { FeeKind, FeeRule, ServiceDefinition } from './schema.ts';

export interface FeeLine {
  id: string;
  label: Text;
  kind: FeeKind;
  quantity?: number;
  unitMinor?: number;
  amountMinor: number;
}
export interface FeeResult {
  lines: FeeLine[];
  totalMinor: number;
}

const kindOf = (rule: Pick<FeeRule, 'kind'>): FeeKind => rule.kind ?? 'fee';

/** What a service's charges are called together: their one kind ("Steuer" for the dog tax), or "mixed" ("Kosten"). */
export function feeKind(rules: ReadonlyArray<Pick<FeeRule, 'kind'>>): FeeKind | 'mixed' {
  const kinds = new Set(rules.map(kindOf));
  if (kinds.size === 0) return 'fee';
  return kinds.size === 1 ? [...kinds][0]! : 'mixed';
}

const toNumber = (v: unknown): number =>
  typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : typeof v === 'boolean' ? Number(v) : NaN;

function lineFor(rule: FeeRule, data: Record<string, unknown>, overrides: Record<string, number>): FeeLine | undefined {
  if (rule.when !== undefined && !evaluate(rule.when, data)) return undefined;
  const unitMinor = rule.localOverride && overrides[rule.id] !== undefined ? overrides[rule.id] : rule.unitMinor;
  if (rule.amount !== undefined) {
    const amount = toNumber(evaluate(rule.amount, data));
    return Number.isFinite(amount) && amount !== 0 ? { id: rule.id, label: rule.label, kind: kindOf(rule), amountMinor: Math.round(amount) } : undefined;
  }
  const quantity = rule.quantity === undefined ? 1 : toNumber(evaluate(rule.quantity, data));
  if (!Number.isFinite(quantity) || quantity <= 0 || unitMinor === undefined) return undefined;
  return {
    id: rule.id,
    label: rule.label,
    kind: kindOf(rule),
    quantity: rule.quantity === undefined ? undefined : quantity,
    unitMinor,
    amountMinor: Math.round(quantity * unitMinor),
  };
}

/** The fee for these answers: each rule that applies is a line; a rule that cannot be computed is left out, never guessed. */
export function computeFees(
  definition: ServiceDefinition,
  answers: Answers,
  form: FormDefinition = definition.form,
  data = logicData(form, answers),
): FeeResult {
  const overrides = definition.local?.feeOverrides ?? {};
  const lines = definition.feeRules.map((r) => lineFor(r, data, overrides)).filter((l): l is FeeLine => l !== undefined);
  return { lines, totalMinor: lines.reduce((sum, l) => sum + l.amountMinor, 0) };
}

/** The fees as the service page lists them before anyone applies: each line's unit amount where it has one. */
export function feeSchedule(definition: ServiceDefinition): Array<{ id: string; label: Text; kind: FeeKind; unitMinor?: number }> {
  const overrides = definition.local?.feeOverrides ?? {};
  return definition.feeRules.map((r) => ({
    id: r.id,
    label: r.label,
    kind: kindOf(r),
    unitMinor: r.localOverride && overrides[r.id] !== undefined ? overrides[r.id] : r.unitMinor,
  }));
}
