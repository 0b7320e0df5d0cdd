import { describe, expect, it } from 'vitest';
import { countJobFailure, countSignInFailure, processRegistry } from './metrics.ts';

const metricValue = async (name: string, labels: Record<string, string> = {}) => {
  const metric = await processRegistry().getSingleMetric(name)?.get();
  const match = metric?.values.find((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value));
  return match?.value ?? 0;
};

describe('process metrics', () => {
  it('count sign-in failures', async () => {
    const before = await metricValue('rathaus_sign_in_failures_total');
    countSignInFailure();
    countSignInFailure();
    expect(await metricValue('rathaus_sign_in_failures_total')).toBe(before + 2);
  });

  it('count job failures by topic and whether the job gave up', async () => {
    const retry = await metricValue('rathaus_job_failures_total', { topic: 'test.unit', outcome: 'retry' });
    countJobFailure('test.unit', false);
    countJobFailure('test.unit', true);
    expect(await metricValue('rathaus_job_failures_total', { topic: 'test.unit', outcome: 'retry' })).toBe(retry + 1);
    expect(await metricValue('rathaus_job_failures_total', { topic: 'test.unit', outcome: 'dead' })).toBeGreaterThanOrEqual(1);
  });

  it('include the process figures of Node', async () => {
    expect(await processRegistry().metrics()).toContain('process_cpu_user_seconds_total');
  });
});
