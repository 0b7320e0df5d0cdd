// Whole journeys used by several HTTP tests.
import { expect } from 'vitest';
import { type Browser, TINY_PDF } from './http.ts';

export const BASE = '/guetersloh/leistungen/hund-anmelden/antrag';

export const VALID_STEPS: Record<string, Record<string, string>> = {
  halter: { vorname: 'Łukasz', nachname: 'Żółć-Müller', geburtsdatum: '1985-04-12', email: 'lukasz@example.org', telefon: '05241 12345' },
  adresse: { strasse: 'Berliner Straße', hausnummer: '70a', plz: '33330', ort: 'Gütersloh' },
  hund: { hundename: 'Bello', rasse: 'Labrador', geschlecht: 'ruede', haltung_seit: '2024-05-01', gefaehrlich: 'nein' },
};

/** Fills every step as a citizen would and stops on the check page. */
export async function fillApplication(browser: Browser, base = BASE, steps = VALID_STEPS) {
  for (const [step, fields] of Object.entries(steps)) {
    const page = await browser.get(`${base}/${step}`);
    const res = await browser.post(`${base}/${step}`, fields, page.body);
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  }
  const upload = await browser.postMultipart(`${base}/nachweis`, {}, [
    { field: 'versicherung', filename: 'versicherung.pdf', contentType: 'application/pdf', data: TINY_PDF },
  ]);
  expect(upload.statusCode, upload.body.slice(0, 2000)).toBe(303);
  expect(upload.headers.location).toBe(`${base}/pruefen`);
}

/** Submits from the check page; returns the status page path. */
export async function submitApplication(browser: Browser, base = BASE) {
  const check = await browser.get(`${base}/pruefen`);
  expect(check.statusCode).toBe(200);
  const res = await browser.post(`${base}/absenden`, {}, check.body);
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  const location = String(res.headers.location);
  expect(location).toMatch(/^\/guetersloh\/antraege\/[A-Za-z0-9_-]+\?eingegangen=1$/);
  return location.replace('?eingegangen=1', '');
}
