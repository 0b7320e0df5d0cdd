import { forbidden } from '../../platform/http/errors.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inRegion } from '../../platform/db/database.ts';
import { sendPage } from '../../platform/views/render.ts';
import { cachedPrincipal, chooseTenant, forgetSession, login, logout, SESSION_HOURS } from './accounts.ts';
import { LoginPage } from './views/Login.tsx';

export const SESSION_COOKIE = 'rathaus_session';

/** Loads the signed-in staff member for back-office requests. */
export async function loadStaff(this: FastifyInstance, req: FastifyRequest) {
  if (!req.url.startsWith('/verwaltung') && !req.url.startsWith('/studio')) return;
  const token = req.cookies[SESSION_COOKIE];
  if (token) req.staff = await cachedPrincipal(this.db, token);
}

/** For back-office routes: a person who is not signed in goes to the login page. */
export async function requireStaff(req: FastifyRequest, reply: FastifyReply) {
  if (!req.staff) return reply.redirect('/verwaltung/anmelden', 303);
}

/** The studio is for organisers: region and municipality admins; clerks work cases only. */
export async function requireOrganiser(req: FastifyRequest, reply: FastifyReply) {
  if (!req.staff) return reply.redirect('/verwaltung/anmelden', 303);
  if (req.staff.role === 'clerk') throw forbidden();
}

export async function accountRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { abgemeldet?: string } }>('/verwaltung/anmelden', async (req, reply) => {
    if (req.staff) return reply.redirect('/verwaltung/', 303);
    return sendPage(reply, LoginPage({ ctx: req.pageContext(), signedOut: req.query.abgemeldet === '1' }));
  });

  app.post<{ Body: { email?: string; password?: string } }>(
    '/verwaltung/anmelden',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      const email = String(req.body?.email ?? '');
      const password = String(req.body?.password ?? '');
      if (!email || !password) return sendPage(reply, LoginPage({ ctx: req.pageContext(), email, error: 'missing' }), 422);
      const result = await login(app.db, email, password, app.config.loginMaxFailures);
      if (!result.ok) {
        return sendPage(reply, LoginPage({ ctx: req.pageContext(), email, error: result.reason }), result.reason === 'locked' ? 429 : 422);
      }
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.behindTls,
        maxAge: SESSION_HOURS * 3600,
      });
      return reply.redirect('/verwaltung/', 303);
    },
  );

  app.post('/verwaltung/abmelden', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      await inRegion(app.db, (tx) => logout(tx, token, req.staff));
      forgetSession(token);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/verwaltung/anmelden?abgemeldet=1', 303);
  });

  app.post<{ Body: { municipality?: string } }>('/verwaltung/kommune', { preHandler: requireStaff }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE]!;
    await inRegion(app.db, (tx) => chooseTenant(tx, token, req.staff!, String(req.body?.municipality ?? '')));
    forgetSession(token);
    return reply.redirect('/verwaltung/', 303);
  });
}
