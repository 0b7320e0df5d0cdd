import { describe, expect, it } from 'vitest';
import { ownDesignation, placeName } from './place-names.ts';

describe('a municipality in a German sentence', () => {
  it('takes the article of its designation, never a bare preposition before "Stadt"', () => {
    expect(placeName('Stadt Gütersloh')).toEqual({ designation: 'Stadt', place: 'Gütersloh', dative: 'der Stadt Gütersloh' });
    expect(placeName('Gemeinde Wettingen').dative).toBe('der Gemeinde Wettingen');
    expect(placeName('Kreis Gütersloh').dative).toBe('dem Kreis Gütersloh');
    expect(placeName('Gütersloh')).toEqual({ designation: undefined, place: 'Gütersloh', dative: 'Gütersloh' });
  });

  it('says "Stadt" in a Stadt where a template says "Gemeinde", and leaves plurals and compounds', () => {
    const text = 'Melden Sie den Hund bei der Gemeinde an. Die Gemeinde prüft; zwischen Gemeinden gilt eUmzugCH; Einwohnergemeinde.';
    expect(ownDesignation(text, 'Stadt Aarau')).toBe(
      'Melden Sie den Hund bei der Stadt an. Die Stadt prüft; zwischen Gemeinden gilt eUmzugCH; Einwohnergemeinde.',
    );
    expect(ownDesignation(text, 'Gemeinde Wettingen')).toBe(text);
  });
});
