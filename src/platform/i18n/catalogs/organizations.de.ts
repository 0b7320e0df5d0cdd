// German texts of the organizations pages; merged into the reference catalog in ../de.ts.
export const organizationsDe = {} as const;
