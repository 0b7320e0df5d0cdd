// Demo content, clearly marked as such: a German region modelled on Kreis Gütersloh and a Swiss one on Kanton Aargau.
// Each region writes its service templates once (data/templates/<set>/<slug>.json); its municipalities adopt them with
// their own offices, hours, notes and local fees (data/local.json), and some offer services of their own (data/own/).
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from '../../platform/db/database.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { translator } from '../../platform/i18n/index.ts';
import { AccountError, createStaffUser, type Role } from '../accounts/index.ts';
import type { DefinitionProblem, FieldDefinition, Text } from '../forms/index.ts';
import { allOrganizations, insertOrganization, organizationBySlug } from '../organizations/index.ts';
import { seedDemoFeeTables } from '../calculators/index.ts';
import {
  acceptTemplateVersion,
  adoptTemplate,
  allServicesOf,
  createOwnService,
  createTemplate,
  listTemplates,
  publishTemplate,
  saveTemplateDraft,
  templateById,
  type LocalDetails,
  type ServiceContent,
} from '../services/index.ts';

export const DEMO_PASSWORD = 'Rathaus-Demo-2026';

interface DemoOrg {
  slug: string;
  name: string;
  key: string;
  prefix: string;
  color: string;
  contact: Record<string, string>;
  fees?: number[];
  phone?: string;
  address?: string;
}
interface DemoRegion {
  slug: string;
  name: string;
  key: string;
  country: 'DE' | 'CH';
  tz: string;
  currency: 'EUR' | 'CHF';
  prefix: string;
  /** The region's own contact: the operator's Impressum and accessibility statement name it. */
  contact: Record<string, string>;
  /** The folder under data/templates/ with this region's templates. */
  templateSet: 'de' | 'ch';
  municipalities: DemoOrg[];
}

export const DEMO_REGIONS: DemoRegion[] = [
  {
    slug: 'kreis-guetersloh',
    name: 'Kreis Gütersloh',
    key: '05754',
    country: 'DE',
    tz: 'Europe/Berlin',
    currency: 'EUR',
    prefix: 'KGT',
    contact: { address: 'Herzebrocker Straße 140, 33334 Gütersloh', email: 'info@kreis-guetersloh.example', phone: '+49 5241 85-0' },
    templateSet: 'de',
    municipalities: [
      {
        slug: 'guetersloh',
        name: 'Stadt Gütersloh',
        key: '057540008008',
        prefix: 'GT',
        color: '#005a8c',
        contact: { email: 'info@guetersloh.example', phone: '+49 5241 82-0' },
        address: 'Berliner Straße 70, 33330 Gütersloh',
      },
      {
        slug: 'rheda-wiedenbrueck',
        name: 'Stadt Rheda-Wiedenbrück',
        key: '057540028028',
        prefix: 'RW',
        color: '#7a1f2b',
        contact: { email: 'info@rheda-wiedenbrueck.example', phone: '+49 5242 963-0' },
        fees: [9600, 12000, 48000],
        phone: '+49 5242 963-0',
        address: 'Rathausplatz 13, 33378 Rheda-Wiedenbrück',
      },
      {
        slug: 'harsewinkel',
        name: 'Stadt Harsewinkel',
        key: '057540016016',
        prefix: 'HW',
        color: '#1d5e2a',
        contact: { email: 'info@harsewinkel.example', phone: '+49 5247 935-0' },
        fees: [8400, 10800, 54000],
        phone: '+49 5247 935-0',
        address: 'Münsterstraße 14, 33428 Harsewinkel',
      },
    ],
  },
  {
    slug: 'kanton-aargau',
    name: 'Kanton Aargau',
    key: '19',
    country: 'CH',
    tz: 'Europe/Zurich',
    currency: 'CHF',
    prefix: 'AG',
    contact: { address: 'Regierungsgebäude, Laurenzenvorstadt 9, 5001 Aarau', email: 'info@kanton-aargau.example', phone: '+41 62 835 11 11' },
    templateSet: 'ch',
    municipalities: [
      {
        slug: 'aarau',
        name: 'Stadt Aarau',
        key: '4001',
        prefix: 'AA',
        color: '#a3141c',
        contact: { email: 'info@aarau.example', phone: '+41 62 836 05 11' },
        fees: [15000, 15000, 30000],
        phone: '+41 62 836 05 11',
        address: 'Rathausgasse 1, 5000 Aarau',
      },
      {
        slug: 'baden',
        name: 'Stadt Baden',
        key: '4021',
        prefix: 'BA',
        color: '#00456b',
        contact: { email: 'info@baden.example', phone: '+41 56 200 82 00' },
        fees: [12000, 12000, 24000],
        phone: '+41 56 200 82 00',
        address: 'Rathausgasse 1, 5400 Baden',
      },
      {
        slug: 'wettingen',
        name: 'Gemeinde Wettingen',
        key: '4045',
        prefix: 'WE',
        color: '#2b4a8b',
        contact: { email: 'info@wettingen.example', phone: '+41 56 437 71 11' },
        fees: [12000, 12000, 24000],
        phone: '+41 56 437 71 11',
        address: 'Alberich Zwyssigstrasse 76, 5430 Wettingen',
      },
    ],
  },
];

