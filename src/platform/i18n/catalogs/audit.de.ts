// German texts of the audit pages; merged into the reference catalog in ../de.ts.
export const auditDe = {} as const;
