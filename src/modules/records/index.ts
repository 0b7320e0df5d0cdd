// What other modules may use of the E-Akte: the case's dossier, filing documents, search, and what retention and
// the archive export need. The records module itself never imports the applications module.
export {
  addDocument,
  addVersion,
  caseDossier,
  deleteCaseRecords,
  type Dossier,
  documentBlobs,
  dossierForExport,
  ensureCaseDossier,
  readVersion,
  type ReadOutcome,
  type SearchHit,
  searchDocuments,
  setVersionText,
} from './records.ts';
export { extractText } from './extract.ts';
export { recordRoutes } from './routes.ts';
export { DOCUMENT_KINDS, type DocumentKind } from './schema.ts';

/** Where the case page links to the case's dossier. */
export const caseDossierLink = (dossierId: string) => `/verwaltung/akten/${dossierId}`;
