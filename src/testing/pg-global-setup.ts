import { testDatabaseUrl } from '../platform/config.ts';
import { preparePostgresTemplate } from './harness.ts';

export default async function setup() {
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL suite (see .ci/run)');
  await preparePostgresTemplate(url);
}
