// Import of FIM XDatenfelder 2.0 and 3.0.0 messages (a Datenschema or a Datenfeldgruppe) into a form definition.
// Whatever the form cannot express is reported as a note and never dropped silently; a file that is not a
// well-formed XDatenfelder message is refused with the reason and, where known, line and column. Notes and refusals
// are catalog messages (xdatenfelder.* in platform/i18n/catalogs), put into words by the page that shows them.
import type { Message } from '../../platform/i18n/index.ts';
import { buildForm } from './xdatenfelder/mapping.ts';
import { readMessage } from './xdatenfelder/message.ts';
import { readXml, Refusal } from './xdatenfelder/xml.ts';
import type { FormDefinition, Text } from './schema.ts';

/**
 * A catalog message some of whose parameters are messages of their own (a reason within a sentence, a field type's
 * name): each part is translated first and given as the parameter of its name.
 */
export interface ImportMessage extends Message {
  parts?: Record<string, Message>;
}

/** What could not be mapped and what was done instead. */
export type ImportNote = {
  /** The FIM element the note is about, e.g. the data field F60000227, the group G60000086 or the rule R60000037. */
  path: string;
} & ImportMessage;

/** A message read from text: mapped, or refused with the reason (and, where known, line and column as parameters). */
type TextImportResult = { ok: true; form: FormDefinition; title: Text; standard: '2.0' | '3.0'; notes: ImportNote[] } | { ok: false; refusal: Message };

/** A file read from bytes: as from text, or refused because its bytes are no readable text. */
export type ImportResult = TextImportResult;

/** Reads an XDatenfelder 2.0 or 3.0.0 message and maps it to a form definition. Never throws. */
export function importXDatenfelder(xml: string): TextImportResult {
  try {
    const message = readMessage(readXml(xml));
    return { ok: true, ...buildForm(message) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, refusal: error.reason };
    return { ok: false, refusal: { key: 'xdatenfelder.file.unexpected' } };
  }
}

/** An uploaded XDatenfelder file: its bytes decoded (see decodeXml), then imported. Never throws. */
export function importXDatenfelderFile(bytes: Uint8Array): ImportResult {
  const text = decodeXml(bytes);
  return text === undefined ? { ok: false, refusal: { key: 'studio.import.encoding' } } : importXDatenfelder(text);
}

const LATIN = /^(iso-8859-1|iso-8859-15|latin1|windows-1252)$/;

/** XML in UTF-8 (the standard's encoding) or in the Latin-1 family its declaration names; undefined when unreadable. */
export function decodeXml(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /encoding=["']([A-Za-z0-9_-]+)["']/.exec(head)?.[1]?.toLowerCase();
  if (declared && LATIN.test(declared)) return new TextDecoder('windows-1252').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
