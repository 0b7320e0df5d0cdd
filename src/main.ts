// Entry: `server` | `worker` | CLI commands. Usage: npm run rathaus -- <command> [options]
import { parseArgs } from 'node:util';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './platform/config.ts';
import { openAndMigrate } from './platform/boot.ts';
import { DataDirLockedError } from './platform/db/lock.ts';
import { inRegion, type Db } from './platform/db/database.ts';
import { purgeDelivered, startJobLoop } from './platform/jobs/outbox.ts';
import { purgeRateLimits } from './platform/http/rate-limits.ts';
import type { BlobStore } from './platform/blobs/store.ts';
import { createMailer, type Mailer } from './platform/mail/mailer.ts';
import type { FastifyBaseLogger } from 'fastify';
import { AccountError, accountJobs, createStaffUser, purgeExpiredSessions, ROLES, type Role } from './modules/accounts/index.ts';
import { applicationJobs, purgeAllTenants, runWorkflowTimers } from './modules/applications/index.ts';
import { exportToFile } from './modules/archive/index.ts';
import { deleteExpiredEverywhere } from './modules/retention/index.ts';
import { checkChainsInFull } from './modules/auditlog/index.ts';
import { caseworkJobs } from './modules/casework/index.ts';
import { DEMO_PASSWORD, seedDemo, seedDemoCases } from './modules/demo/index.ts';
import { intakeJobs } from './modules/intake/index.ts';
import { createOrganization, organizationBySlug } from './modules/organizations/index.ts';
import { newToken } from './platform/ids.ts';
import { translator } from './platform/i18n/index.ts';

const USAGE = `Rathaus – Befehle (npm run rathaus -- <Befehl>):
  server                  startet den Webserver (npm start)
  worker                  arbeitet nur Hintergrundaufgaben ab (E-Mails)
  migrate                 wendet ausstehende Datenbank-Migrationen an
  seed:demo               lädt die Demodaten (idempotent)
  organization:create --kind region|municipality --slug S --name N --key AGS/BFS --country DE|CH --prefix GT [--parent REGION-SLUG]
  user:create --email E --name N --role clerk|municipality_admin|region_admin --organization SLUG [--password P]
  audit:verify            prüft die Hash-Kette des Audit-Logs jeder Organisation
  retention:purge         löscht, was seine Aufbewahrungsfrist überschritten hat, und rechnet Audit-Ketten
                          nach, die seit einem Tag nicht vollständig geprüft wurden (läuft im Server stündlich)
  xdomea:export SLUG --out DATEI.zip
                          schreibt das xdomea-Paket der Aussonderung einer Kommune (0501 Angebot, 0503 Übergabe)`;

const RETENTION_INTERVAL_MS = 3600_000;

/** Everything that has outlived its purpose: cases by their retention rules, drafts with their files, sessions, sent jobs. */
async function retentionRun(db: Db, blobs: BlobStore) {
  const cases = await deleteExpiredEverywhere(db, blobs);
  const totals = await purgeAllTenants(db, blobs);
  const chains = await checkChainsInFull(db);
  return {
    ...totals,
    applications: cases.applications,
    blobs: totals.blobs + cases.files,
    sessions: await purgeExpiredSessions(db),
    jobs: await purgeDelivered(db),
    rateLimits: await purgeRateLimits(db),
    workflowTimers: await runWorkflowTimers(db),
    brokenChains: chains.filter((c) => c.problems.length).map((c) => c.slug),
  };
}

/** Every module's outbox handlers, for the server's job loop and the worker. */
function jobHandlers(db: Db, mailer: Mailer, config: Config, log: FastifyBaseLogger, blobs: BlobStore) {
  const deps = { db, mailer, secret: config.appSecret, publicUrl: config.publicUrl, log };
  return {
    ...applicationJobs({ ...deps, blobs }),
    ...accountJobs(deps),
    ...caseworkJobs({ ...deps, blobs }),
    ...intakeJobs({ db, blobs, ocrCommand: config.ocrCommand, log }),
  };
}

