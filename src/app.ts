// Builds the Fastify app from platform plugins and modules. It never listens: main.ts and tests do.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import compress from '@fastify/compress';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import type { BlobStore } from './platform/blobs/store.ts';
import type { Mailer } from './platform/mail/mailer.ts';
import { HttpProblem, installErrorHandlers } from './platform/http/errors.ts';
import { REQUEST_ID_HEADER, requestIdFor } from './platform/http/request-id.ts';
import { databaseRateStore } from './platform/http/rate-limits.ts';
import { openApi } from './platform/http/openapi.ts';
import { isLocale, translator, type Locale } from './platform/i18n/index.ts';
import './platform/http/types.ts';
import { organizationRoutes } from './modules/organizations/index.ts';
import { accountRoutes, loadStaff } from './modules/accounts/index.ts';
import { serviceRoutes } from './modules/services/index.ts';
import { applicationRoutes } from './modules/applications/index.ts';
import { systemRoutes } from './modules/system/index.ts';
import { studioRoutes } from './modules/studio/index.ts';
import { calculatorRoutes } from './modules/calculators/index.ts';
import { teamRoutes } from './modules/teams/index.ts';
import { intakeRoutes } from './modules/intake/index.ts';
import { recordRoutes } from './modules/records/index.ts';
import { decisionRoutes } from './modules/decisions/index.ts';
import { caseworkRoutes } from './modules/casework/index.ts';
import { auditLogRoutes } from './modules/auditlog/index.ts';
import { legalRoutes } from './modules/legal/index.ts';
import { createOperationsMetrics, operationsRoutes } from './modules/operations/index.ts';
import { retentionRoutes } from './modules/retention/index.ts';
import { archiveRoutes } from './modules/archive/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const kernDist = path.join(path.dirname(createRequire(import.meta.url).resolve('@kern-ux/native/package.json')), 'dist');
/** json-logic-js's browser build: form-rules.js runs the forms' rules with it. */
const jsonLogicBrowser = createRequire(import.meta.url).resolve('json-logic-js/logic.js');

/** Status links carry a secret; it never reaches the logs. */
export const redactUrl = (url: string) => url.replace(/\/antraege\/[^/?]+/, '/antraege/[redacted]').replace(/\/fortsetzen\/[^/?]+/, '/fortsetzen/[redacted]');

export interface AppParts {
  config: Config;
  database: Database;
  blobs: BlobStore;
  mailer: Mailer;
  logger?: boolean | object;
}

