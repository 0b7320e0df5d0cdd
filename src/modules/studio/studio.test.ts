import { describe, expect, it } from 'vitest';
import { readImport } from './import.ts';
import { contentFromForm, defaultLocal, localFromForm, localToForm, starterContent } from './studio.ts';

const local = { office: { de: 'Ordnungsamt' }, email: 'ordnung@kommune.example', phone: '', address: '', hours: { de: '' } };

describe('the local details form', () => {
  it('writes local fees as the tenant writes amounts, and reads them back in minor units', () => {
    const de = localToForm({ ...local, feeOverrides: { ausweis: 9600, gross: 125050 } }, { country: 'DE' });
    expect([de.fee_ausweis, de.fee_gross]).toEqual(['96,00', '1.250,50']);
    const ch = localToForm({ ...local, feeOverrides: { gross: 125050 } }, { country: 'CH' });
    expect(ch.fee_gross).toMatch(/^1[’']250\.50$/);
    for (const written of [de.fee_gross, ch.fee_gross, '1250,50 €', 'CHF 1250.50']) {
      const read = localFromForm({ office_de: 'Ordnungsamt', email: 'ordnung@kommune.example', fee_gross: written }, ['gross']);
      expect(read.problems, String(written)).toEqual([]);
      expect(read.local.feeOverrides).toEqual({ gross: 125050 });
    }
  });

  it('refuses by message keys, keeping what was typed', () => {
    const read = localFromForm({ _csrf: 'x', office_de: '', email: 'keine-adresse', fee_gross: 'viel' }, ['gross']);
    expect(read.problems).toEqual([
      { path: '/local/feeOverrides/gross', key: 'studio.error.feeAmount' },
      { path: '/local/office/de', key: 'studio.error.officeRequired' },
      { path: '/local/email', key: 'studio.error.email' },
    ]);
    expect(read.values).toEqual({ office_de: '', email: 'keine-adresse', fee_gross: 'viel' });
  });

  it('starts from the municipality’s office and contact', () => {
    expect(defaultLocal({ name: 'Harsewinkel', contact: { email: 'info@harsewinkel.example' } })).toMatchObject({
      office: { de: 'Bürgerbüro – Harsewinkel' },
      email: 'info@harsewinkel.example',
      phone: '',
    });
  });
});

describe('the content form', () => {
  it('refuses fee rules that are no JSON by a message key with the parser’s detail, keeping the rules before', () => {
    const base = starterContent('Hund anmelden');
    const read = contentFromForm({ title_de: 'Hund anmelden', feeRules: '[{' }, base);
    expect(read.problems).toEqual([{ path: '/feeRules', key: 'studio.error.feeRulesJson', params: { detail: expect.any(String) } }]);
    expect(read.content.feeRules).toBe(base.feeRules);
  });
});

describe('an XDatenfelder upload', () => {
  const file = (data: Buffer, truncated = false) => ({ filename: 'schema.xml', mimetype: 'text/xml', data, truncated });

  it('is refused by a message key when missing, cut by the size limit or in an unreadable encoding', () => {
    expect(readImport(undefined, 10 * 1024 * 1024)).toEqual({ ok: false, refusal: { key: 'studio.import.noFile' } });
    expect(readImport(file(Buffer.from('<a/>'), true), 10 * 1024 * 1024)).toEqual({
      ok: false,
      refusal: { key: 'validation.fileTooLarge', params: { mb: 10 } },
    });
    expect(readImport(file(Buffer.from([0x3c, 0x61, 0x3e, 0xfc, 0x3c, 0x2f, 0x61, 0x3e])), 1024)).toEqual({
      ok: false,
      refusal: { key: 'studio.import.encoding' },
    });
  });

  it('is refused with the import’s own reason, a message key with the position, when it is no XDatenfelder message', () => {
    const read = readImport(file(Buffer.from('<xdf:Datenschema><nicht geschlossen')), 1024);
    expect(read).toMatchObject({ ok: false, refusal: { key: expect.stringMatching(/^xdatenfelder\.xml\./), params: { line: 1, column: expect.any(Number) } } });
  });
});
