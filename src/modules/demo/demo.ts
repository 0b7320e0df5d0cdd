// Demo content, clearly marked as such: a German region modelled on Kreis Gütersloh and a Swiss one on Kanton Aargau.
import { readFileSync } from 'node:fs';
import type { Db } from '../../platform/db/database.ts';
import { inRegion, inTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { createStaffUser, type Role } from '../accounts/index.ts';
import { insertOrganization, organizationBySlug } from '../organizations/index.ts';
import { publishService, type ServiceDefinition } from '../services/index.ts';

export const DEMO_PASSWORD = 'Rathaus-Demo-2026';

interface DemoOrg {
  slug: string; name: string; key: string; prefix: string; color: string;
  contact: Record<string, string>; fees?: number[]; phone?: string; address?: string;
}
interface DemoRegion { slug: string; name: string; key: string; country: 'DE' | 'CH'; tz: string; currency: 'EUR' | 'CHF'; prefix: string; municipalities: DemoOrg[] }

export const DEMO_REGIONS: DemoRegion[] = [
  {
    slug: 'kreis-guetersloh', name: 'Kreis Gütersloh', key: '05754', country: 'DE', tz: 'Europe/Berlin', currency: 'EUR', prefix: 'KGT',
    municipalities: [
      { slug: 'guetersloh', name: 'Stadt Gütersloh', key: '057540008008', prefix: 'GT', color: '#005a8c', contact: { email: 'info@guetersloh.example', phone: '+49 5241 82-0' }, address: 'Berliner Straße 70, 33330 Gütersloh' },
      { slug: 'rheda-wiedenbrueck', name: 'Stadt Rheda-Wiedenbrück', key: '057540028028', prefix: 'RW', color: '#7a1f2b', contact: { email: 'info@rheda-wiedenbrueck.example', phone: '+49 5242 963-0' }, fees: [9600, 12000, 48000], phone: '+49 5242 963-0', address: 'Rathausplatz 13, 33378 Rheda-Wiedenbrück' },
      { slug: 'harsewinkel', name: 'Stadt Harsewinkel', key: '057540016016', prefix: 'HW', color: '#1d5e2a', contact: { email: 'info@harsewinkel.example', phone: '+49 5247 935-0' }, fees: [8400, 10800, 54000], phone: '+49 5247 935-0', address: 'Münsterstraße 14, 33428 Harsewinkel' },
    ],
  },
  {
    slug: 'kanton-aargau', name: 'Kanton Aargau', key: '19', country: 'CH', tz: 'Europe/Zurich', currency: 'CHF', prefix: 'AG',
    municipalities: [
      { slug: 'aarau', name: 'Stadt Aarau', key: '4001', prefix: 'AA', color: '#a3141c', contact: { email: 'info@aarau.example', phone: '+41 62 836 05 11' }, fees: [15000, 15000, 30000], phone: '+41 62 836 05 11', address: 'Rathausgasse 1, 5000 Aarau' },
      { slug: 'baden', name: 'Stadt Baden', key: '4021', prefix: 'BA', color: '#00456b', contact: { email: 'info@baden.example', phone: '+41 56 200 82 00' }, fees: [12000, 12000, 24000], phone: '+41 56 200 82 00', address: 'Rathausgasse 1, 5400 Baden' },
      { slug: 'wettingen', name: 'Gemeinde Wettingen', key: '4045', prefix: 'WE', color: '#2b4a8b', contact: { email: 'info@wettingen.example', phone: '+41 56 437 71 11' }, fees: [12000, 12000, 24000], phone: '+41 56 437 71 11', address: 'Alberich Zwyssigstrasse 76, 5430 Wettingen' },
    ],
  },
];

const dogService = JSON.parse(readFileSync(new URL('./data/hund-anmelden.json', import.meta.url), 'utf8')) as {
  slug: string; title: string; definition: ServiceDefinition;
};

/** The dog service with this municipality's fees and contact; Swiss versions speak of Hundetaxe and the cantonal act. */
export function dogServiceFor(m: DemoOrg, region: DemoRegion): ServiceDefinition {
  const d: ServiceDefinition = structuredClone(dogService.definition);
  if (m.fees) d.fees = d.fees.map((f, i) => ({ ...f, amountMinor: m.fees![i] ?? f.amountMinor }));
  d.contact = { ...d.contact, email: `steueramt@${m.slug}.example`, phone: m.phone ?? d.contact.phone, address: m.address ?? d.contact.address };
  if (region.country === 'CH') {
    d.legalBasis = { de: 'Hundegesetz des Kantons Aargau; Hundetaxenreglement der Gemeinde.', en: 'Dog act of the canton of Aargau; the municipality\'s dog levy rules.' };
    d.leikaKey = undefined;
  }
  return d;
}

export interface DemoLogin { email: string; role: Role; organization: string }

export async function seedDemo(db: Db): Promise<{ created: boolean; logins: DemoLogin[] }> {
  const logins: DemoLogin[] = [];
  const existing = await inRegion(db, (tx) => organizationBySlug(tx, DEMO_REGIONS[0]!.slug));
  for (const region of DEMO_REGIONS) {
    const regionId = await inRegion(db, async (tx) => {
      await insertOrganization(tx, {
        id: newId(), parent_id: null, kind: 'region', slug: region.slug, name: region.name, official_key: region.key,
        reference_prefix: region.prefix, country: region.country, time_zone: region.tz, currency: region.currency,
        contact: '{}', is_demo: true,
      });
      return (await organizationBySlug(tx, region.slug))!.id;
    });
    logins.push({ email: `admin@${region.slug}.example`, role: 'region_admin', organization: region.name });
    for (const m of region.municipalities) {
      const id = await inRegion(db, async (tx) => {
        await insertOrganization(tx, {
          id: newId(), parent_id: regionId, kind: 'municipality', slug: m.slug, name: m.name, official_key: m.key,
          reference_prefix: m.prefix, country: region.country, time_zone: region.tz, currency: region.currency,
          contact: JSON.stringify(m.contact), primary_color: m.color, is_demo: true,
        });
        return (await organizationBySlug(tx, m.slug))!.id;
      });
      await inTenant(db, id, (tx) => publishService(tx, id, dogService.slug, dogService.title, dogServiceFor(m, region)));
      logins.push({ email: `sachbearbeitung@${m.slug}.example`, role: 'clerk', organization: m.name });
    }
  }
  if (!existing) {
    for (const region of DEMO_REGIONS) {
      const orgs = [{ slug: region.slug, role: 'region_admin' as const, email: `admin@${region.slug}.example`, name: `Admin ${region.name}` },
        ...region.municipalities.map((m) => ({ slug: m.slug, role: 'clerk' as const, email: `sachbearbeitung@${m.slug}.example`, name: `Sachbearbeitung ${m.name}` }))];
      for (const o of orgs) {
        await inRegion(db, async (tx) => {
          const org = (await organizationBySlug(tx, o.slug))!;
          await createStaffUser(tx, { email: o.email, name: o.name, role: o.role, organizationId: org.id, password: DEMO_PASSWORD }, 'system:demo');
        });
      }
    }
  }
  return { created: !existing, logins };
}
