// The decision letter's template per municipality: the salutation from the answers' name fields and a body with
// placeholders from the case ({{Aktenzeichen}}, {{Leistung}}, answers by field id). An unknown placeholder is refused
// when the template is saved, so a Bescheid never shows one unfilled.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { formatDate, todayIn } from '../../platform/i18n/format.ts';
import type { Locale, Message, Translate } from '../../platform/i18n/index.ts';
import { type Answers, allFields, answerText, fieldWithRole, type FormDefinition, hasControlCharacters } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import { allServicesOf, type Service } from '../services/index.ts';
import * as repo from './repository.ts';

export const TEMPLATE_MAX = 8000;
/** Placeholders every case fills; besides them, any field id of one of the municipality's forms. */
export const BUILT_IN = ['Aktenzeichen', 'Leistung', 'Name', 'Eingangsdatum', 'Datum', 'Kommune'] as const;
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export const placeholdersIn = (body: string): string[] => [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]!))];

/** Field ids of every form the municipality offers, A–Z: what a template may name besides the built-in ones. */
export async function fieldIdsOf(tx: Tx, tenantId: string): Promise<string[]> {
  const ids = new Set<string>();
  for (const s of await allServicesOf(tx, tenantId)) for (const f of allFields(s.definition.form)) if (f.type !== 'info') ids.add(f.id);
  return [...ids].sort();
}

export function checkTemplate(raw: string | undefined, fieldIds: string[]): { ok: true; body: string } | { ok: false; error: Message } {
  const body = (raw ?? '').toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (!body) return { ok: false, error: { key: 'casework.error.templateEmpty' } };
  if (body.length > TEMPLATE_MAX) return { ok: false, error: { key: 'casework.error.templateTooLong' } };
  if (hasControlCharacters(body.replace(/[\n\t]/g, ' '))) return { ok: false, error: { key: 'casework.error.controlCharacters' } };
  const known = new Set<string>([...BUILT_IN, ...fieldIds]);
  const unknown = placeholdersIn(body).filter((p) => !known.has(p));
  if (unknown.length) return { ok: false, error: { key: 'casework.error.templatePlaceholder', params: { names: unknown.map((u) => `{{${u}}}`).join(', ') } } };
  // A brace left open or closed alone is a placeholder typed wrong.
  if (/\{\{|\}\}/.test(body.replace(PLACEHOLDER, ''))) return { ok: false, error: { key: 'casework.error.templateBraces' } };
  return { ok: true, body };
}

export const templateOf = (tx: Tx, tenantId: string) => repo.templateOf(tx, tenantId);

export async function saveTemplate(
  tx: Tx,
  org: Pick<Organization, 'id'>,
  staff: Pick<StaffPrincipal, 'id'>,
  raw: string | undefined,
  now = new Date(),
): Promise<{ ok: true } | { ok: false; error: Message }> {
  const checked = checkTemplate(raw, await fieldIdsOf(tx, org.id));
  if (!checked.ok) return checked;
  await repo.upsertTemplate(tx, { tenant_id: org.id, body: checked.body, updated_at: now, updated_by: staff.id });
  await audit(tx, org.id, {
    actor: `staff:${staff.id}`,
    action: 'decision_template.saved',
    objectType: 'organization',
    objectId: org.id,
    data: { placeholders: placeholdersIn(checked.body) },
  });
  return { ok: true };
}

type CaseData = { reference: string; applicant_name: string; submitted_at: Date | string; answers: unknown };

const FEMALE = /^(frau|weiblich|w|female)$/i;
const MALE = /^(herr|maennlich|männlich|m|male)$/i;

/** "Sehr geehrte Frau Müller," / "Sehr geehrter Herr Müller," where the answers say so, else "Guten Tag Alex Müller,". */
export function salutation(form: FormDefinition, answers: Answers, applicantName: string, t: Translate): string {
  const text = (id: string | undefined) => (id && typeof answers[id] === 'string' ? (answers[id] as string).trim() : '');
  const field = allFields(form).find((f) => /^(anrede|geschlecht|salutation)$/i.test(f.id));
  const form_ = text(field?.id);
  const last = text(fieldWithRole(form, 'lastName'));
  if (last && FEMALE.test(form_)) return t('casework.letter.female', { name: last });
  if (last && MALE.test(form_)) return t('casework.letter.male', { name: last });
  const name = applicantName.trim();
  return name ? t('casework.letter.neutral', { name }) : t('casework.letter.none');
}

/** The template filled with the case's data, in paragraphs (split at blank lines). */
export function fillTemplate(
  body: string,
  org: Pick<Organization, 'name' | 'time_zone' | 'country' | 'currency'>,
  service: Pick<Service, 'title' | 'definition'>,
  a: CaseData,
  t: Translate,
  locale: Locale,
  now = new Date(),
): string[] {
  const answers = (a.answers ?? {}) as Answers;
  const fields = allFields(service.definition.form);
  const values: Record<string, string> = {
    Aktenzeichen: a.reference,
    Leistung: service.title,
    Name: a.applicant_name,
    Eingangsdatum: formatDate(todayIn(org.time_zone, new Date(a.submitted_at)), locale, org),
    Datum: formatDate(todayIn(org.time_zone, now), locale, org),
    Kommune: org.name,
  };
  const filled = (name: string) => {
    if (Object.hasOwn(values, name)) return values[name]!;
    const field = fields.find((f) => f.id === name);
    if (!field) return '–';
    const text = answerText(field, answers[name] as never, t, locale, org.currency);
    return text || '–';
  };
  return body
    .replace(PLACEHOLDER, (_m, name: string) => filled(name))
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** The letter parts a Bescheid takes from the template, or undefined when the municipality has none. */
export async function decisionLetter(
  tx: Tx,
  org: Pick<Organization, 'id' | 'name' | 'time_zone' | 'country' | 'currency'>,
  service: Pick<Service, 'title' | 'definition'>,
  a: CaseData,
  t: Translate,
  locale: Locale,
): Promise<{ salutation: string; paragraphs: string[] } | undefined> {
  const template = await repo.templateOf(tx, org.id);
  if (!template) return undefined;
  return {
    salutation: salutation(service.definition.form, (a.answers ?? {}) as Answers, a.applicant_name, t),
    paragraphs: fillTemplate(template.body, org, service, a, t, locale),
  };
}
