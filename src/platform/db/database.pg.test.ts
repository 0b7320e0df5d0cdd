// On a PostgreSQL server, connections can end under the app: a restart, a terminated backend. The pool must carry on.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/harness.ts';
import type { Database } from './database.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('the PostgreSQL pool', () => {
  it('survives the server ending an idle connection, and answers the next query on a new one', async () => {
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(database.db)).rows[0]!.pid;
    const before = await pid();
    const [ended] = await database.admin.query<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS ended', [before]);
    expect(ended?.ended).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    const after = await pid();
    expect(after).not.toBe(before);
  });
});
