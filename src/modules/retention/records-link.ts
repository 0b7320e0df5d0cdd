// The E-Akte's share of a case (dossier, documents, versions, search entries), as the records module exports it.
// Until a municipality's cases have dossiers there is nothing to delete there: counts of zero, no blobs.
import type { Tx } from '../../platform/db/database.ts';

export interface DeletedRecords {
  documents: number;
  searchEntries: number;
  hashes: string[];
}

export async function deleteCaseRecords(_tx: Tx, _tenantId: string, _applicationId: string): Promise<DeletedRecords> {
  return { documents: 0, searchEntries: 0, hashes: [] };
}