/** The dog tax lines a municipality's `fees` set, in that order (first dog, each further dog, dangerous dog). */
const DOG_FEE_RULES = ['hund_erster', 'hund_weiterer', 'hund_gefaehrlich'] as const;
const DOG_SERVICE = 'hund-anmelden';

// ----- the data files -----

interface Office {
  office: Text;
  email: string;
  phone: string;
  address: string;
  hours: Text;
}
interface LocalService {
  notes?: Text;
  feeOverrides?: Record<string, number>;
}
interface MunicipalityData {
  offices: Record<string, Office>;
  /** Templates this municipality does not offer. */
  skip: string[];
  services: Record<string, LocalService>;
  own?: Array<{ file: string; slug: string; office: string }>;
}
interface TemplateUpdate {
  region: string;
  slug: string;
  acceptedBy: string[];
  set: Partial<ServiceContent>;
  addFields: Array<{ step: string; after: string; field: FieldDefinition }>;
}
interface LocalData {
  officeOf: Record<string, Record<string, string>>;
  municipalities: Record<string, MunicipalityData>;
  templateUpdates: TemplateUpdate[];
}

const dataUrl = (path: string) => new URL(`./data/${path}`, import.meta.url);
const readJson = <T>(path: string): T => JSON.parse(readFileSync(dataUrl(path), 'utf8')) as T;

/** A region's templates, by slug (the file name). */
export function demoTemplates(set: DemoRegion['templateSet']): Array<{ slug: string; content: ServiceContent }> {
  return readdirSync(dataUrl(`templates/${set}/`))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ slug: f.slice(0, -'.json'.length), content: readJson<ServiceContent>(`templates/${set}/${f}`) }));
}

/** Services municipalities define themselves, with the municipality offering each. */
export function demoOwnServices(): Array<{ municipality: string; slug: string; office: string; content: ServiceContent }> {
  return Object.entries(localData().municipalities).flatMap(([municipality, m]) =>
    (m.own ?? []).map((o) => ({ municipality, slug: o.slug, office: o.office, content: readJson<ServiceContent>(`own/${o.file}`) })),
  );
}

let cachedLocal: LocalData | undefined;
const localData = (): LocalData => (cachedLocal ??= readJson<LocalData>('local.json'));

const regionOf = (m: DemoOrg): DemoRegion => DEMO_REGIONS.find((r) => r.municipalities.includes(m))!;

/** The templates this municipality adopts. */
export function adoptedSlugs(m: DemoOrg): string[] {
  const skip = new Set(localData().municipalities[m.slug]?.skip ?? []);
  return demoTemplates(regionOf(m).templateSet)
    .map((t) => t.slug)
    .filter((slug) => !skip.has(slug));
}

