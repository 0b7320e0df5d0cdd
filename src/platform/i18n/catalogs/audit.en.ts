// English texts of the audit pages; merged into the English catalog in ../en.ts.
import type { auditDe } from './audit.de.ts';

export const auditEn: Record<keyof typeof auditDe, string> = {};
