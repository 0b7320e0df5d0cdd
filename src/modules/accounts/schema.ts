// The accounts module's words and route schemas; the handlers' types are inferred from the same schemas.
import { FormBody, HtmlPage, SeeOther, type Static, Type } from '../../platform/http/schema.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';

export const ROLES = ['region_admin', 'municipality_admin', 'clerk'] as const;
export type Role = (typeof ROLES)[number];
export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

export type AccountErrorKey = Extract<MessageKey, `accounts.error.${string}`>;

/** A refused account change; the key names the message shown beside the field. */
export class AccountError extends Error {
  constructor(
    readonly key: AccountErrorKey,
    readonly field?: string,
  ) {
    super(key);
  }
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();
export const validEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254;

const Str = Type.Optional(Type.String());
const page = (what: string) => ({ 200: HtmlPage(what), 422: HtmlPage(`${what}, mit Fehlermeldungen`) });

export const LoginQuery = Type.Object({ abgemeldet: Str, passwort: Str, weiter: Str });
export const LoginBody = FormBody({ email: Str, password: Str, weiter: Str });
export const TenantBody = FormBody({ municipality: Str });

export const AccountParams = Type.Object({ id: Type.String() });
export const LinkParams = Type.Object({ token: Type.String() });
export const SessionParams = Type.Object({ id: Type.String() });

export const InviteBody = FormBody({ email: Str, name: Str, role: Str, organization: Str });
export const RoleBody = FormBody({ role: Str });
export const SetPasswordBody = FormBody({ password: Str, repeat: Str });
export const ChangePasswordBody = FormBody({ current: Str, password: Str, repeat: Str });
export const ForgotBody = FormBody({ email: Str });
export const ListQuery = Type.Object({ eingeladen: Str, geaendert: Str, gesendet: Str });
export const OwnQuery = Type.Object({ geaendert: Str, beendet: Str });

export type InviteInput = Static<typeof InviteBody>;
export type SetPasswordInput = Static<typeof SetPasswordBody>;
export type ChangePasswordInput = Static<typeof ChangePasswordBody>;

export const schemas = {
  loginPage: {
    tags: ['accounts'],
    summary: 'Anmeldeseite der Verwaltung',
    querystring: LoginQuery,
    response: { 200: HtmlPage('Anmeldeformular'), 303: SeeOther },
  },
  login: {
    tags: ['accounts'],
    summary: 'Anmelden',
    body: LoginBody,
    response: { 303: SeeOther, 422: HtmlPage('Anmeldeformular mit Fehler'), 429: HtmlPage('Zu viele Fehlversuche') },
  },
  logout: { tags: ['accounts'], summary: 'Abmelden', body: FormBody({}), response: { 303: SeeOther } },
  chooseTenant: { tags: ['accounts'], summary: 'Kommune wählen (Regionsadmin)', body: TenantBody, response: { 303: SeeOther } },
  list: { tags: ['accounts'], summary: 'Konten der eigenen Organisation', querystring: ListQuery, response: { 200: HtmlPage('Kontenliste') } },
  inviteForm: { tags: ['accounts'], summary: 'Formular: Konto einladen', response: { 200: HtmlPage('Einladungsformular') } },
  invite: {
    tags: ['accounts'],
    summary: 'Konto einladen (E-Mail mit einmaligem Link)',
    body: InviteBody,
    response: { 303: SeeOther, ...page('Einladungsformular') },
  },
  account: {
    tags: ['accounts'],
    summary: 'Ein Konto: Rolle, Status, Passwort-Link',
    params: AccountParams,
    querystring: ListQuery,
    response: { 200: HtmlPage('Konto') },
  },
  role: { tags: ['accounts'], summary: 'Rolle ändern', params: AccountParams, body: RoleBody, response: { 303: SeeOther, 422: HtmlPage('Konto mit Fehler') } },
  caseRoles: {
    tags: ['accounts'],
    summary: 'Rollen in Abläufen vergeben (z. B. Leitung, Kasse)',
    params: AccountParams,
    body: FormBody({ roles: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])) }),
    response: { 303: SeeOther, 422: HtmlPage('Konto mit Fehler') },
  },
  deactivate: {
    tags: ['accounts'],
    summary: 'Konto sperren',
    params: AccountParams,
    body: FormBody({}),
    response: { 303: SeeOther, 422: HtmlPage('Konto mit Fehler') },
  },
  reactivate: { tags: ['accounts'], summary: 'Konto wieder freigeben', params: AccountParams, body: FormBody({}), response: { 303: SeeOther } },
  sendReset: {
    tags: ['accounts'],
    summary: 'Link zum Zurücksetzen des Passworts senden',
    params: AccountParams,
    body: FormBody({}),
    response: { 303: SeeOther },
  },
  linkForm: {
    tags: ['accounts'],
    summary: 'Passwort über einmaligen Link setzen',
    params: LinkParams,
    response: { 200: HtmlPage('Passwortformular'), 410: HtmlPage('Link ungültig') },
  },
  linkSubmit: {
    tags: ['accounts'],
    summary: 'Passwort über einmaligen Link setzen',
    params: LinkParams,
    body: SetPasswordBody,
    response: { 303: SeeOther, 410: HtmlPage('Link ungültig'), 422: HtmlPage('Passwortformular mit Fehler') },
  },
  forgotForm: { tags: ['accounts'], summary: 'Passwort vergessen', querystring: Type.Object({ gesendet: Str }), response: { 200: HtmlPage('Formular') } },
  forgot: {
    tags: ['accounts'],
    summary: 'Link zum Zurücksetzen anfordern',
    body: ForgotBody,
    response: { 303: SeeOther, 422: HtmlPage('Formular mit Fehler') },
  },
  own: { tags: ['accounts'], summary: 'Eigenes Konto: Passwort und Sitzungen', querystring: OwnQuery, response: { 200: HtmlPage('Eigenes Konto') } },
  changePassword: {
    tags: ['accounts'],
    summary: 'Eigenes Passwort ändern',
    body: ChangePasswordBody,
    response: { 303: SeeOther, 422: HtmlPage('Eigenes Konto mit Fehler') },
  },
  endSession: { tags: ['accounts'], summary: 'Eine eigene Sitzung beenden', params: SessionParams, body: FormBody({}), response: { 303: SeeOther } },
} as const;
