// English texts of the teams pages; merged into the English catalog in ../en.ts.
import type { teamsDe } from './teams.de.ts';

export const teamsEn: Record<keyof typeof teamsDe, string> = {};
