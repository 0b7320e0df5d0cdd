// German texts of the operations pages; merged into the reference catalog in ../de.ts.
export const operationsDe = {} as const;