/** What a municipality adds to a template: the responsible office, its contact and hours, notes and local fees. */
export function localDetailsFor(m: DemoOrg, slug: string, officeKey?: string): LocalDetails {
  const data = localData();
  const local = data.municipalities[m.slug];
  if (!local) throw new Error(`Keine örtlichen Angaben für ${m.slug} in data/local.json.`);
  const key = officeKey ?? data.officeOf[regionOf(m).slug]?.[slug];
  const office = key ? local.offices[key] : undefined;
  if (!office) throw new Error(`Keine zuständige Stelle für „${slug}“ in ${m.slug}.`);
  const service = local.services[slug] ?? {};
  const feeOverrides = { ...service.feeOverrides, ...(slug === DOG_SERVICE ? dogFees(m) : {}) };
  return {
    ...office,
    ...(service.notes ? { notes: service.notes } : {}),
    ...(Object.keys(feeOverrides).length ? { feeOverrides } : {}),
  };
}

function dogFees(m: DemoOrg): Record<string, number> {
  return Object.fromEntries((m.fees ?? []).map((amount, i) => [DOG_FEE_RULES[i], amount]));
}

/** The template with a region's later change applied: texts replaced, fields added after a given one. */
export function updatedContent(content: ServiceContent, update: TemplateUpdate): ServiceContent {
  const next: ServiceContent = { ...structuredClone(content), ...structuredClone(update.set) };
  for (const add of update.addFields) {
    const step = next.form.steps.find((s) => s.id === add.step);
    const at = step?.fields.findIndex((f) => f.id === add.after) ?? -1;
    if (!step || at < 0) throw new Error(`Feld „${add.after}“ im Schritt „${add.step}“ von „${update.slug}“ fehlt.`);
    step.fields.splice(at + 1, 0, structuredClone(add.field));
  }
  return next;
}

export const demoTemplateUpdates = (): TemplateUpdate[] => localData().templateUpdates;

// ----- seeding -----

type Outcome<T> = ({ ok: true } & T) | { ok: false; problems: DefinitionProblem[] };

/** Demo data is ours: a problem in it is a bug to see at once, not something to skip. */
function must<T>(result: Outcome<T>, what: string): T {
  if (!result.ok) {
    const t = translator('de');
    throw new Error(`${what}: ${result.problems.map((p) => `${p.path} ${t(p.key, p.params)}`).join('; ')}`);
  }
  return result;
}

async function ensureOrganization(db: Db, org: Parameters<typeof insertOrganization>[1]): Promise<string> {
  return inRegion(db, async (tx) => {
    await insertOrganization(tx, org);
    return (await organizationBySlug(tx, org.slug))!.id;
  });
}

/** Creates and publishes the region's templates that are missing; returns every template id by slug. */
async function seedTemplates(db: Db, region: DemoRegion, regionId: string): Promise<Map<string, string>> {
  return inTenant(db, regionId, async (tx) => {
    const ids = new Map((await listTemplates(tx, regionId)).map((t) => [t.slug, t.id]));
    for (const { slug, content } of demoTemplates(region.templateSet)) {
      if (ids.has(slug)) continue;
      const { id } = must(await createTemplate(tx, regionId, slug, content), `Vorlage ${slug}`);
      must(await publishTemplate(tx, regionId, id), `Vorlage ${slug} veröffentlichen`);
      ids.set(slug, id);
    }
    return ids;
  });
}

/** Adopts the templates the municipality offers and adds its own services, leaving what is already there. */
async function seedServices(db: Db, m: DemoOrg, municipalityId: string, regionId: string, templates: Map<string, string>) {
  await inTenant(db, municipalityId, async (tx) => {
    const existing = new Set((await allServicesOf(tx, municipalityId)).map((s) => s.slug));
    for (const slug of adoptedSlugs(m)) {
      if (existing.has(slug)) continue;
      must(await adoptTemplate(tx, municipalityId, regionId, templates.get(slug)!, localDetailsFor(m, slug)), `${m.slug}: ${slug} übernehmen`);
    }
    for (const own of demoOwnServices().filter((o) => o.municipality === m.slug)) {
      if (existing.has(own.slug)) continue;
      must(await createOwnService(tx, municipalityId, own.slug, own.content, localDetailsFor(m, own.slug, own.office)), `${m.slug}: ${own.slug}`);
    }
  });
}

