// A test app whose mails go to a local SMTP sink, with the module's outbox handlers at hand to deliver them.
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../platform/config.ts';
import type { BlobStore } from '../platform/blobs/store.ts';
import type { Db } from '../platform/db/database.ts';
import { type JobHandlers, runDueJobs } from '../platform/jobs/outbox.ts';
import { createMailer, type Mailer } from '../platform/mail/mailer.ts';
import { createTestApp, type TestApp } from './harness.ts';
import { startSmtpSink } from './smtp-sink.ts';

type JobDeps = { db: Db; mailer: Mailer; secret: string; publicUrl: string; log: FastifyBaseLogger; blobs: BlobStore };

export interface MailTestApp {
  t: TestApp;
  sink: Awaited<ReturnType<typeof startSmtpSink>>;
  /** Runs the due outbox jobs with the given handlers, as the job loop would. */
  deliverMail: () => Promise<number>;
  close: () => Promise<void>;
}

export async function createMailTestApp(options: { from: string; jobs: (deps: JobDeps) => JobHandlers; config?: Partial<Config> }): Promise<MailTestApp> {
  const sink = await startSmtpSink();
  const t = await createTestApp({ mailer: createMailer(sink.url, options.from), config: options.config });
  const deps = { db: t.app.db, mailer: t.app.mailer, secret: t.config.appSecret, publicUrl: t.config.publicUrl, log: t.app.log, blobs: t.app.blobs };
  return {
    t,
    sink,
    deliverMail: () => runDueJobs(t.app.db, options.jobs(deps)),
    close: async () => {
      await t.close();
      await sink.close();
    },
  };
}
