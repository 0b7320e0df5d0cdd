// A municipality's name in German sentences. Names carry their designation ("Stadt Gütersloh", "Gemeinde
// Wettingen"); a sentence template must not put a preposition straight before it ("in Stadt Gütersloh").

const DESIGNATIONS = ['Hansestadt', 'Stadt', 'Gemeinde', 'Marktgemeinde', 'Markt', 'Kreis', 'Landkreis', 'Kanton', 'Bezirk'] as const;
/** Grammatical gender of each designation: the article in the dative. */
const DATIVE_ARTICLE: Record<(typeof DESIGNATIONS)[number], 'der' | 'dem'> = {
  Hansestadt: 'der',
  Stadt: 'der',
  Gemeinde: 'der',
  Marktgemeinde: 'der',
  Markt: 'dem',
  Kreis: 'dem',
  Landkreis: 'dem',
  Kanton: 'dem',
  Bezirk: 'dem',
};

export interface PlaceName {
  /** The designation the name starts with ("Stadt"), if any. */
  designation: string | undefined;
  /** The place alone: "Gütersloh". */
  place: string;
  /** With its article in the dative, after "bei", "von": "der Stadt Gütersloh"; the name alone without a designation. */
  dative: string;
}

export function placeName(name: string): PlaceName {
  const trimmed = name.trim();
  const designation = DESIGNATIONS.find((d) => trimmed.startsWith(`${d} `));
  if (!designation) return { designation: undefined, place: trimmed, dative: trimmed };
  return { designation, place: trimmed.slice(designation.length + 1).trim(), dative: `${DATIVE_ARTICLE[designation]} ${trimmed}` };
}

/**
 * A template's generic word for the municipality ("bei der Gemeinde", "in die Gemeinde") said as this municipality
 * calls itself ("bei der Stadt"): Stadt and Gemeinde share their gender, so the article stays. Plurals and compounds
 * ("Gemeinden", "Einwohnergemeinde") are left alone.
 */
export function ownDesignation(text: string, municipalityName: string): string {
  const { designation } = placeName(municipalityName);
  if (!designation || designation === 'Gemeinde' || DATIVE_ARTICLE[designation as keyof typeof DATIVE_ARTICLE] !== 'der') return text;
  return text.replace(/(?<![\p{L}\p{N}-])Gemeinde(?![\p{L}\p{N}])/gu, designation);
}