async function server(config: Config) {
  const started = performance.now();
  const { database, blobs } = await openAndMigrate(config);
  const empty = !(await inRegion(database.db, (tx) => organizationBySlug(tx, 'kreis-guetersloh')));
  const seeded = empty && config.demoData ? await seedDemo(database.db) : undefined;
  if (config.databaseUrl && config.appSecretFromFile) {
    console.warn(
      `Hinweis: APP_SECRET ist nicht gesetzt; der Schlüssel liegt in ${config.dataDir}/secret.key. ` +
        'Laufen mehrere Prozesse (Server, Worker, weitere Knoten), brauchen alle dasselbe APP_SECRET.',
    );
  }
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const app = await buildApp({ config, database, blobs, mailer });
  const stopJobs = config.runJobs ? startJobLoop(database.db, jobHandlers(database.db, mailer, config, app.log, blobs), app.log) : async () => {};
  const purge = () =>
    retentionRun(database.db, blobs)
      .then((r) => r.brokenChains.length && app.log.error({ tenants: r.brokenChains }, 'audit chain broken: run audit:verify'))
      .catch((err) => app.log.error({ err }, 'retention purge failed'));
  const retention = config.runJobs ? setInterval(purge, RETENTION_INTERVAL_MS) : undefined;
  await app.listen({ port: config.port, host: config.host });
  const ms = Math.round(performance.now() - started);
  const backend = database.backend === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL-Server';
  console.log(`\nRathaus läuft auf ${config.publicUrl}/ (${backend}, bereit nach ${ms} ms)`);
  console.log(`  Portal:      ${config.publicUrl}/`);
  console.log(`  Verwaltung:  ${config.publicUrl}/verwaltung/`);
  console.log(`  Gesundheit:  ${config.publicUrl}/health`);
  if (seeded) {
    console.log(`\nDemodaten geladen. Demo-Zugänge (Passwort für alle: ${DEMO_PASSWORD}):`);
    for (const l of seeded.logins) console.log(`  ${l.email.padEnd(44)} ${l.role.padEnd(14)} ${l.organization}`);
  } else if (empty) {
    console.log('\nKeine Organisationen und keine Demodaten (DEMO_DATA=false). Legen Sie Zugänge mit "npm run rathaus -- user:create" an.');
  } else {
    console.log(`\nDemo-Zugänge wie beim ersten Start, z. B. sachbearbeitung@guetersloh.example / ${DEMO_PASSWORD}`);
  }
  // The demo cases go through the real case work (PDFs, files, transitions): seeded once the server answers, so the
  // first start is not held up by them; each municipality's cases are one transaction.
  if (seeded?.created) {
    seedDemoCases(database.db, blobs, config.appSecret)
      .then((n) => console.log(`Demovorgänge angelegt: ${n}.`))
      .catch((err) => app.log.error({ err }, 'demo cases failed'));
  }
  const shutdown = async () => {
    clearInterval(retention);
    await stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function worker(config: Config) {
  const { database, blobs } = await openAndMigrate(config);
  const mailer = createMailer(config.smtpUrl, config.mailFrom);
  const log = { error: (o: unknown, msg: string) => console.error(msg, o), info: (o: unknown, msg: string) => console.log(msg, o) };
  const stop = startJobLoop(database.db, jobHandlers(database.db, mailer, config, log as never, blobs), log);
  console.log('Rathaus-Worker läuft.');
  const shutdown = async () => {
    await stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

async function cli(command: string, args: string[], config: Config): Promise<number> {
  const { database, blobs } = await openAndMigrate(config);
  try {
    switch (command) {
      case 'retention:purge': {
        const totals = await retentionRun(database.db, blobs);
        console.log(
          `Gelöscht: ${totals.applications} Anträge, ${totals.drafts} unfertige Anträge, ${totals.blobs} Dateien, ` +
            `${totals.sessions} abgelaufene Sitzungen, ${totals.jobs} erledigte Aufträge.`,
        );
        return 0;
      }
      case 'xdomea:export': {
        const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
        if (positionals.length !== 1 || !values.out) {
          console.error(`Bitte Kommune und --out angeben, z. B. xdomea:export guetersloh --out aussonderung.zip\n\n${USAGE}`);
          return 2;
        }
        const result = await exportToFile(database.db, blobs, positionals[0]!, values.out);
        (result.code ? console.error : console.log)(result.message);
        return result.code;
      }
      case 'migrate':
        console.log('Datenbank ist auf dem neuesten Stand.');
        return 0;
      case 'seed:demo': {
        const { logins } = await seedDemo(database.db);
        const cases = await seedDemoCases(database.db, blobs, config.appSecret);
        console.log(`Demodaten vorhanden: ${logins.length} Zugänge, Passwort ${DEMO_PASSWORD}; ${cases} Demovorgänge neu angelegt`);
        return 0;
      }
      case 'organization:create': {
        const { values } = parseArgs({
          args,
          options: {
            kind: { type: 'string' },
            slug: { type: 'string' },
            name: { type: 'string' },
            key: { type: 'string' },
            country: { type: 'string' },
            prefix: { type: 'string' },
            parent: { type: 'string' },
          },
        });
        const result = await inRegion(database.db, (tx) => createOrganization(tx, values));
        if (!result.ok) {
          console.error(translator('de')(result.key, result.params));
          return 2;
        }
        console.log(`Organisation angelegt: ${values.name} (/${values.slug}/)`);
        return 0;
      }
      case 'user:create': {
        const { values } = parseArgs({
          args,
          options: {
            email: { type: 'string' },
            name: { type: 'string' },
            role: { type: 'string' },
            organization: { type: 'string' },
            password: { type: 'string' },
          },
        });
        if (!values.email || !values.name || !values.role || !values.organization) {
          console.error(`Bitte --email, --name, --role und --organization angeben.\n\n${USAGE}`);
          return 2;
        }
        if (!ROLES.includes(values.role as Role)) {
          console.error(`Unbekannte Rolle "${values.role}". Erlaubt: ${ROLES.join(', ')}`);
          return 2;
        }
        const password = values.password ?? newToken().slice(0, 20);
        const org = await inRegion(database.db, (tx) => organizationBySlug(tx, values.organization!));
        if (!org) {
          console.error(`Keine Organisation mit dem Kürzel "${values.organization}".`);
          return 2;
        }
        await inRegion(database.db, (tx) =>
          createStaffUser(tx, { email: values.email!, name: values.name!, role: values.role as Role, organizationId: org.id, password }, 'cli'),
        );
        console.log(`Konto angelegt: ${values.email} (${values.role}, ${org.name})${values.password ? '' : `\nPasswort: ${password}`}`);
        return 0;
      }
      case 'audit:verify': {
        let problems = 0;
        for (const result of await checkChainsInFull(database.db, { all: true })) {
          for (const p of result.problems) {
            problems++;
            console.log(
              `${result.slug}: Eintrag ${p.seq} ${p.problem === 'changed' ? 'wurde verändert' : p.problem === 'missing' ? 'fehlt (gelöscht)' : 'passt nicht zum Kettenkopf'}`,
            );
          }
          console.log(`${result.slug}: ${result.entries} Einträge geprüft${result.problems.length ? `, ${result.problems.length} Probleme` : ', in Ordnung'}`);
        }
        return problems ? 1 : 0;
      }
      default:
        console.error(`Unbekannter Befehl "${command}".\n\n${USAGE}`);
        return 2;
    }
  } catch (e) {
    if (e instanceof AccountError) {
      console.error(translator('de')(e.key));
      return 2;
    }
    throw e;
  } finally {
    await database.close();
  }
}

async function main() {
  const [command = 'server', ...args] = process.argv.slice(2);
  try {
    const config = loadConfig();
    if (command === 'server') return await server(config);
    if (command === 'worker') return await worker(config);
    process.exit(await cli(command, args, config));
  } catch (e) {
    if (e instanceof DataDirLockedError || e instanceof ConfigError) {
      console.error(e.message);
      process.exit(3);
    }
    throw e;
  }
}

await main();
