// Demo fee tables, modelled on how such tables look (amounts invented): NRW-style income brackets for Kreis
// Gütersloh with an own table for Rheda-Wiedenbrück, and a Swiss subsidised-tariff style for Kanton Aargau.
import { scopeToTenant, type Tx } from '../../platform/db/database.ts';
import * as repo from './repository.ts';
import { KITA_FEE, type KitaFeeTable } from './schema.ts';

const euros = (n: number) => n * 100;

/** Brackets from whole-unit upper limits and monthly fees per hours option (major units); the last one is open. */
function brackets(limits: number[], fees: number[][]): KitaFeeTable['brackets'] {
  return fees.map((row, i) => ({
    fromMinor: i === 0 ? 0 : euros(limits[i - 1]! + 1),
    toMinor: i < limits.length ? euros(limits[i]!) : null,
    feesMinor: row.map(euros),
  }));
}

const NRW_LIMITS = [20_000, 45_000, 60_000, 75_000, 90_000, 110_000];

const NRW_NOTE = {
  de:
    'Die letzten beiden Kindergartenjahre vor der Einschulung sind in Nordrhein-Westfalen beitragsfrei (§ 50 KiBiz). ' +
    'Wer Bürgergeld, Sozialhilfe, Leistungen nach dem Asylbewerberleistungsgesetz, Wohngeld oder Kinderzuschlag bezieht, zahlt keinen Beitrag. ' +
    'Maßgeblich ist das Jahresbruttoeinkommen des Haushalts im Vorjahr.',
  en:
    'The last two kindergarten years before school are free in North Rhine-Westphalia (section 50 KiBiz). ' +
    "Households receiving citizen's income, social assistance, asylum seekers' benefits, housing benefit or child supplement pay nothing. " +
    "The household's gross income of the previous year counts.",
};

export const DEMO_FEE_TABLES: Record<string, KitaFeeTable> = {
  'kreis-guetersloh': {
    currency: 'EUR',
    hoursOptions: [25, 35, 45],
    brackets: brackets(NRW_LIMITS, [
      [0, 0, 0],
      [52, 73, 94],
      [130, 182, 234],
      [178, 249, 320],
      [226, 316, 406],
      [275, 385, 495],
      [325, 455, 585],
    ]),
    siblingDiscount: { secondPercent: 50, furtherPercent: 100 },
    exemptionNote: NRW_NOTE,
    validFrom: '2026-08-01',
  },
  'rheda-wiedenbrueck': {
    currency: 'EUR',
    hoursOptions: [25, 35, 45],
    brackets: brackets(NRW_LIMITS, [
      [0, 0, 0],
      [0, 0, 0],
      [110, 154, 198],
      [155, 217, 279],
      [200, 280, 360],
      [245, 343, 441],
      [290, 406, 522],
    ]),
    siblingDiscount: { secondPercent: 100, furtherPercent: 100 },
    exemptionNote: {
      de: `Rheda-Wiedenbrück erhebt bis 45.000 € Jahreseinkommen keinen Beitrag; Geschwisterkinder sind beitragsfrei. ${NRW_NOTE.de}`,
      en: `Rheda-Wiedenbrück charges nothing up to an income of €45,000 a year; siblings are free. ${NRW_NOTE.en}`,
    },
    validFrom: '2026-08-01',
  },
  'kanton-aargau': {
    currency: 'CHF',
    hoursOptions: [20, 30, 40, 50],
    brackets: brackets(
      [40_000, 60_000, 80_000, 100_000, 120_000, 150_000],
      [
        [180, 270, 360, 450],
        [380, 570, 760, 950],
        [560, 840, 1120, 1400],
        [740, 1110, 1480, 1850],
        [900, 1350, 1800, 2250],
        [1000, 1500, 2000, 2500],
        [1100, 1650, 2200, 2750],
      ],
    ),
    siblingDiscount: { secondPercent: 25, furtherPercent: 50 },
    exemptionNote: {
      de:
        'Massgebend ist das steuerbare Einkommen gemäss letzter Veranlagung zuzüglich 10 % des steuerbaren Vermögens. ' +
        'Wer Sozialhilfe bezieht, kann bei der Gemeinde die Übernahme des Elternbeitrags beantragen.',
      en:
        'The taxable income of the last assessment plus 10 % of taxable assets counts. ' +
        'Households on social assistance may ask the municipality to pay the parent fee.',
    },
    validFrom: '2026-01-01',
  },
};

/**
 * Stores the demo tables of those organizations that have one (by slug), leaving any table already there alone.
 * Runs in one region transaction; each insert is scoped to its organization, so the transaction ends scoped to
 * the last of them.
 */
export async function seedDemoFeeTables(tx: Tx, orgs: ReadonlyArray<{ id: string; slug: string }>): Promise<number> {
  let stored = 0;
  for (const org of orgs) {
    const table = DEMO_FEE_TABLES[org.slug];
    if (!table) continue;
    await scopeToTenant(tx, org.id);
    await repo.insertTableIfMissing(tx, org.id, KITA_FEE, table);
    stored++;
  }
  return stored;
}
