// Content-addressed blob store: a file's name is the sha-256 of its bytes, so a blob is written once.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile, unlink, stat } from 'node:fs/promises';
import path from 'node:path';

export interface BlobStore {
  put(bytes: Uint8Array): Promise<string>;
  get(sha256: string): Promise<Buffer>;
  has(sha256: string): Promise<boolean>;
  remove(sha256: string): Promise<void>;
}

export function fileBlobStore(root: string): BlobStore {
  const pathOf = (sha256: string) => {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('invalid blob id');
    return path.join(root, sha256.slice(0, 2), sha256.slice(2));
  };
  return {
    async put(bytes) {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const target = pathOf(sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Write to a temporary name and rename, so a crash never leaves a half-written blob under its hash.
      const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(tmp, bytes, { flush: true });
      await rename(tmp, target);
      return sha256;
    },
    get: (sha256) => readFile(pathOf(sha256)),
    async has(sha256) {
      try {
        await stat(pathOf(sha256));
        return true;
      } catch {
        return false;
      }
    },
    async remove(sha256) {
      await unlink(pathOf(sha256)).catch(() => undefined);
    },
  };
}
