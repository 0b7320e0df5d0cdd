// Fee tables of the stand-alone calculators. A region stores the default table, a municipality may store its own.
// And the route schemas of the calculator page and the studio's fee table editor.
import { FormBody, HtmlPage, ProblemResponse, SeeOther, type Static, Type } from '../../platform/http/schema.ts';
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

// ----- route schemas -----

/** The calculator form's field names. */
export const CALCULATOR_FIELDS = { income: 'einkommen', hours: 'stunden', children: 'kinder' } as const;

const Str = Type.Optional(Type.String());

export const CalculatorParams = Type.Object({ municipality: Type.String({ description: 'Kurzname der Kommune in der Adresse, z. B. guetersloh' }) });
export const CalculatorBody = FormBody({
  [CALCULATOR_FIELDS.income]: Type.Optional(Type.String({ description: 'Jahreseinkommen des Haushalts, wie eingegeben' })),
  [CALCULATOR_FIELDS.hours]: Type.Optional(Type.String({ description: 'Betreuungsstunden pro Woche' })),
  [CALCULATOR_FIELDS.children]: Type.Optional(Type.String({ description: 'Kinder des Haushalts in Betreuung' })),
});
export const EditorQuery = Type.Object({ gespeichert: Str, geloescht: Str });
/** The table's cells come as fields named by position (tableField in calculators.ts); action adds or removes a row or column. */
export const EditorBody = FormBody({ action: Str, hoursCount: Str, bracketCount: Str });

// ----- the JSON API -----

const TextSchema = Type.Object(
  { de: Type.String(), en: Type.Optional(Type.String()) },
  { additionalProperties: false, description: 'Text auf Deutsch, wo vorhanden auf Englisch' },
);
const Minor = (description: string) => Type.Integer({ minimum: 0, description: `${description}, in Rappen bzw. Cent` });
const CurrencySchema = Type.Union([Type.Literal('EUR'), Type.Literal('CHF')]);

export const ApiCalculatorParams = Type.Object({ slug: Type.String({ description: 'Kurzname der Kommune, z. B. guetersloh' }) });

export const ApiFeeTable = Type.Object(
  {
    owner: Type.String({ description: 'Wessen Tabelle gilt: die Kommune selbst oder ihre Region' }),
    currency: CurrencySchema,
    validFrom: Type.String({ format: 'date', description: 'Gilt ab' }),
    hoursOptions: Type.Array(Type.Integer(), { description: 'Wählbare Betreuungsstunden pro Woche' }),
    brackets: Type.Array(
      Type.Object(
        {
          fromMinor: Minor('Jahreseinkommen ab (eingeschlossen)'),
          toMinor: Type.Union([Minor('bis (eingeschlossen)'), Type.Null()], { description: 'Obergrenze; null in der letzten Stufe' }),
          feesMinor: Type.Array(Minor('Monatsbeitrag'), { description: 'Je Eintrag von hoursOptions der Monatsbeitrag' }),
        },
        { additionalProperties: false },
      ),
    ),
    siblingDiscount: Type.Object(
      { secondPercent: Type.Number({ description: 'Abschlag für das zweite Kind' }), furtherPercent: Type.Number({ description: 'für jedes weitere' }) },
      { additionalProperties: false },
    ),
    exemptionNote: TextSchema,
  },
  { additionalProperties: false },
);

export const ApiCalculation = Type.Object(
  {
    incomeMinor: Type.Integer({ minimum: 0, maximum: LIMITS.maxIncome * 100, description: 'Jahreseinkommen des Haushalts, in Rappen bzw. Cent' }),
    hours: Type.Integer({ description: 'Betreuungsstunden pro Woche, eine der hoursOptions der Tabelle' }),
    children: Type.Integer({ minimum: 1, maximum: LIMITS.maxChildren, description: 'Kinder des Haushalts zugleich in Betreuung' }),
  },
  { additionalProperties: false },
);
export type ApiCalculationBody = Static<typeof ApiCalculation>;

export const ApiFeeResult = Type.Object(
  {
    currency: CurrencySchema,
    lines: Type.Array(Type.Object({ label: TextSchema, amountMinor: Type.Integer() }, { additionalProperties: false })),
    totalMinor: Minor('Monatsbeitrag zusammen'),
    bracket: Type.Object(
      { number: Type.Integer({ minimum: 1 }), fromMinor: Minor('Stufe ab'), toMinor: Type.Union([Minor('Stufe bis'), Type.Null()]) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type ApiFeeResultBody = Static<typeof ApiFeeResult>;

export const routeSchemas = {
  apiTable: {
    tags: ['calculators'],
    summary: 'Gebührentabelle der Kita-Elternbeiträge, die für eine Kommune gilt',
    params: ApiCalculatorParams,
    response: {
      200: { description: 'Die geltende Tabelle', content: { 'application/json': { schema: ApiFeeTable } } },
      404: ProblemResponse('Keine Kommune mit diesem Kurznamen, oder sie hat keine Tabelle'),
    },
  },
  apiCalculate: {
    tags: ['calculators'],
    summary: 'Kita-Elternbeitrag berechnen (nichts wird gespeichert)',
    description: 'Ein POST, damit das Einkommen nicht in Adressen und Protokollen steht.',
    params: ApiCalculatorParams,
    body: ApiCalculation,
    response: {
      200: { description: 'Der Monatsbeitrag, Posten für Posten', content: { 'application/json': { schema: ApiFeeResult } } },
      400: ProblemResponse('Eine Angabe fehlt oder passt nicht zur Tabelle (invalid_params nennt sie)'),
      404: ProblemResponse('Keine Kommune mit diesem Kurznamen, oder sie hat keine Tabelle'),
    },
  },
  calculator: {
    tags: ['calculators'],
    summary: 'Kita-Elternbeitrag berechnen: Formular',
    params: CalculatorParams,
    response: { 200: HtmlPage('Rechner') },
  },
  calculate: {
    tags: ['calculators'],
    summary: 'Kita-Elternbeitrag berechnen (nichts wird gespeichert)',
    params: CalculatorParams,
    body: CalculatorBody,
    response: { 200: HtmlPage('Rechner mit Ergebnis'), 422: HtmlPage('Rechner mit Fehlermeldungen') },
  },
  editor: {
    tags: ['calculators'],
    summary: 'Gebührentabelle Kita-Elternbeiträge bearbeiten',
    querystring: EditorQuery,
    response: { 200: HtmlPage('Tabellen-Editor') },
  },
  saveTable: {
    tags: ['calculators'],
    summary: 'Gebührentabelle speichern, oder eine Zeile oder Spalte hinzufügen oder entfernen',
    body: EditorBody,
    response: { 303: SeeOther, 200: HtmlPage('Tabellen-Editor, noch nicht gespeichert'), 422: HtmlPage('Tabellen-Editor mit Fehlermeldungen') },
  },
  removeTable: {
    tags: ['calculators'],
    summary: 'Eigene Tabelle der Kommune löschen (dann gilt die der Region)',
    body: FormBody({}),
    response: { 303: SeeOther },
  },
} as const;
