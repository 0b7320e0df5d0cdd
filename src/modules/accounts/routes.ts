import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { forbidden, notFound } from '../../platform/http/errors.ts';
import { safeReturnPath, signInLocation } from '../../platform/http/sign-in.ts';
import { formatDateTime } from '../../platform/i18n/format.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { sendPage } from '../../platform/views/render.ts';
import { addStaffNav } from '../../platform/views/staff-nav.ts';
import { cachedPrincipal, chooseTenant, endOwnSession, forgetSession, login, logout, ownSessions, SESSION_HOURS } from './accounts.ts';
import {
  type AccountRow,
  accountInScope,
  administeredOrganizations,
  changeRole,
  type Errors,
  inviteAccount,
  isAdmin,
  listAccounts,
  requestPasswordReset,
  rolesFor,
  sendAccountLink,
  setCaseRoles,
  setAccountActive,
} from './administration.ts';
import { rolesNamedBy } from '../workflows/index.ts';
import { openLink, setPasswordByLink } from './links.ts';
import { changeOwnPassword } from './passwords.ts';
import { normalizeEmail, schemas, validEmail } from './schema.ts';
import { type AccountItem, AccountPage, AccountsPage, InvitePage } from './views/Accounts.tsx';
import { LoginPage } from './views/Login.tsx';
import { ForgotPage, LinkGonePage, OwnAccountPage, SetPasswordPage } from './views/Passwords.tsx';

export const SESSION_COOKIE = 'rathaus_session';

/** Loads the signed-in staff member for back-office requests. */
export async function loadStaff(this: FastifyInstance, req: FastifyRequest) {
  if (!req.url.startsWith('/verwaltung') && !req.url.startsWith('/studio')) return;
  const token = req.cookies[SESSION_COOKIE];
  if (token) req.staff = await cachedPrincipal(this.db, token);
}

/** For back-office routes: a person who is not signed in goes to the login page, which brings them back afterwards. */
export async function requireStaff(req: FastifyRequest, reply: FastifyReply) {
  if (!req.staff) return reply.redirect(signInLocation(req), 303);
}

/** The studio is for organisers: region and municipality admins; clerks work cases only. */
export async function requireOrganiser(req: FastifyRequest, reply: FastifyReply) {
  if (!req.staff) return reply.redirect(signInLocation(req), 303);
  if (req.staff.role === 'clerk') throw forbidden();
}

/** Account administration: region and municipality admins. */
export async function requireAdmin(req: FastifyRequest, reply: FastifyReply) {
  if (!req.staff) return reply.redirect(signInLocation(req), 303);
  if (!isAdmin(req.staff)) throw forbidden();
}

const statusOf = (a: { active: boolean; invited?: boolean; password_hash?: string | null }): AccountItem['status'] =>
  !a.active ? 'inactive' : a.invited || a.password_hash === null ? 'invited' : 'active';

function accountItem(account: AccountRow, organizationName: string): AccountItem {
  return { id: account.id, name: account.name, email: account.email, role: account.role, organizationName, status: statusOf(account) };
}

const NOTICES: Record<string, MessageKey> = { eingeladen: 'accounts.notice.invited', geaendert: 'accounts.notice.changed', gesendet: 'accounts.notice.sent' };
const noticeOf = (query: Record<string, string | undefined>): MessageKey | undefined => {
  const found = Object.keys(NOTICES).find((k) => query[k] === '1');
  return found ? NOTICES[found] : undefined;
};

