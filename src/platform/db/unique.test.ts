import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../testing/harness.ts';
import type { Database } from './database.ts';
import { isUniqueViolation, onUniqueViolation } from './unique.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await database.admin.exec('CREATE TABLE unique_probe (id int PRIMARY KEY); INSERT INTO unique_probe VALUES (1)');
});
afterAll(() => database?.close());

const insert = (id: number) => sql`INSERT INTO unique_probe VALUES (${id})`.execute(database.db).then(() => `inserted ${id}`);

describe('a unique key taken meanwhile', () => {
  it('is told apart from other errors by its SQLSTATE', async () => {
    const duplicate = await insert(1).catch((e: unknown) => e);
    const missing = await sql`INSERT INTO no_such_table VALUES (1)`.execute(database.db).catch((e: unknown) => e);
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isUniqueViolation(missing)).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });

  it('runs the alternative once, only when the key was taken', async () => {
    let calls = 0;
    const instead = () => {
      calls++;
      return insert(3);
    };
    expect(await onUniqueViolation(() => insert(2), instead)).toBe('inserted 2');
    expect(calls).toBe(0);
    expect(await onUniqueViolation(() => insert(1), instead)).toBe('inserted 3');
    expect(calls).toBe(1);
  });

  it('passes on any other error, and the alternative’s own error', async () => {
    await expect(
      onUniqueViolation(
        () => sql`INSERT INTO no_such_table VALUES (1)`.execute(database.db),
        () => 'never',
      ),
    ).rejects.toThrow(/no_such_table/);
    await expect(
      onUniqueViolation(
        () => insert(1),
        () => insert(1),
      ),
    ).rejects.toSatisfy(isUniqueViolation);
  });
});
