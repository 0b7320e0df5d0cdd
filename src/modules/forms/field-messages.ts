// How an error message names its field, GOV.UK style: "Geben Sie Ihren Nachnamen ein", "Das Geburtsdatum muss in der
// Vergangenheit liegen". Common labels of personal data have their German grammar here (gender, accusative); any
// other label is quoted ("Geben Sie „Name des Hundes“ ein"). The parameters carry both languages, the catalog
// chooses ({what} in German, {whatEn} in English).
import type { FieldDefinition } from './schema.ts';

type Gender = 'm' | 'f' | 'n';
interface Noun {
  /** The noun in the accusative ("Nachnamen"). */
  acc: string;
  /** The noun in the nominative ("Nachname"). */
  nom: string;
  g: Gender;
  /** The English noun, lower case ("last name"). */
  en: string;
}

const noun = (nom: string, g: Gender, en: string, acc = nom): Noun => ({ nom, acc, g, en });

// Keyed by the German label in lower case, without a trailing colon or "(optional)".
const NOUNS: Record<string, Noun> = {
  nachname: noun('Nachname', 'm', 'last name', 'Nachnamen'),
  familienname: noun('Familienname', 'm', 'family name', 'Familiennamen'),
  vorname: noun('Vorname', 'm', 'first name', 'Vornamen'),
  geburtsname: noun('Geburtsname', 'm', 'birth name', 'Geburtsnamen'),
  name: noun('Name', 'm', 'name', 'Namen'),
  geburtsdatum: noun('Geburtsdatum', 'n', 'date of birth'),
  geburtsort: noun('Geburtsort', 'm', 'place of birth'),
  'e-mail-adresse': noun('E-Mail-Adresse', 'f', 'email address'),
  'e-mail': noun('E-Mail-Adresse', 'f', 'email address'),
  telefonnummer: noun('Telefonnummer', 'f', 'phone number'),
  telefon: noun('Telefonnummer', 'f', 'phone number'),
  iban: noun('IBAN', 'f', 'IBAN'),
  straße: noun('Straße', 'f', 'street'),
  hausnummer: noun('Hausnummer', 'f', 'house number'),
  postleitzahl: noun('Postleitzahl', 'f', 'postal code'),
  ort: noun('Ort', 'm', 'town'),
  wohnort: noun('Wohnort', 'm', 'place of residence'),
  staatsangehörigkeit: noun('Staatsangehörigkeit', 'f', 'nationality'),
  anschrift: noun('Anschrift', 'f', 'address'),
  adresse: noun('Adresse', 'f', 'address'),
};

const POSSESSIVE: Record<Gender, string> = { m: 'Ihren', f: 'Ihre', n: 'Ihr' };
const ARTICLE_ACC: Record<Gender, string> = { m: 'den', f: 'die', n: 'das' };
const ARTICLE_NOM: Record<Gender, string> = { m: 'Der', f: 'Die', n: 'Das' };

const key = (label: string) =>
  label
    .replace(/\(optional\)/i, '')
    .replace(/[:*]\s*$/, '')
    .trim()
    .toLowerCase();

export interface FieldNames {
  [name: string]: string;
  /** Accusative, for "Geben Sie {what} ein": "Ihren Nachnamen", "„Chipnummer“". */
  what: string;
  whatEn: string;
  /** Nominative at the start of a sentence: "Der Nachname", "„Chipnummer“". */
  subject: string;
  subjectEn: string;
  /** What to choose: "Ihre Staatsangehörigkeit", "eine Antwort zu „Haltung“". */
  choice: string;
  choiceEn: string;
  label: string;
  labelEn: string;
}

/** The names an error message uses for a field; `nested` inside a group entry (no "Ihr": the entry is someone else's). */
export function fieldNames(field: FieldDefinition, nested: boolean): FieldNames {
  const label = field.label?.de ?? field.id;
  const labelEn = field.label?.en || label;
  const known = Object.hasOwn(NOUNS, key(label)) ? NOUNS[key(label)] : undefined;
  if (known) {
    const acc = `${nested ? ARTICLE_ACC[known.g] : POSSESSIVE[known.g]} ${known.acc}`;
    const en = `${nested ? 'the' : 'your'} ${known.en}`;
    return {
      what: acc,
      whatEn: en,
      subject: `${ARTICLE_NOM[known.g]} ${known.nom}`,
      subjectEn: `The ${known.en}`,
      choice: acc,
      choiceEn: en,
      label,
      labelEn,
    };
  }
  return {
    what: `„${label}“`,
    whatEn: `“${labelEn}”`,
    subject: `„${label}“`,
    subjectEn: `“${labelEn}”`,
    choice: `eine Antwort zu „${label}“`,
    choiceEn: `an answer for “${labelEn}”`,
    label,
    labelEn,
  };
}
