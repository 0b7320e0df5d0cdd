// German texts of the accounts pages; merged into the reference catalog in ../de.ts.
export const accountsDe = {} as const;
