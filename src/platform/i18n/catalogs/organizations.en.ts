// English texts of the organizations pages; merged into the English catalog in ../en.ts.
import type { organizationsDe } from './organizations.de.ts';

export const organizationsEn: Record<keyof typeof organizationsDe, string> = {};
