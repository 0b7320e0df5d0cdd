import { describe, expect, it } from 'vitest';
import { builtInRemedy, checkRemedy, remedyMessage } from './decisions.ts';

const org = (country: 'DE' | 'CH', official_key: string, name = 'Stadt Musterstadt') => ({ id: 'x', name, country, official_key });

describe('remedies', () => {
  it('defaults by region: VG Minden for the Regierungsbezirk Detmold, DVI for Aargau, else the municipality itself', () => {
    expect(builtInRemedy(org('DE', '057540008008'))).toMatchObject({
      kind: 'klage',
      authority: 'Verwaltungsgericht Minden',
      address: 'Königswall 8, 32423 Minden',
    });
    expect(builtInRemedy(org('CH', '4021'))).toMatchObject({
      kind: 'beschwerde',
      address: 'Frey-Herosé-Strasse 12, 5001 Aarau',
      deadline: 'innert 30 Tagen seit Zustellung',
    });
    expect(builtInRemedy(org('DE', '091620000000', 'Stadt München'))).toMatchObject({ kind: 'widerspruch', authority: 'Stadt München' });
    expect(builtInRemedy(org('CH', '261', 'Stadt Zürich'))).toMatchObject({ kind: 'einsprache', authority: 'Stadt Zürich' });
  });

  it('accepts only the remedies of the country, and texts that are present, short and without control characters', () => {
    const valid = {
      kind: 'klage',
      authority: ' Verwaltungsgericht   Minden ',
      address: 'Königswall 8, 32423 Minden',
      deadline: 'innerhalb eines Monats nach Bekanntgabe',
    };
    expect(checkRemedy('DE', valid)).toEqual({ ok: true, value: { ...valid, authority: 'Verwaltungsgericht Minden' } });
    expect(checkRemedy('CH', valid)).toEqual({ ok: false, errors: { kind: { key: 'decisions.settings.error.kind' } } });
    expect(checkRemedy('DE', { ...valid, address: 'Königswall\u0000 8' })).toEqual({
      ok: false,
      errors: { address: { key: 'decisions.settings.error.controlCharacters' } },
    });
    expect(checkRemedy('DE', { ...valid, deadline: 'x'.repeat(201) })).toEqual({
      ok: false,
      errors: { deadline: { key: 'decisions.settings.error.deadline' } },
    });
    expect(checkRemedy('DE', {})).toMatchObject({ ok: false, errors: { kind: {}, authority: {}, address: {}, deadline: {} } });
  });

  it('words the Rechtsbehelfsbelehrung with the remedy, deadline, authority and address', () => {
    expect(remedyMessage(builtInRemedy(org('DE', '05754')))).toEqual({
      key: 'decisions.remedy.text.klage',
      params: { deadline: 'innerhalb eines Monats nach Bekanntgabe', authority: 'Verwaltungsgericht Minden', address: 'Königswall 8, 32423 Minden' },
    });
  });
});
