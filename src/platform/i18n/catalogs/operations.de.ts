// German texts of the operations pages; merged into the reference catalog in ../de.ts.
export const operationsDe = {
  // Not "Vorgangsnummer": a Vorgang is a case here, and its number (GT-2026-000123) is another thing to quote.
  'operations.requestId': 'Fehlerkennung für Rückfragen:',
} as const;
