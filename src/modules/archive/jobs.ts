// The command line's export: `xdomea:export <municipality> --out <file.zip>`.
import { writeFile } from 'node:fs/promises';
import type { BlobStore } from '../../platform/blobs/store.ts';
import { type Db, inRegion, inTenant } from '../../platform/db/database.ts';
import { translator } from '../../platform/i18n/index.ts';
import { organizationBySlug } from '../organizations/index.ts';
import { exportPackage } from './archive.ts';

/** Writes the municipality's package to `out`; returns the exit code and the line to print (German, as the CLI speaks). */
export async function exportToFile(db: Db, blobs: BlobStore, slug: string, out: string, now = new Date()): Promise<{ code: number; message: string }> {
  const t = translator('de');
  const org = await inRegion(db, (tx) => organizationBySlug(tx, slug));
  if (!org || org.kind !== 'municipality') return { code: 2, message: t('archive.cli.unknownMunicipality', { slug }) };
  const result = await inTenant(db, org.id, (tx) => exportPackage(tx, blobs, { org, actor: 'cli', recipient: t('archive.recipient'), now }));
  if (!result.ok) return { code: 1, message: t(result.key, result.params) };
  await writeFile(out, result.zip);
  return { code: 0, message: t('archive.cli.written', { file: out, offered: String(result.offered), transferred: String(result.transferred) }) };
}
