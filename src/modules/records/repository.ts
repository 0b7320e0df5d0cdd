// All SQL of the E-Akte.
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { Tables } from '../../platform/db/tables.ts';
import type { Insertable } from 'kysely';

// ----- filing plan -----

export const positions = (tx: Tx, tenantId: string) => tx.selectFrom('filing_plan_positions').selectAll().where('tenant_id', '=', tenantId).execute();

export const positionById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('filing_plan_positions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const positionByNumber = (tx: Tx, tenantId: string, number: string) =>
  tx.selectFrom('filing_plan_positions').selectAll().where('tenant_id', '=', tenantId).where('number', '=', number).executeTakeFirst();

/** Inserts the positions; ones whose number exists already are left as they are (a second seeding does nothing). */
export async function insertPositions(tx: Tx, rows: Array<Insertable<Tables['filing_plan_positions']>>): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await tx
    .insertInto('filing_plan_positions')
    .values(rows)
    .onConflict((oc) => oc.columns(['tenant_id', 'number']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

export const renamePosition = (tx: Tx, tenantId: string, id: string, title: string) =>
  tx.updateTable('filing_plan_positions').set({ title }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

export const retirePosition = (tx: Tx, tenantId: string, id: string, at: Date) =>
  tx
    .updateTable('filing_plan_positions')
    .set({ retired_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('retired_at', 'is', null)
    .execute();

export async function nextDossierNumber(tx: Tx, tenantId: string, positionId: string, year: number): Promise<number> {
  const row = await sql<{ last_value: number }>`
    INSERT INTO dossier_counters AS c (tenant_id, position_id, year, last_value) VALUES (${tenantId}, ${positionId}, ${year}, 1)
    ON CONFLICT (tenant_id, position_id, year) DO UPDATE SET last_value = c.last_value + 1
    RETURNING c.last_value`.execute(tx);
  return row.rows[0]!.last_value;
}

// ----- dossiers -----

const dossierColumns = [
  'd.id',
  'd.file_number',
  'd.title',
  'd.application_id',
  'd.case_reference',
  'd.position_id',
  'd.created_at',
  'd.created_by',
  'p.number as position_number',
  'p.title as position_title',
] as const;

const dossiers = (tx: Tx, tenantId: string) =>
  tx
    .selectFrom('dossiers as d')
    .innerJoin('filing_plan_positions as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.position_id'))
    .select(dossierColumns)
    .where('d.tenant_id', '=', tenantId);

export const dossierById = (tx: Tx, tenantId: string, id: string) => dossiers(tx, tenantId).where('d.id', '=', id).executeTakeFirst();

export const dossierOfApplication = (tx: Tx, tenantId: string, applicationId: string) =>
  dossiers(tx, tenantId).where('d.application_id', '=', applicationId).executeTakeFirst();

/** The newest dossiers, or those whose file number or title contains the words (a municipality has thousands, not millions). */
export function listDossiers(tx: Tx, tenantId: string, filter: string | undefined, limit: number) {
  let q = dossiers(tx, tenantId);
  if (filter) {
    const like = `%${filter.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('d.file_number', 'ilike', like), eb('d.title', 'ilike', like), eb('d.case_reference', 'ilike', like)]));
  }
  return q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

export const insertDossier = (tx: Tx, row: Insertable<Tables['dossiers']>) =>
  tx
    .insertInto('dossiers')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'application_id']).doNothing())
    .returning('id')
    .executeTakeFirst();

export const countDocuments = async (tx: Tx, tenantId: string, dossierIds: string[]) =>
  dossierIds.length
    ? tx
        .selectFrom('documents')
        .select(['dossier_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tenant_id', '=', tenantId)
        .where('dossier_id', 'in', dossierIds)
        .groupBy('dossier_id')
        .execute()
    : [];

// ----- documents and versions -----

export const documentsOf = (tx: Tx, tenantId: string, dossierId: string) =>
  tx
    .selectFrom('documents as d')
    .innerJoin('filing_plan_positions as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.id', '=', 'd.position_id'))
    .selectAll('d')
    .select(['p.number as position_number', 'p.title as position_title'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.dossier_id', '=', dossierId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();

export const documentById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('documents').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();

export const documentBySource = (tx: Tx, tenantId: string, sourceId: string) =>
  tx.selectFrom('documents').selectAll().where('tenant_id', '=', tenantId).where('source_id', '=', sourceId).executeTakeFirst();

/** Every version of the documents, without their text (which can be long). */
export const versionsOf = (tx: Tx, tenantId: string, documentIds: string[]) =>
  documentIds.length
    ? tx
        .selectFrom('document_versions')
        .select([
          'document_id',
          'version',
          'sha256',
          'filename',
          'content_type',
          'size_bytes',
          'created_at',
          'created_by',
          sql<boolean>`text IS NOT NULL`.as('has_text'),
        ])
        .where('tenant_id', '=', tenantId)
        .where('document_id', 'in', documentIds)
        .orderBy('document_id')
        .orderBy('version')
        .execute()
    : Promise.resolve([]);

export const versionOf = (tx: Tx, tenantId: string, documentId: string, version: number) =>
  tx
    .selectFrom('document_versions')
    .select(['document_id', 'version', 'sha256', 'filename', 'content_type', 'size_bytes'])
    .where('tenant_id', '=', tenantId)
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();

export const insertDocument = (tx: Tx, row: Insertable<Tables['documents']>) =>
  tx
    .insertInto('documents')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'source_id']).doNothing())
    .returning('id')
    .executeTakeFirst();

export const insertVersion = (tx: Tx, row: Insertable<Tables['document_versions']>) => tx.insertInto('document_versions').values(row).execute();

/** Raises the document's version number and returns the new one; the row lock orders two uploads of one document. */
export async function bumpVersion(tx: Tx, tenantId: string, documentId: string): Promise<number | undefined> {
  const row = await tx
    .updateTable('documents')
    .set((eb) => ({ current_version: eb('current_version', '+', 1) }))
    .where('tenant_id', '=', tenantId)
    .where('id', '=', documentId)
    .returning('current_version')
    .executeTakeFirst();
  return row?.current_version;
}

export const setVersionText = (tx: Tx, tenantId: string, documentId: string, version: number, text: string | null) =>
  tx
    .updateTable('document_versions')
    .set({ text })
    .where('tenant_id', '=', tenantId)
    .where('document_id', '=', documentId)
    .where('version', '=', version)
    .executeTakeFirst();

// ----- search -----

/**
 * The best hits of the transaction's municipality, through search_documents (the search table has no grant to the
 * application), then their dossier and a snippet of the text around the words, read under row-level security.
 */
export async function search(tx: Tx, tenantId: string, q: string, limit: number) {
  const result = await sql<{
    document_id: string;
    version: number;
    rank: number;
    title: string;
    kind: string;
    dossier_id: string;
    file_number: string;
    dossier_title: string;
    application_id: string | null;
    snippet: string;
  }>`
    SELECT h.document_id, h.version, h.rank, d.title, d.kind, d.dossier_id, a.file_number, a.title AS dossier_title, a.application_id,
      ts_headline('german', left(coalesce(v.text, ''), 20000), websearch_to_tsquery('german', ${q}),
                  'StartSel=⟦, StopSel=⟧, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "') AS snippet
    FROM search_documents(${q}, ${limit}) AS h
    JOIN documents d ON d.tenant_id = ${tenantId} AND d.id = h.document_id
    JOIN dossiers a ON a.tenant_id = d.tenant_id AND a.id = d.dossier_id
    JOIN document_versions v ON v.tenant_id = d.tenant_id AND v.document_id = h.document_id AND v.version = h.version
    ORDER BY h.rank DESC, h.document_id`.execute(tx);
  return result.rows;
}

// ----- retention and export -----

export const dossiersOfApplication = (tx: Tx, tenantId: string, applicationId: string) =>
  tx.selectFrom('dossiers').select('id').where('tenant_id', '=', tenantId).where('application_id', '=', applicationId).execute();

export const blobsOfDossier = (tx: Tx, tenantId: string, dossierId: string) =>
  tx
    .selectFrom('document_versions as v')
    .innerJoin('documents as d', (j) => j.onRef('d.tenant_id', '=', 'v.tenant_id').onRef('d.id', '=', 'v.document_id'))
    .select(['v.sha256'])
    .where('d.tenant_id', '=', tenantId)
    .where('d.dossier_id', '=', dossierId)
    .execute();

export async function deleteDossier(tx: Tx, tenantId: string, dossierId: string) {
  const documents = await tx.selectFrom('documents').select('id').where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId).execute();
  const versions = documents.length
    ? await tx
        .deleteFrom('document_versions')
        .where('tenant_id', '=', tenantId)
        .where(
          'document_id',
          'in',
          documents.map((d) => d.id),
        )
        .returning('sha256')
        .execute()
    : [];
  await tx.deleteFrom('documents').where('tenant_id', '=', tenantId).where('dossier_id', '=', dossierId).execute();
  await tx.deleteFrom('dossiers').where('tenant_id', '=', tenantId).where('id', '=', dossierId).execute();
  return { documents: documents.length, versions: versions.length };
}

/** Of the hashes given, those no version of this municipality's documents points at any more. */
export async function unreferencedBlobs(tx: Tx, tenantId: string, hashes: string[]): Promise<string[]> {
  if (!hashes.length) return [];
  const still = await tx.selectFrom('document_versions').select('sha256').distinct().where('tenant_id', '=', tenantId).where('sha256', 'in', hashes).execute();
  const kept = new Set(still.map((r) => r.sha256));
  return [...new Set(hashes)].filter((h) => !kept.has(h));
}

export const allVersionBlobs = async (tx: Tx, tenantId: string) =>
  (await tx.selectFrom('document_versions').select('sha256').distinct().where('tenant_id', '=', tenantId).execute()).map((r) => r.sha256);
