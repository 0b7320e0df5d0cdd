// Import of FIM XDatenfelder 2.0 and 3.0.0 messages (a Datenschema or a Datenfeldgruppe) into a form definition.
// Whatever the form cannot express is reported as a German note and never dropped silently; a file that is not a
// well-formed XDatenfelder message is refused with the reason and, where known, line and column.
import { buildForm } from './xdatenfelder/mapping.ts';
import { readMessage, readXml, Refusal } from './xdatenfelder/message.ts';
import type { FormDefinition, Text } from './schema.ts';

export interface ImportNote {
  /** The FIM element the note is about, e.g. the data field F60000227, the group G60000086 or the rule R60000037. */
  path: string;
  /** German: what could not be mapped and what was done instead. */
  message: string;
}

export type ImportResult = { ok: true; form: FormDefinition; title: Text; standard: '2.0' | '3.0'; notes: ImportNote[] } | { ok: false; reason: string };

/** Reads an XDatenfelder 2.0 or 3.0.0 message and maps it to a form definition. Never throws. */
export function importXDatenfelder(xml: string): ImportResult {
  try {
    const message = readMessage(readXml(xml));
    return { ok: true, ...buildForm(message) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    return {
      ok: false,
      reason:
        'Die Datei konnte nicht verarbeitet werden (unerwarteter Fehler beim Lesen). Bitte prüfen Sie, ob es sich um eine XDatenfelder-Nachricht handelt.',
    };
  }
}