export async function accountRoutes(plain: FastifyInstance) {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  addStaffNav(
    { href: '/verwaltung/konten', label: 'accounts.nav', roles: ['region_admin', 'municipality_admin'] },
    { href: '/verwaltung/konto', label: 'accounts.own.nav', roles: ['region_admin', 'municipality_admin', 'clerk'] },
  );
  const timeZone = (staff: StaffPrincipal | null) => staff?.tenant?.time_zone ?? 'Europe/Berlin';

  app.get('/verwaltung/anmelden', { schema: schemas.loginPage }, async (req, reply) => {
    const next = safeReturnPath(req.query.weiter);
    if (req.staff) return reply.redirect(next ?? '/verwaltung/', 303);
    return sendPage(reply, LoginPage({ ctx: req.pageContext(), next, signedOut: req.query.abgemeldet === '1', passwordSet: req.query.passwort === '1' }));
  });

  app.post(
    '/verwaltung/anmelden',
    { schema: schemas.login, config: { rateLimit: { max: app.config.signInRateLimit, timeWindow: '1 minute' } } },
    async (req, reply) => {
      const email = String(req.body.email ?? '');
      const password = String(req.body.password ?? '');
      const next = safeReturnPath(req.body.weiter);
      if (!email || !password) return sendPage(reply, LoginPage({ ctx: req.pageContext(), email, next, error: 'missing' }), 422);
      const result = await login(app.db, { email, password, userAgent: req.headers['user-agent'] }, app.config.loginMaxFailures);
      if (!result.ok) {
        return sendPage(reply, LoginPage({ ctx: req.pageContext(), email, next, error: result.reason }), result.reason === 'locked' ? 429 : 422);
      }
      reply.setCookie(SESSION_COOKIE, result.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.behindTls, maxAge: SESSION_HOURS * 3600 });
      return reply.redirect(next ?? '/verwaltung/', 303);
    },
  );

  app.post('/verwaltung/abmelden', { schema: schemas.logout }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      await inRegion(app.db, (tx) => logout(tx, token, req.staff));
      forgetSession(token);
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/verwaltung/anmelden?abgemeldet=1', 303);
  });

  app.post('/verwaltung/kommune', { schema: schemas.chooseTenant, preHandler: requireStaff }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE]!;
    await inRegion(app.db, (tx) => chooseTenant(tx, token, req.staff!, String(req.body.municipality ?? '')));
    forgetSession(token);
    return reply.redirect('/verwaltung/', 303);
  });

  // Administration of accounts.
  app.get('/verwaltung/konten', { schema: schemas.list, preHandler: requireAdmin }, async (req, reply) => {
    const rows = await inRegion(app.db, (tx) => listAccounts(tx, req.staff!));
    const accounts = rows.map((r) => ({ id: r.id, name: r.name, email: r.email, role: r.role, organizationName: r.organization_name, status: statusOf(r) }));
    return sendPage(reply, AccountsPage({ ctx: req.pageContext(), accounts, notice: noticeOf(req.query) }));
  });

  const invitePage = async (req: FastifyRequest, reply: FastifyReply, values = {}, errors: Errors = {}) => {
    const orgs = await inRegion(app.db, (tx) => administeredOrganizations(tx, req.staff!));
    const roles = [...new Set(orgs.flatMap((o) => rolesFor(o)))];
    const page = InvitePage({ ctx: req.pageContext(), organizations: orgs.map((o) => ({ id: o.id, name: o.name })), roles, values, errors });
    return sendPage(reply, page, Object.keys(errors).length ? 422 : 200);
  };

  app.get('/verwaltung/konten/einladen', { schema: schemas.inviteForm, preHandler: requireAdmin }, (req, reply) => invitePage(req, reply));

  app.post('/verwaltung/konten/einladen', { schema: schemas.invite, preHandler: requireAdmin }, async (req, reply) => {
    const outcome = await inRegion(app.db, (tx) => inviteAccount(tx, req.staff!, req.body, req.locale));
    if (!outcome.ok) return invitePage(req, reply, req.body, outcome.errors);
    return reply.redirect('/verwaltung/konten?eingeladen=1', 303);
  });

  const accountPage = async (req: FastifyRequest, reply: FastifyReply, id: string, errors: Errors = {}, notice?: MessageKey, caseRolesError?: string) => {
    const found = await inRegion(app.db, (tx) => accountInScope(tx, req.staff!, id));
    if (!found) throw notFound();
    const account = accountItem(found.account, found.org.name);
    // The roles a municipality's workflows name; a region's accounts work no cases.
    const named = found.org.kind === 'municipality' ? await inTenant(app.db, found.org.id, (tx) => rolesNamedBy(tx, found.org.id)) : undefined;
    const caseRoles = named && {
      available: named.map((r) => ({ id: r.id, label: (req.locale === 'en' && r.label.en) || r.label.de, workflows: r.workflows })),
      held: found.account.case_roles,
      error: caseRolesError,
    };
    const page = AccountPage({ ctx: req.pageContext(), account, roles: rolesFor(found.org), self: id === req.staff!.id, errors, notice, caseRoles });
    return sendPage(reply, page, Object.keys(errors).length || caseRolesError ? 422 : 200);
  };
  const afterChange = (reply: FastifyReply, id: string, what: 'geaendert' | 'gesendet') => reply.redirect(`/verwaltung/konten/${id}?${what}=1`, 303);

  app.get('/verwaltung/konten/:id', { schema: schemas.account, preHandler: requireAdmin }, (req, reply) =>
    accountPage(req, reply, req.params.id, {}, noticeOf(req.query)),
  );

  app.post('/verwaltung/konten/:id/rolle', { schema: schemas.role, preHandler: requireAdmin }, async (req, reply) => {
    const outcome = await inRegion(app.db, (tx) => changeRole(tx, req.staff!, req.params.id, req.body.role));
    if (!outcome.ok) return accountPage(req, reply, req.params.id, outcome.errors);
    return afterChange(reply, req.params.id, 'geaendert');
  });

  app.post('/verwaltung/konten/:id/fallrollen', { schema: schemas.caseRoles, preHandler: requireAdmin }, async (req, reply) => {
    const found = await inRegion(app.db, (tx) => accountInScope(tx, req.staff!, req.params.id));
    if (!found) throw notFound();
    const roles = ([] as string[]).concat(req.body.roles ?? []).filter(Boolean);
    const named = found.org.kind === 'municipality' ? (await inTenant(app.db, found.org.id, (tx) => rolesNamedBy(tx, found.org.id))).map((r) => r.id) : [];
    const outcome = await inRegion(app.db, (tx) => setCaseRoles(tx, req.staff!, req.params.id, roles, named));
    if (!outcome.ok && outcome.error === 'unknownAccount') throw notFound();
    if (!outcome.ok)
      return accountPage(
        req,
        reply,
        req.params.id,
        {},
        undefined,
        req.t(outcome.error === 'region' ? 'workflows.accounts.regionAccount' : 'workflows.accounts.unknownRole'),
      );
    return afterChange(reply, req.params.id, 'geaendert');
  });

  app.post('/verwaltung/konten/:id/sperren', { schema: schemas.deactivate, preHandler: requireAdmin }, async (req, reply) => {
    const outcome = await inRegion(app.db, (tx) => setAccountActive(tx, req.staff!, req.params.id, false));
    if (!outcome.ok) return accountPage(req, reply, req.params.id, outcome.errors);
    return afterChange(reply, req.params.id, 'geaendert');
  });

  app.post('/verwaltung/konten/:id/freigeben', { schema: schemas.reactivate, preHandler: requireAdmin }, async (req, reply) => {
    const outcome = await inRegion(app.db, (tx) => setAccountActive(tx, req.staff!, req.params.id, true));
    if (!outcome.ok) throw notFound();
    return afterChange(reply, req.params.id, 'geaendert');
  });

  app.post('/verwaltung/konten/:id/link', { schema: schemas.sendReset, preHandler: requireAdmin }, async (req, reply) => {
    const outcome = await inRegion(app.db, (tx) => sendAccountLink(tx, req.staff!, req.params.id, req.locale));
    if (!outcome.ok) throw notFound();
    return afterChange(reply, req.params.id, 'gesendet');
  });

  // One-time links: open to everyone who holds one.
  app.get('/verwaltung/passwort-setzen/:token', { schema: schemas.linkForm }, async (req, reply) => {
    const state = await inRegion(app.db, (tx) => openLink(tx, app.config.appSecret, req.params.token));
    reply.header('referrer-policy', 'no-referrer');
    if (!state.ok) return sendPage(reply, LinkGonePage({ ctx: req.pageContext(), reason: state.reason }), 410);
    return sendPage(reply, SetPasswordPage({ ctx: req.pageContext(), token: req.params.token, name: state.name, email: state.email }));
  });

  app.post('/verwaltung/passwort-setzen/:token', { schema: schemas.linkSubmit }, async (req, reply) => {
    const { state, errors } = await inRegion(app.db, (tx) => setPasswordByLink(tx, app.config.appSecret, req.params.token, req.body));
    reply.header('referrer-policy', 'no-referrer');
    if (!state.ok) return sendPage(reply, LinkGonePage({ ctx: req.pageContext(), reason: state.reason }), 410);
    if (Object.keys(errors).length) {
      return sendPage(reply, SetPasswordPage({ ctx: req.pageContext(), token: req.params.token, name: state.name, email: state.email, errors }), 422);
    }
    return reply.redirect('/verwaltung/anmelden?passwort=1', 303);
  });

  app.get('/verwaltung/passwort-vergessen', { schema: schemas.forgotForm }, async (req, reply) =>
    sendPage(reply, ForgotPage({ ctx: req.pageContext(), sent: req.query.gesendet === '1' })),
  );

  app.post(
    '/verwaltung/passwort-vergessen',
    { schema: schemas.forgot, config: { rateLimit: { max: Math.ceil(app.config.signInRateLimit / 2), timeWindow: '1 minute' } } },
    async (req, reply) => {
      const email = normalizeEmail(String(req.body.email ?? ''));
      if (!validEmail(email)) return sendPage(reply, ForgotPage({ ctx: req.pageContext(), email, error: 'accounts.error.emailInvalid' }), 422);
      await inRegion(app.db, (tx) => requestPasswordReset(tx, email, req.locale));
      return reply.redirect('/verwaltung/passwort-vergessen?gesendet=1', 303);
    },
  );

  // One's own account.
  const ownPage = async (req: FastifyRequest, reply: FastifyReply, errors = {}, notice?: MessageKey) => {
    const staff = req.staff!;
    const sessions = await inRegion(app.db, (tx) => ownSessions(tx, staff));
    const when = (d: Date) => formatDateTime(d, timeZone(staff), req.locale);
    const items = sessions.map((s) => ({ id: s.id, since: when(s.createdAt), until: when(s.expiresAt), browser: s.userAgent, current: s.current }));
    return sendPage(
      reply,
      OwnAccountPage({ ctx: req.pageContext(), email: staff.email, sessions: items, errors, notice }),
      Object.keys(errors).length ? 422 : 200,
    );
  };

  app.get('/verwaltung/konto', { schema: schemas.own, preHandler: requireStaff }, (req, reply) =>
    ownPage(req, reply, {}, req.query.geaendert === '1' ? 'accounts.own.changed' : req.query.beendet === '1' ? 'accounts.own.ended' : undefined),
  );

  app.post('/verwaltung/konto/passwort', { schema: schemas.changePassword, preHandler: requireStaff }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE]!;
    const errors = await inRegion(app.db, (tx) => changeOwnPassword(tx, req.staff!, req.body, token));
    if (Object.keys(errors).length) return ownPage(req, reply, errors);
    return reply.redirect('/verwaltung/konto?geaendert=1', 303);
  });

  app.post('/verwaltung/konto/sitzungen/:id/beenden', { schema: schemas.endSession, preHandler: requireStaff }, async (req, reply) => {
    const ended = await inRegion(app.db, (tx) => endOwnSession(tx, req.staff!, req.params.id));
    if (!ended) throw notFound();
    return reply.redirect('/verwaltung/konto?beendet=1', 303);
  });
}
