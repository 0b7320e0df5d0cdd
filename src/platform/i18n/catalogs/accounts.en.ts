// English texts of the accounts pages; merged into the English catalog in ../en.ts.
import type { accountsDe } from './accounts.de.ts';

export const accountsEn: Record<keyof typeof accountsDe, string> = {};
