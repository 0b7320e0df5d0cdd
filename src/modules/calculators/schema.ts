// Fee tables of the stand-alone calculators. A region stores the default table, a municipality may store its own.
import type { Text } from '../forms/index.ts';

/** Which calculator a stored table belongs to; the key in `fee_tables.calculator`. */
export const KITA_FEE = 'kita-beitrag';

export type Currency = 'EUR' | 'CHF';

/**
 * One income bracket: yearly household income from `fromMinor` to `toMinor` (both inclusive, minor units; the
 * last bracket has no upper limit). `feesMinor[i]` is the monthly fee for `hoursOptions[i]` hours a week.
 */
export interface FeeBracket {
  fromMinor: number;
  toMinor: number | null;
  feesMinor: number[];
}

export interface KitaFeeTable {
  currency: Currency;
  /** Weekly care hours the parents choose from, e.g. 25, 35, 45. */
  hoursOptions: number[];
  brackets: FeeBracket[];
  /** Percent taken off the fee of the second child, and of the third and every further child. */
  siblingDiscount: { secondPercent: number; furtherPercent: number };
  /** Who pays nothing and why (years free by law, social benefits), shown beside the result. */
  exemptionNote: Text;
  /** ISO date from which the table applies. */
  validFrom: string;
}

export interface KitaFeeInput {
  /** Yearly household income in minor units. */
  income: number;
  hours: number;
  /** Children of the household in day care at the same time. */
  children: number;
  /** Only this child's fee (1 = the first child); all children's when not given. */
  childIndex?: number;
}

export interface FeeLine {
  label: Text;
  amountMinor: number;
}

export interface KitaFeeResult {
  lines: FeeLine[];
  totalMinor: number;
  bracket: { number: number; fromMinor: number; toMinor: number | null };
}

/** What the studio form holds: every cell as typed, so nothing is lost when the page comes back with errors. */
export interface FeeTableDraft {
  validFrom: string;
  hours: string[];
  brackets: Array<{ from: string; to: string; fees: string[] }>;
  secondPercent: string;
  furtherPercent: string;
  noteDe: string;
  noteEn: string;
}

/** What the citizen typed into the calculator. */
export interface CalculatorDraft {
  income: string;
  hours: string;
  children: string;
}

/** A stored table and whose it is. */
export interface StoredFeeTable {
  tenantId: string;
  table: KitaFeeTable;
  updatedAt: Date;
}

export const LIMITS = {
  maxBrackets: 30,
  maxHoursOptions: 8,
  maxWeeklyHours: 70,
  /** Yearly income in major units the calculator accepts. */
  maxIncome: 100_000_000,
  /** A monthly fee in major units. */
  maxMonthlyFee: 100_000,
  maxChildren: 10,
  maxNoteLength: 2000,
  maxCellLength: 20,
} as const;
