// A unique key taken by a concurrent transaction between this one's check and its insert: PostgreSQL refuses the
// insert with unique_violation (SQLSTATE 23505) and rolls the transaction back. The caller decides what follows:
// run the work again (it then finds what the other transaction made) or tell the person the name is taken.

/** Whether an error is PostgreSQL's unique_violation. */
export const isUniqueViolation = (error: unknown): boolean => (error as { code?: string } | null)?.code === '23505';

/**
 * Runs `work`; when it fails on a unique key, runs `instead` once (pass `work` itself to retry). Any other error,
 * and any error of `instead`, is thrown on.
 */
export async function onUniqueViolation<T, U = T>(work: () => Promise<T>, instead: () => U | Promise<U>): Promise<T | U> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return instead();
  }
}
