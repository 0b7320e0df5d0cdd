// Figures of the whole process, counted wherever they happen (the job runner, sign-in), also where no app is at hand.
// Each app's /metrics merges this registry with its own; tests build many apps in one process, this exists once.
import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

interface ProcessMetrics {
  registry: Registry;
  jobFailures: Counter<'topic' | 'outcome'>;
  signInFailures: Counter;
}

let metrics: ProcessMetrics | undefined;

function processMetrics(): ProcessMetrics {
  if (metrics) return metrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  metrics = {
    registry,
    jobFailures: new Counter({
      name: 'rathaus_job_failures_total',
      help: 'Outbox jobs that failed; outcome "retry" runs again later, "dead" gave up after the last attempt',
      labelNames: ['topic', 'outcome'],
      registers: [registry],
    }),
    signInFailures: new Counter({ name: 'rathaus_sign_in_failures_total', help: 'Sign-ins refused', registers: [registry] }),
  };
  return metrics;
}

/** The registry of process-wide metrics: Node's own (memory, event loop, GC) and the counters below. */
export const processRegistry = (): Registry => processMetrics().registry;

/** A job failed; `dead` when it will not be tried again. Topics are the code's own, so the label stays small. */
export function countJobFailure(topic: string, dead: boolean): void {
  processMetrics().jobFailures.inc({ topic, outcome: dead ? 'dead' : 'retry' });
}

/** A sign-in was refused. Counted without the account: a rising line is the alert, the audit log has the detail. */
export function countSignInFailure(): void {
  processMetrics().signInFailures.inc();
}
