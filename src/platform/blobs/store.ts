// Content-addressed blob store, one space per tenant: a file's name is the sha-256 of its bytes, so a blob is
// written once per tenant, and deleting a tenant's data never touches another tenant's files.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile, unlink, stat } from 'node:fs/promises';
import path from 'node:path';

export interface BlobStore {
  put(tenantId: string, bytes: Uint8Array): Promise<string>;
  get(tenantId: string, sha256: string): Promise<Buffer>;
  has(tenantId: string, sha256: string): Promise<boolean>;
  remove(tenantId: string, sha256: string): Promise<void>;
  /** Every blob of a tenant with the time it was written. */
  list(tenantId: string): Promise<Array<{ sha256: string; writtenAt: Date }>>;
}

export function fileBlobStore(root: string): BlobStore {
  const pathOf = (tenantId: string, sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[0-9a-f-]{36}$/.test(tenantId)) throw new Error('invalid blob id');
    return path.join(root, tenantId, sha256.slice(0, 2), sha256.slice(2));
  };
  return {
    async put(tenantId, bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(tenantId, sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Write to a temporary name and rename, so a crash never leaves a half-written blob under its hash.
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, target);
      return sha256;
    },
    get: (tenantId, sha256) => readFile(pathOf(tenantId, sha256)),
    async has(tenantId, sha256) {
      try {
        await stat(pathOf(tenantId, sha256));
        return true;
      } catch {
        return false;
      }
    },
    async list(tenantId) {
      const dir = path.dirname(path.dirname(pathOf(tenantId, '0'.repeat(64))));
      const prefixes = await readdir(dir).catch(() => [] as string[]);
      const found: Array<{ sha256: string; writtenAt: Date }> = [];
      for (const prefix of prefixes.filter((p) => /^[0-9a-f]{2}$/.test(p))) {
        for (const rest of await readdir(path.join(dir, prefix))) {
          if (!/^[0-9a-f]{62}$/.test(rest)) continue;
          found.push({ sha256: prefix + rest, writtenAt: (await stat(path.join(dir, prefix, rest))).mtime });
        }
      }
      return found;
    },
    async remove(tenantId, sha256) {
      await unlink(pathOf(tenantId, sha256)).catch(() => undefined);
    },
  };
}
