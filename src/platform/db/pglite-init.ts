// Creates an empty PGlite database in the folder given as argument, then exits. Run in its own process on
// first start: initdb leaves several hundred MiB of WebAssembly memory behind that a process never returns.
import { createPglite } from './database.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: pglite-init <folder>');
const lite = await createPglite(dir);
await lite.close();
