// German texts of the teams pages; merged into the reference catalog in ../de.ts.
export const teamsDe = {} as const;
