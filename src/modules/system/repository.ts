import { sql } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';

export const appliedMigrations = async (tx: Tx) => (await sql<{ name: string }>`SELECT name FROM schema_migrations`.execute(tx)).rows.map((r) => r.name);
