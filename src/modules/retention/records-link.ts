// The E-Akte's share of a case (dossier, documents, versions and their search entries), as the records module deletes it.
import type { Tx } from '../../platform/db/database.ts';
import { deleteCaseRecords as deleteRecords, documentBlobs } from '../records/index.ts';

export interface DeletedRecords {
  documents: number;
  /** One search entry per document: its current version's words, removed with the versions. */
  searchEntries: number;
  /** Blobs no document version points at any more. */
  hashes: string[];
}

export async function deleteCaseRecords(tx: Tx, tenantId: string, applicationId: string): Promise<DeletedRecords> {
  const deleted = await deleteRecords(tx, tenantId, applicationId);
  return { documents: deleted.documents, searchEntries: deleted.documents, hashes: deleted.blobs };
}

/** Blobs the E-Akte still keeps: a case's file may also be a document in another dossier. */
export const blobsOfRecords = (tx: Tx, tenantId: string) => documentBlobs(tx, tenantId);