export async function buildApp(parts: AppParts): Promise<FastifyInstance> {
  const { config, database } = parts;
  const app = Fastify({
    logger:
      parts.logger === false
        ? false
        : {
            level: config.logLevel,
            ...(typeof parts.logger === 'object' ? parts.logger : {}),
            serializers: { req: (req) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }) },
          },
    trustProxy: config.behindTls ? config.trustProxy : false,
    bodyLimit: 1024 * 1024,
    genReqId: requestIdFor,
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
  });
  app.decorate('db', database.db);
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('blobs', parts.blobs);
  app.decorate('mailer', parts.mailer);

  // On every answer, errors included: the same id is on the error page and in the log lines of this request.
  app.addHook('onSend', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  const metrics = createOperationsMetrics(database);
  app.addHook('onResponse', metrics.countResponse);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.behindTls ? [] : null,
      },
    },
    hsts: config.behindTls,
  });
  // Brotli's default quality 11 costs tens of milliseconds per stylesheet; 5 keeps nearly the same size.
  await app.register(compress, { global: true, threshold: 1024, brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } } });
  await app.register(cookie, { secret: config.appSecret });
  await app.register(csrf, {
    cookieKey: 'rathaus_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: config.behindTls },
    getToken: (req) => (req.body as Record<string, unknown> | undefined)?._csrf as string | undefined,
  });
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    // Each route checks its own cap (the scanning intake takes larger files than the portal); this one cuts the larger.
    limits: { fileSize: Math.max(config.uploadMaxBytes, config.scanMaxBytes), files: 20, fields: 2000, fieldSize: 64 * 1024 },
    throwFileSizeLimit: false,
    // Keep name, type and whether the size cap cut the file, so the page can say why it was refused.
    async onFile(part) {
      const data = await part.toBuffer();
      (part as unknown as { value: unknown }).value = {
        filename: part.filename,
        mimetype: part.mimetype,
        data,
        truncated: part.file.truncated,
      };
    },
  });
  // Counted in the database: several app processes share one limit.
  await app.register(rateLimit, { global: false, store: databaseRateStore(database.db, config.appSecret) });
  await app.register(fastifyStatic, { root: kernDist, prefix: '/assets/kern/', decorateReply: false, maxAge: '1d' });
  await app.register(fastifyStatic, { root: path.join(here, 'platform/views/assets'), prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  const jsonLogicScript = await readFile(jsonLogicBrowser);
  app.get('/assets/vendor/json-logic.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(jsonLogicScript),
  );

  app.decorateRequest('locale', 'de');
  app.decorateRequest('t', null as never);
  app.decorateRequest('staff', null);
  app.decorateRequest('pageContext', function (this: import('fastify').FastifyRequest) {
    const reply = (this as unknown as { _reply?: import('fastify').FastifyReply })._reply;
    return {
      t: this.t,
      locale: this.locale,
      path: this.url,
      csrfToken: reply ? reply.generateCsrf() : '',
      staff: this.staff
        ? { name: this.staff.name, organizationName: this.staff.organizationName, organiser: this.staff.role !== 'clerk', role: this.staff.role }
        : null,
    };
  });

  app.addHook('onRequest', async (req, reply) => {
    (req as unknown as { _reply: unknown })._reply = reply;
    const query = req.query as Record<string, unknown>;
    let locale: Locale = 'de';
    if (isLocale(query?.lang)) {
      locale = query.lang;
      reply.setCookie('lang', locale, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 31536000 });
    } else if (isLocale(req.cookies.lang)) {
      locale = req.cookies.lang;
    }
    req.locale = locale;
    req.t = translator(locale);
  });
  app.addHook('onRequest', loadStaff);
  // Uploads are read into memory: only routes made for them may receive them, checked before any byte is read.
  app.addHook('preParsing', async (req) => {
    if (/^multipart\//i.test(req.headers['content-type'] ?? '') && !req.routeOptions.config?.multipart) {
      throw new HttpProblem(415, 'unsupported_media_type', 'errors.badRequest.title');
    }
  });
  // Every state-changing form carries a CSRF token; the JSON API uses no cookies for writes.
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'POST' && !req.url.startsWith('/api/') && !req.url.startsWith('/open311/')) {
      return app.csrfProtection(req, reply, done);
    }
    done();
  });

  // Pages with personal data (back office, form steps, status) stay out of browser and proxy caches.
  app.addHook('onSend', async (req, reply) => {
    if (!reply.hasHeader('cache-control') && /^\/(verwaltung\/|studio\/|[a-z0-9-]+\/(leistungen\/[^/]+\/antrag|antraege\/))/.test(req.url)) {
      reply.header('cache-control', 'no-store');
    }
  });

  installErrorHandlers(app);
  await app.register(openApi);
  await app.register(systemRoutes);
  await app.register(organizationRoutes);
  await app.register(accountRoutes);
  await app.register(serviceRoutes);
  // Before the portal's routes: its hook gives the check page the texts of its privacy notice.
  await app.register(legalRoutes);
  await app.register(applicationRoutes);
  await app.register(studioRoutes);
  await app.register(calculatorRoutes);
  await app.register(teamRoutes);
  await app.register(intakeRoutes);
  await app.register(recordRoutes);
  await app.register(decisionRoutes);
  await app.register(caseworkRoutes);
  await app.register(auditLogRoutes);
  await app.register(operationsRoutes, { metrics });
  await app.register(retentionRoutes);
  await app.register(archiveRoutes);
  return app;
}