/** A second version of some templates, so the studio shows a pending update; some municipalities have accepted it. */
async function seedTemplateUpdates(db: Db, region: DemoRegion, regionId: string, municipalityIds: Map<string, string>, templates: Map<string, string>) {
  for (const update of demoTemplateUpdates().filter((u) => u.region === region.slug)) {
    const templateId = templates.get(update.slug)!;
    await inTenant(db, regionId, async (tx) => {
      const t = await templateById(tx, regionId, templateId);
      if (!t?.published || t.published.version > 1 || t.draft) return;
      must(await saveTemplateDraft(tx, regionId, templateId, updatedContent(t.published.content, update)), `Vorlage ${update.slug}, 2. Fassung`);
      must(await publishTemplate(tx, regionId, templateId), `Vorlage ${update.slug}, 2. Fassung veröffentlichen`);
    });
    for (const slug of update.acceptedBy) {
      const municipalityId = municipalityIds.get(slug)!;
      await inTenant(db, municipalityId, async (tx) => {
        const service = (await allServicesOf(tx, municipalityId)).find((s) => s.templateId === templateId);
        if (!service || (service.templateVersion ?? 0) > 1) return;
        must(await acceptTemplateVersion(tx, municipalityId, regionId, service.id), `${slug}: ${update.slug} auf die 2. Fassung`);
      });
    }
  }
}

export interface DemoLogin {
  email: string;
  role: Role;
  organization: string;
}
interface DemoAccount extends DemoLogin {
  orgSlug: string;
  name: string;
}

function demoAccounts(): DemoAccount[] {
  return DEMO_REGIONS.flatMap((region) => [
    { email: `admin@${region.slug}.example`, role: 'region_admin' as const, organization: region.name, orgSlug: region.slug, name: `Admin ${region.name}` },
    ...region.municipalities.flatMap((m) => [
      { email: `sachbearbeitung@${m.slug}.example`, role: 'clerk' as const, organization: m.name, orgSlug: m.slug, name: `Sachbearbeitung ${m.name}` },
      { email: `organisation@${m.slug}.example`, role: 'municipality_admin' as const, organization: m.name, orgSlug: m.slug, name: `Organisation ${m.name}` },
    ]),
  ]);
}

/** Creates the account unless one with this address exists (a second seeding leaves accounts and passwords alone). */
async function ensureAccount(db: Db, account: DemoAccount) {
  await inRegion(db, async (tx) => {
    const org = (await organizationBySlug(tx, account.orgSlug))!;
    try {
      await createStaffUser(
        tx,
        { email: account.email, name: account.name, role: account.role, organizationId: org.id, password: DEMO_PASSWORD },
        'system:demo',
      );
    } catch (err) {
      if (!(err instanceof AccountError && err.key === 'accounts.error.emailTaken')) throw err;
    }
  });
}

/** Loads the demo regions, their templates, the municipalities' services and the demo accounts; running it again adds only what is missing. */
export async function seedDemo(db: Db): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const existing = await inRegion(db, (tx) => organizationBySlug(tx, DEMO_REGIONS[0]!.slug));
  for (const region of DEMO_REGIONS) {
    const regionId = await ensureOrganization(db, {
      id: newId(),
      parent_id: null,
      kind: 'region',
      slug: region.slug,
      name: region.name,
      official_key: region.key,
      reference_prefix: region.prefix,
      country: region.country,
      time_zone: region.tz,
      currency: region.currency,
      contact: JSON.stringify(region.contact),
      is_demo: true,
    });
    const templates = await seedTemplates(db, region, regionId);
    const municipalityIds = new Map<string, string>();
    for (const m of region.municipalities) {
      const id = await ensureOrganization(db, {
        id: newId(),
        parent_id: regionId,
        kind: 'municipality',
        slug: m.slug,
        name: m.name,
        official_key: m.key,
        reference_prefix: m.prefix,
        country: region.country,
        time_zone: region.tz,
        currency: region.currency,
        contact: JSON.stringify(m.contact),
        primary_color: m.color,
        is_demo: true,
      });
      municipalityIds.set(m.slug, id);
      await seedServices(db, m, id, regionId, templates);
    }
    await seedTemplateUpdates(db, region, regionId, municipalityIds, templates);
  }
  await inRegion(db, async (tx) => seedDemoFeeTables(tx, await allOrganizations(tx)));
  const accounts = demoAccounts();
  for (const account of accounts) await ensureAccount(db, account);
  return { created: !existing, logins: accounts.map(({ email, role, organization }) => ({ email, role, organization })) };
}
