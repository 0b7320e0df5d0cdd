// Import of FIM XDatenfelder 2.0 and 3.0.0 messages (a Datenschema or a Datenfeldgruppe) into a form definition.
// Whatever the form cannot express is reported as a German note and never dropped silently; a file that is not a
// well-formed XDatenfelder message is refused with the reason and, where known, line and column.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { patternProblem } from './patterns.ts';
import type { FieldDefinition, FormDefinition, Logic, Option, StepDefinition, Text } from './schema.ts';

export interface ImportNote {
  /** The FIM element the note is about, e.g. the data field F60000227, the group G60000086 or the rule R60000037. */
  path: string;
  /** German: what could not be mapped and what was done instead. */
  message: string;
}

export type ImportResult =
  | { ok: true; form: FormDefinition; title: Text; standard: '2.0' | '3.0'; notes: ImportNote[] }
  | { ok: false; reason: string };

type Standard = '2.0' | '3.0';

/** Reads an XDatenfelder 2.0 or 3.0.0 message and maps it to a form definition. Never throws. */
export function importXDatenfelder(xml: string): ImportResult {
  try {
    const message = readMessage(readXml(xml));
    return { ok: true, ...buildForm(message) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    return { ok: false, reason: 'Die Datei konnte nicht verarbeitet werden (unerwarteter Fehler beim Lesen). Bitte prüfen Sie, ob es sich um eine XDatenfelder-Nachricht handelt.' };
  }
}

class Refusal extends Error {}

function refuse(message: string): never {
  throw new Refusal(message);
}

// ===================================================================================================================
// Reading the XML: a small element tree with local names, resolved namespaces and source positions
// ===================================================================================================================

const NAMESPACES: Record<string, Standard> = {
  'urn:xoev-de:fim:standard:xdatenfelder_2': '2.0',
  'urn:xoev-de:fim:standard:xdatenfelder_3.0.0': '3.0',
};
const MAX_CHARS = 20_000_000;
const MAX_DEPTH = 200;

interface Position { line: number; column: number }

interface XNode extends Position {
  /** Local name, without prefix. */
  name: string;
  /** The name as written, for messages. */
  qname: string;
  ns: string | undefined;
  /** Attributes by local name; namespace declarations left out. */
  attrs: Record<string, string>;
  children: XNode[];
  /** The element's own text (CDATA included), not trimmed. */
  text: string;
}

type OrderedEntry = Record<string, unknown>;

const META = XMLParser.getMetaDataSymbol() as unknown as string;
const at = (p: Position): string => `Zeile ${p.line}, Spalte ${p.column}`;
const tag = (node: XNode): string => `<${node.qname}>`;

function readXml(xml: unknown): XNode {
  if (typeof xml !== 'string') refuse('Es wurde keine Datei übergeben.');
  const source = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  if (source.trim() === '') refuse('Die Datei ist leer.');
  if (source.length > MAX_CHARS) refuse(`Die Datei ist zu groß (mehr als ${MAX_CHARS / 1_000_000} Millionen Zeichen).`);
  const lines = lineStarts(source);
  const doctype = source.search(/<!DOCTYPE/i);
  // Entity declarations can expand without bound; XDatenfelder messages never carry a DOCTYPE.
  if (doctype >= 0) refuse(`Die Datei enthält eine DOCTYPE-Deklaration (${at(positionOf(doctype, lines))}). XDatenfelder-Nachrichten haben keine; sie wird nicht verarbeitet.`);
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    const where = col ? `Zeile ${line}, Spalte ${col}` : `Zeile ${line}`;
    refuse(`Die Datei ist kein wohlgeformtes XML (${where}): ${xmlProblem(msg)}`);
  }
  const parser = new XMLParser({
    preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', captureMetaData: true, parseTagValue: false,
    parseAttributeValue: false, trimValues: false, ignoreDeclaration: true, ignorePiTags: true, htmlEntities: true,
  });
  const entries = (parser.parse(source) as OrderedEntry[]).filter((entry) => elementName(entry) !== undefined);
  if (entries.length === 0) refuse('Die Datei enthält kein XML-Element.');
  if (entries.length > 1) {
    const second = entries[1];
    refuse(`Die Datei enthält mehr als ein Wurzelelement (das zweite: <${elementName(second)}>, ${at(entryPosition(second, lines))}).`);
  }
  return toNode(entries[0], new Map(), lines, 0);
}

/** The validator's English messages, in German. */
function xmlProblem(msg: string): string {
  const rules: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
    [/^Expected closing tag '(.+)' \(opened in line (\d+), col (\d+)\) instead of closing tag '(.+)'\.$/, (m) => `Statt </${m[4]}> wird das schließende Tag </${m[1]}> erwartet (geöffnet in Zeile ${m[2]}, Spalte ${m[3]}).`],
    [/^Closing tag '(.+)' has not been opened\.$/, (m) => `Das schließende Tag </${m[1]}> hat kein öffnendes Tag.`],
    [/^Closing tag '(.+)' doesn't have proper closing\.$/, (m) => `Das schließende Tag </${m[1]}> ist nicht richtig abgeschlossen.`],
    [/^Closing tag '(.+)' can't have attributes or invalid starting\.$/, (m) => `Das schließende Tag </${m[1]}> darf keine Attribute haben.`],
    [/^Unclosed tag '(.+)'\.$/, (m) => `Das Element <${m[1]}> wird nicht geschlossen.`],
    [/^Tag '(.+)' is an invalid name\.$/, (m) => `„${m[1]}“ ist kein gültiger Elementname.`],
    [/^Invalid space after '<'\.$/, () => 'Nach „<“ darf kein Leerzeichen stehen.'],
    [/^char '(.)' is not expected\.$/, (m) => `Das Zeichen „${m[1]}“ ist an dieser Stelle nicht erlaubt.`],
    [/^Attribute '(.+)' is repeated\.$/, (m) => `Das Attribut „${m[1]}“ kommt mehrfach vor.`],
    [/^Attribute '(.+)' is without value\.$/, (m) => `Das Attribut „${m[1]}“ hat keinen Wert.`],
    [/^Attribute '(.+)' has no space in starting\.$/, (m) => `Vor dem Attribut „${m[1]}“ fehlt ein Leerzeichen.`],
    [/^Attribute '(.+)' is an invalid name\.$/, (m) => `„${m[1]}“ ist kein gültiger Attributname.`],
    [/^boolean attribute '(.+)' is not allowed\.$/, (m) => `Das Attribut „${m[1]}“ hat keinen Wert.`],
    [/^Attributes for '(.+)' have open quote\.$/, (m) => `Ein Attribut von <${m[1]}> hat kein schließendes Anführungszeichen.`],
    [/^Start tag expected\.$/, () => 'Es wurde kein öffnendes Tag gefunden.'],
    [/^Extra text at the end$/, () => 'Nach dem Wurzelelement folgt weiterer Text.'],
    [/^Multiple possible root nodes found\.$/, () => 'Die Datei hat mehr als ein Wurzelelement.'],
    [/^XML declaration allowed only at the start of the document\.$/, () => 'Die XML-Deklaration darf nur ganz am Anfang stehen.'],
  ];
  for (const [pattern, german] of rules) {
    const match = msg.match(pattern);
    if (match) return german(match);
  }
  return 'Die XML-Struktur ist fehlerhaft.';
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function positionOf(index: number, starts: number[]): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= index) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: index - starts[low] + 1 };
}

function elementName(entry: OrderedEntry): string | undefined {
  return Object.keys(entry).find((key) => key !== ':@' && key !== '#text' && !key.startsWith('?'));
}

function entryPosition(entry: OrderedEntry, starts: number[]): Position {
  const meta = (entry as Record<string, unknown>)[META] as { startIndex?: number } | undefined;
  return positionOf(meta?.startIndex ?? 0, starts);
}

function toNode(entry: OrderedEntry, parentScope: Map<string, string>, starts: number[], depth: number): XNode {
  const qname = elementName(entry)!;
  const position = entryPosition(entry, starts);
  if (depth > MAX_DEPTH) refuse(`Die Elemente sind zu tief verschachtelt (${at(position)}).`);
  const rawAttrs = (entry[':@'] ?? {}) as Record<string, string>;
  const scope = new Map(parentScope);
  const attrs: Record<string, string> = {};
  for (const [key, value] of Object.entries(rawAttrs)) {
    if (key === 'xmlns') scope.set('', value);
    else if (key.startsWith('xmlns:')) scope.set(key.slice(6), value);
    else attrs[key.includes(':') ? key.slice(key.indexOf(':') + 1) : key] = String(value);
  }
  const colon = qname.indexOf(':');
  const prefix = colon === -1 ? '' : qname.slice(0, colon);
  const node: XNode = {
    name: colon === -1 ? qname : qname.slice(colon + 1), qname, ns: scope.get(prefix), attrs, children: [], text: '', ...position,
  };
  for (const item of (entry[qname] ?? []) as OrderedEntry[]) {
    if (typeof item['#text'] === 'string') node.text += item['#text'];
    else if (elementName(item) !== undefined) node.children.push(toNode(item, scope, starts, depth + 1));
  }
  return node;
}

// ===================================================================================================================
// Reading the message: XDatenfelder elements checked like the schema (XSD) does, into a small FIM model
// ===================================================================================================================

interface FimBase {
  id: string;
  version?: string;
  name: string;
  /** Bezeichnung Eingabe (or the schema's Bezeichnung), the name when it is empty. */
  label: string;
  /** Hilfetext Eingabe (or the schema's Hilfetext). */
  help: string;
  rules: FimRule[];
  node: XNode;
}

interface FimContainer extends FimBase {
  kind: 'schema' | 'group';
  children: FimChild[];
  /** v3 Gruppenart code, when given. */
  art?: string;
}

interface Precision {
  minLength?: string;
  maxLength?: string;
  minValue?: string;
  maxValue?: string;
  pattern?: string;
  /** Text that is no structured precision. */
  freeText?: string;
  unknownKeys: string[];
}

interface FimValue { code: string; name: string; help: string }

interface FimField extends FimBase {
  kind: 'field';
  feldart: string;
  datentyp: string;
  precision: Precision;
  inhalt: string;
  vorbefuellung?: string;
  values: FimValue[];
  codeList?: { id?: string; urn?: string; version?: string };
  maxSize?: number;
  mediaTypes: string[];
}

type FimElement = FimContainer | FimField;

interface FimChild { min: number; max: number; element: FimElement; node: XNode }

interface FimRule {
  id: string;
  version?: string;
  name: string;
  script: string;
  /** Free text of the rule: v3 freitextRegel, v2 definition, then the description. */
  texts: string[];
  typ?: string;
  node: XNode;
}

interface Message {
  standard: Standard;
  root: FimContainer;
  /** Notes found while reading (unknown codes and the like). */
  notes: ImportNote[];
}

const META_CHILDREN = [
  'identifikation', 'name', 'beschreibung', 'definition', 'bezug', 'status', 'gueltigAb', 'gueltigBis', 'fachlicherErsteller',
  'versionshinweis', 'freigabedatum', 'veroeffentlichungsdatum', 'freigabestatus', 'statusGesetztAm', 'statusGesetztDurch',
  'letzteAenderung', 'relation', 'stichwort', 'bezeichnungEingabe', 'bezeichnungAusgabe',
];
const ELEMENT_CHILDREN = [...META_CHILDREN, 'schemaelementart', 'hilfetextEingabe', 'hilfetextAusgabe'];
const ALLOWED = {
  header: ['nachrichtID', 'erstellungszeitpunkt', 'referenzID'],
  schema: [...META_CHILDREN, 'bezeichnung', 'hilfetext', 'ableitungsmodifikationenStruktur', 'ableitungsmodifikationenRepraesentation', 'dokumentsteckbrief', 'regel', 'struktur'],
  group: [...ELEMENT_CHILDREN, 'art', 'regel', 'struktur'],
  field: [
    ...ELEMENT_CHILDREN, 'feldart', 'datentyp', 'praezisierung', 'inhalt', 'vorbefuellung', 'werte', 'codelisteReferenz', 'codeKey',
    'nameKey', 'helpKey', 'maxSize', 'mediaType', 'regel',
  ],
  rule: [...META_CHILDREN, 'script', 'freitextRegel', 'typ', 'param', 'ziel', 'skript', 'fehler'],
  struktur: ['anzahl', 'bezug', 'enthaelt'],
  enthaelt: ['datenfeld', 'datenfeldgruppe'],
  identifikation: ['id', 'version'],
  codelisteReferenz: ['identifikation', 'genericodeIdentification', 'canonicalIdentification', 'version', 'canonicalVersionUri'],
  genericodeIdentification: ['canonicalIdentification', 'version', 'canonicalVersionUri'],
  werte: ['wert'],
  wert: ['code', 'name', 'hilfe'],
  code: ['code', 'name'],
} satisfies Record<string, string[]>;
const REPEATABLE = new Set(['bezug', 'relation', 'stichwort', 'regel', 'struktur', 'mediaType', 'wert', 'param', 'ziel', 'fehler']);

const BODY_OF_MESSAGE: Record<string, { element: string[]; what: string }> = {
  stammdatenschema: { element: ['stammdatenschema', 'datenschema'], what: 'Datenschema' },
  datenschema: { element: ['datenschema', 'stammdatenschema'], what: 'Datenschema' },
  datenfeldgruppe: { element: ['datenfeldgruppe'], what: 'Datenfeldgruppe' },
};

const STATUS_V2 = new Set(['aktiv', 'inaktiv', 'inVorbereitung']);
const FREIGABESTATUS = new Set(['1', '2', '3', '4', '5', '6', '7', '8']);
const SCHEMAELEMENTART = new Set(['ABS', 'HAR', 'RNG']);
const VORBEFUELLUNG = new Set(['keine', 'optional', 'verpflichtend']);
const REGELTYP = new Set(['K', 'M', 'V', 'B']);
/** Element ids as rules name them (data fields and groups). */
const ELEMENT_ID = /^[FGS]\d+$/;

function readMessage(root: XNode): Message {
  if (!root.name.startsWith('xdatenfelder.')) {
    refuse(`Das ist keine XDatenfelder-Nachricht: Das Wurzelelement ist ${tag(root)} (${at(root)}), erwartet wird z. B. <xdatenfelder.stammdatenschema.0102>.`);
  }
  const standard = root.ns ? NAMESPACES[root.ns] : undefined;
  if (!standard) {
    const supported = 'Unterstützt werden XDatenfelder 2.0 (urn:xoev-de:fim:standard:xdatenfelder_2) und 3.0.0 (urn:xoev-de:fim:standard:xdatenfelder_3.0.0).';
    if (!root.ns) refuse(`Das Wurzelelement ${tag(root)} hat keinen XDatenfelder-Namensraum (${at(root)}). ${supported}`);
    refuse(`Unbekannter oder nicht unterstützter Namensraum „${root.ns}“ am Wurzelelement ${tag(root)} (${at(root)}). ${supported}`);
  }
  const kind = /^xdatenfelder\.([A-Za-z]+)\.\d+$/.exec(root.name)?.[1] ?? '';
  const body = BODY_OF_MESSAGE[kind];
  if (!body) {
    refuse(`Die Nachricht ${tag(root)} enthält weder ein Datenschema noch eine Datenfeldgruppe. Ein Formular lässt sich aus einer Datenschema-Nachricht (xdatenfelder.stammdatenschema.0102) oder einer Datenfeldgruppen-Nachricht (xdatenfelder.datenfeldgruppe.0103) bilden.`);
  }
  const reader = new MessageReader(standard);
  reader.checkChildren(root, ['header', ...body.element]);
  const header = child(root, 'header');
  if (header) reader.checkChildren(header, ALLOWED.header);
  const bodyNode = body.element.map((name) => child(root, name)).find((node) => node !== undefined);
  if (!bodyNode) refuse(`In der Nachricht ${tag(root)} fehlt das ${body.what} (<${body.element[0]}>, ${at(root)}).`);
  const top = bodyNode.name === 'datenfeldgruppe' ? reader.group(bodyNode) : reader.schema(bodyNode);
  reader.checkRuleReferences();
  return { standard, root: top, notes: reader.notes };
}

const child = (node: XNode, name: string): XNode | undefined => node.children.find((c) => c.name === name);
const childrenNamed = (node: XNode, name: string): XNode[] => node.children.filter((c) => c.name === name);

/** Element text with runs of spaces and tabs folded; line breaks kept as paragraph breaks. */
function clean(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/[ \t\u00A0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/([^\n])\n(?=[^\n])/g, '$1 ')
    .trim();
}

const textOf = (node: XNode | undefined): string => (node ? clean(node.text) : '');

class MessageReader {
  readonly notes: ImportNote[] = [];
  private readonly elementIds = new Set<string>();
  private readonly ruleReferences: Array<{ rule: string; id: string; node: XNode }> = [];

  constructor(readonly standard: Standard) {}

  /** Refuses unknown elements and elements that may appear once but appear several times, as the XSD would. */
  checkChildren(node: XNode, allowed: readonly string[]): void {
    const seen = new Set<string>();
    for (const c of node.children) {
      if (!allowed.includes(c.name)) refuse(`Unerwartetes Element ${tag(c)} in ${tag(node)} (${at(c)}).`);
      if (seen.has(c.name) && !REPEATABLE.has(c.name)) refuse(`Das Element ${tag(c)} darf in ${tag(node)} nur einmal vorkommen (${at(c)}).`);
      seen.add(c.name);
    }
  }

  private required(node: XNode, name: string): XNode {
    return child(node, name) ?? refuse(`In ${tag(node)} fehlt das Pflichtelement <${name}> (${at(node)}).`);
  }

  private requiredText(node: XNode, name: string): string {
    const c = this.required(node, name);
    const text = textOf(c);
    if (text === '') refuse(`Das Element ${tag(c)} ist leer (${at(c)}).`);
    return text;
  }

  /** The value of a code element (<code> inside it, or its own text). */
  private code(node: XNode): string {
    this.checkChildren(node, ALLOWED.code);
    const value = textOf(child(node, 'code')) || textOf(node);
    if (value === '') refuse(`Das Element ${tag(node)} enthält keinen Code (${at(node)}).`);
    return value;
  }

  private optionalCode(node: XNode, name: string): string | undefined {
    const c = child(node, name);
    return c ? this.code(c) : undefined;
  }

  private identification(node: XNode): { id: string; version?: string } {
    const ident = this.required(node, 'identifikation');
    this.checkChildren(ident, ALLOWED.identifikation);
    const id = this.requiredText(ident, 'id');
    const version = textOf(child(ident, 'version')) || undefined;
    return { id, version };
  }

  /** Closed code lists of the element's metadata: a value outside them makes the message invalid. */
  private checkStatus(node: XNode, id: string): void {
    const status = child(node, 'status');
    if (status) {
      const value = this.code(status);
      if (!STATUS_V2.has(value)) refuse(`Ungültiger Status „${value}“ in ${tag(status)} (${at(status)}); erlaubt sind aktiv, inaktiv und inVorbereitung.`);
      if (value === 'inaktiv') this.notes.push({ path: id, message: 'Das Element ist als inaktiv gekennzeichnet; es wurde trotzdem übernommen.' });
    }
    const release = child(node, 'freigabestatus');
    if (release) {
      const value = this.code(release);
      if (!FREIGABESTATUS.has(value)) refuse(`Ungültiger Freigabestatus „${value}“ in ${tag(release)} (${at(release)}); erlaubt sind die Codes 1 bis 8.`);
      if (value === '7' || value === '8') {
        const state = value === '7' ? 'inaktiv' : 'zum Löschen vorgesehen';
        this.notes.push({ path: id, message: `Das Element ist als „${state}“ gekennzeichnet; es wurde trotzdem übernommen.` });
      }
    }
    const art = child(node, 'schemaelementart');
    if (art) {
      const value = this.code(art);
      if (!SCHEMAELEMENTART.has(value)) refuse(`Ungültige Schemaelementart „${value}“ in ${tag(art)} (${at(art)}); erlaubt sind ABS, HAR und RNG.`);
    }
  }

  private base(node: XNode, labelName: 'bezeichnungEingabe' | 'bezeichnung'): Omit<FimBase, 'rules'> {
    const { id, version } = this.identification(node);
    const name = this.requiredText(node, 'name');
    const label = textOf(child(node, labelName)) || textOf(child(node, 'bezeichnungEingabe')) || name;
    this.checkStatus(node, id);
    this.elementIds.add(id);
    return { id, version, name, label, help: '', node };
  }

  schema(node: XNode): FimContainer {
    this.checkChildren(node, ALLOWED.schema);
    const base = this.base(node, 'bezeichnung');
    const help = textOf(child(node, 'hilfetext')) || textOf(child(node, 'hilfetextEingabe'));
    return { ...base, help, kind: 'schema', rules: this.rules(node), children: this.structures(node) };
  }

  group(node: XNode): FimContainer {
    this.checkChildren(node, ALLOWED.group);
    const base = this.base(node, 'bezeichnungEingabe');
    const art = this.optionalCode(node, 'art');
    return { ...base, help: textOf(child(node, 'hilfetextEingabe')), kind: 'group', art, rules: this.rules(node), children: this.structures(node) };
  }

  field(node: XNode): FimField {
    this.checkChildren(node, ALLOWED.field);
    const base = this.base(node, 'bezeichnungEingabe');
    const feldart = this.code(this.required(node, 'feldart'));
    const datentyp = this.code(this.required(node, 'datentyp'));
    const vorbefuellung = this.optionalCode(node, 'vorbefuellung');
    if (vorbefuellung !== undefined && !VORBEFUELLUNG.has(vorbefuellung)) {
      this.notes.push({ path: base.id, message: `Unbekannte Vorbefüllung „${vorbefuellung}“; sie wurde nicht ausgewertet.` });
    }
    const maxSizeText = textOf(child(node, 'maxSize'));
    const maxSize = /^\d+$/.test(maxSizeText) ? Number(maxSizeText) : undefined;
    if (maxSizeText !== '' && maxSize === undefined) this.notes.push({ path: base.id, message: `Die maximale Dateigröße „${maxSizeText}“ ist keine Zahl; sie wurde nicht übernommen.` });
    return {
      ...base,
      kind: 'field',
      help: textOf(child(node, 'hilfetextEingabe')),
      feldart,
      datentyp,
      precision: this.precision(child(node, 'praezisierung')),
      inhalt: textOf(child(node, 'inhalt')),
      vorbefuellung,
      values: this.values(child(node, 'werte')),
      codeList: this.codeList(child(node, 'codelisteReferenz')),
      maxSize,
      mediaTypes: childrenNamed(node, 'mediaType').map(textOf).filter((t) => t !== ''),
      rules: this.rules(node),
    };
  }

  /** v2 carries the precision as JSON text, v3 as attributes; both are read either way. */
  private precision(node: XNode | undefined): Precision {
    const precision: Precision = { unknownKeys: [] };
    if (!node) return precision;
    this.checkChildren(node, []);
    const keys = ['minLength', 'maxLength', 'minValue', 'maxValue', 'pattern'] as const;
    for (const key of keys) if (node.attrs[key] !== undefined) precision[key] = node.attrs[key];
    const text = node.text.trim();
    if (text === '') return precision;
    if (text.startsWith('{')) {
      try {
        const json: unknown = JSON.parse(text);
        if (json && typeof json === 'object' && !Array.isArray(json)) {
          for (const [key, value] of Object.entries(json)) {
            if ((keys as readonly string[]).includes(key) && (typeof value === 'string' || typeof value === 'number')) precision[key as (typeof keys)[number]] = String(value);
            else precision.unknownKeys.push(key);
          }
          return precision;
        }
      } catch {
        // not JSON: kept as free text below
      }
    }
    precision.freeText = clean(text);
    return precision;
  }

  private values(node: XNode | undefined): FimValue[] {
    if (!node) return [];
    this.checkChildren(node, ALLOWED.werte);
    return childrenNamed(node, 'wert').map((wert) => {
      this.checkChildren(wert, ALLOWED.wert);
      const code = textOf(child(wert, 'code'));
      if (code === '') refuse(`Ein Wert der Werteliste hat keinen Code (${at(wert)}).`);
      return { code, name: textOf(child(wert, 'name')) || code, help: textOf(child(wert, 'hilfe')) };
    });
  }

  private codeList(node: XNode | undefined): FimField['codeList'] {
    if (!node) return undefined;
    this.checkChildren(node, ALLOWED.codelisteReferenz);
    const ident = child(node, 'identifikation');
    if (ident) this.checkChildren(ident, ALLOWED.identifikation);
    const generic = child(node, 'genericodeIdentification');
    if (generic) this.checkChildren(generic, ALLOWED.genericodeIdentification);
    const source = generic ?? node;
    return {
      id: textOf(ident && child(ident, 'id')) || undefined,
      urn: textOf(child(source, 'canonicalIdentification')) || textOf(child(source, 'canonicalVersionUri')) || undefined,
      version: textOf(child(source, 'version')) || undefined,
    };
  }

  private rules(node: XNode): FimRule[] {
    return childrenNamed(node, 'regel').map((r) => this.rule(r));
  }

  private rule(node: XNode): FimRule {
    this.checkChildren(node, ALLOWED.rule);
    const { id, version } = this.identification(node);
    const name = this.requiredText(node, 'name');
    const typ = this.optionalCode(node, 'typ');
    if (typ !== undefined && !REGELTYP.has(typ)) this.notes.push({ path: id, message: `Unbekannter Regeltyp „${typ}“; die Regel wurde wie eine Regel ohne Typ gelesen.` });
    for (const ref of [...childrenNamed(node, 'param'), ...childrenNamed(node, 'ziel')]) this.collectReferences(id, ref);
    const texts = ['freitextRegel', 'definition', 'beschreibung'].map((n) => textOf(child(node, n))).filter((t) => t !== '');
    const script = (child(node, 'skript') ?? child(node, 'script'))?.text.trim() ?? '';
    return { id, version, name, script, texts, typ, node };
  }

  /** Parameters and targets of a v3 rule name elements by id; they must exist in the message. */
  private collectReferences(rule: string, node: XNode): void {
    const value = textOf(node);
    if (ELEMENT_ID.test(value)) this.ruleReferences.push({ rule, id: value, node });
    for (const c of node.children) this.collectReferences(rule, c);
  }

  checkRuleReferences(): void {
    for (const ref of this.ruleReferences) {
      if (!this.elementIds.has(ref.id)) refuse(`Die Regel ${ref.rule} verweist auf das Element ${ref.id}, das in dieser Nachricht nicht vorkommt (${at(ref.node)}).`);
    }
  }

  private structures(node: XNode): FimChild[] {
    return childrenNamed(node, 'struktur').map((s) => this.structure(s));
  }

  private structure(node: XNode): FimChild {
    this.checkChildren(node, ALLOWED.struktur);
    const anzahlNode = this.required(node, 'anzahl');
    const { min, max } = multiplicity(anzahlNode);
    const contains = this.required(node, 'enthaelt');
    this.checkChildren(contains, ALLOWED.enthaelt);
    if (contains.children.length !== 1) refuse(`${tag(contains)} muss genau ein Datenfeld oder eine Datenfeldgruppe enthalten (${at(contains)}).`);
    const inner = contains.children[0];
    const element = inner.name === 'datenfeld' ? this.field(inner) : this.group(inner);
    return { min, max, element, node };
  }
}

/** Anzahl "min:max", max a number or * (also n) for unbounded. */
function multiplicity(node: XNode): { min: number; max: number } {
  const value = textOf(node);
  const match = /^(\d+)\s*:\s*(\d+|\*|n)$/.exec(value);
  if (!match) refuse(`Ungültige Anzahl „${value}“ in ${tag(node)} (${at(node)}); erwartet wird „min:max“, z. B. 0:1 oder 1:*.`);
  const min = Number(match[1]);
  const max = match[2] === '*' || match[2] === 'n' ? Infinity : Number(match[2]);
  if (max < min || max === 0) refuse(`Ungültige Anzahl „${value}“ in ${tag(node)} (${at(node)}): das Maximum muss mindestens 1 und nicht kleiner als das Minimum sein.`);
  return { min, max };
}

// ===================================================================================================================
// Mapping the model to a form: groups become steps, repeating groups group fields, data fields typed fields
// ===================================================================================================================

/** Werte up to this many are offered as radio buttons, more as a select list. */
const RADIO_MAX = 5;
/** Text limits above this make a multi-line field (255 is the usual limit of a one-line text). */
const SINGLE_LINE_MAX = 255;
/** Number of files when the data field allows any number. */
const DEFAULT_MAX_FILES = 10;
/** Limits of the form definition (checkDefinition). */
// As many files as one request may carry (the multipart limit in app.ts).
const MAX_FILES = 20;
const MAX_ENTRIES = 100;
const MAX_OPTIONS = 1000;
const MAX_OPTION_VALUE = 200;
const MAX_TEXT = 20000;
const MAX_PATTERN = 1000;
const UPLOAD_TYPES = new Set(['application/pdf', 'image/jpeg', 'image/png']);

type Target =
  | { kind: 'field'; field: FieldDefinition }
  | { kind: 'step'; step: StepDefinition }
  | { kind: 'groupField'; field: FieldDefinition }
  | { kind: 'fields'; fields: FieldDefinition[] };

interface Placement {
  /** FIM ids from the root to this occurrence. */
  path: string[];
  /** The group field whose entries hold it; undefined on form level. */
  scope: FieldDefinition | undefined;
  step: StepDefinition;
  target: Target;
  /** The yes/no question added for an optional group, and its note; a rule that shows the group replaces both. */
  toggle?: Toggle;
}

interface Toggle { field: FieldDefinition; condition: Logic; note: string }

interface Context {
  path: string[];
  scope: FieldDefinition | undefined;
  step: StepDefinition;
}

interface RuleOccurrence { rule: FimRule; owner: FimElement; path: string[] }

class FormBuilder {
  readonly notes: ImportNote[] = [];
  private readonly fieldIds = new Set<string>();
  private readonly stepIds = new Set<string>();
  readonly placements = new Map<string, Placement[]>();
  readonly ruleOccurrences: RuleOccurrence[] = [];

  note(path: string, message: string): void {
    if (!this.notes.some((n) => n.path === path && n.message === message)) this.notes.push({ path, message });
  }

  fieldId(base: string): string {
    return uniqueId(base, this.fieldIds);
  }

  stepId(base: string): string {
    return uniqueId(base, this.stepIds);
  }

  place(id: string, placement: Placement): void {
    const list = this.placements.get(id) ?? [];
    list.push(placement);
    this.placements.set(id, list);
  }

  registerRules(element: FimElement, path: string[]): void {
    for (const rule of element.rules) this.ruleOccurrences.push({ rule, owner: element, path });
  }
}

function uniqueId(base: string, taken: Set<string>): string {
  let id = base.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `f_${id}`;
  id = id.slice(0, 56);
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}_${n}`;
  taken.add(candidate);
  return candidate;
}

const de = (text: string): Text => ({ de: text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text });
const source = (element: FimBase) => ({ scheme: 'xdatenfelder' as const, id: element.id, ...(element.version ? { version: element.version } : {}) });
const quote = (text: string): string => `„${text}“`;
const short = (text: string, max = 300): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function buildForm(message: Message): { form: FormDefinition; title: Text; standard: Standard; notes: ImportNote[] } {
  const { root, standard } = message;
  const b = new FormBuilder();
  for (const n of message.notes) b.note(n.path, n.message);
  b.registerRules(root, [root.id]);
  const steps = buildSteps(root, b);
  applyRules(b);
  assignRoles(steps, b);
  const form: FormDefinition = {
    steps: withoutEmptySteps(steps, root, b),
    source: { ...source(root), standard },
  };
  return { form, title: de(root.label), standard, notes: b.notes };
}

function buildSteps(root: FimContainer, b: FormBuilder): StepDefinition[] {
  const steps: StepDefinition[] = [];
  const loose = root.children.filter((c) => c.element.kind === 'field');
  if (loose.length > 0) {
    const step: StepDefinition = { id: b.stepId(`${root.id}_allgemein`), title: de('Allgemeine Angaben'), fields: [] };
    const ctx: Context = { path: [root.id], scope: undefined, step };
    step.fields = loose.flatMap((c) => mapFieldChild(c, ctx, b));
    steps.push(step);
  }
  for (const c of root.children) if (c.element.kind === 'group') steps.push(groupStep(c, root, b));
  const first = steps.find((s) => s.fields.length > 0);
  if (root.help && first) first.fields.unshift(infoField(b, `${root.id}_hinweis`, root.label, root.help));
  return steps;
}

function groupStep(entry: FimChild, root: FimContainer, b: FormBuilder): StepDefinition {
  const group = entry.element as FimContainer;
  const step: StepDefinition = { id: b.stepId(group.id), title: de(group.label), fields: [] };
  const path = [root.id, group.id];
  const ctx: Context = { path, scope: undefined, step };
  b.registerRules(group, path);
  noteGroupKind(group, b);
  if (entry.max > 1) {
    const repeating = groupField(entry, ctx, b);
    if (repeating) {
      step.fields = [repeating];
      return step;
    }
  }
  const help = group.help ? [infoField(b, `${group.id}_hinweis`, group.label, group.help)] : [];
  const { fields, toggle } = optionalGroup(entry, mapChildren(group.children, ctx, b), b);
  step.fields = [...help, ...fields];
  b.place(group.id, { path, scope: undefined, step, target: { kind: 'step', step }, toggle });
  return step;
}

function noteGroupKind(group: FimContainer, b: FormBuilder): void {
  if (group.art === undefined) return;
  if (group.art === 'X') {
    b.note(group.id, `Die Gruppe ${quote(group.label)} ist eine Auswahlgruppe (nur eine ihrer Untergruppen ist auszufüllen). Das lässt sich nicht abbilden; alle Untergruppen wurden übernommen.`);
  } else {
    b.note(group.id, `Unbekannte Gruppenart „${group.art}“; die Gruppe wurde als gewöhnliche Gruppe übernommen.`);
  }
}

function mapChildren(children: FimChild[], ctx: Context, b: FormBuilder): FieldDefinition[] {
  return children.flatMap((c) => (c.element.kind === 'field' ? mapFieldChild(c, ctx, b) : mapGroupChild(c, ctx, b)));
}

function mapGroupChild(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition[] {
  const group = entry.element as FimContainer;
  const path = [...ctx.path, group.id];
  const inner: Context = { ...ctx, path };
  b.registerRules(group, path);
  noteGroupKind(group, b);
  if (entry.max > 1) {
    if (ctx.scope) {
      b.note(group.id, `Die wiederholbare Gruppe ${quote(group.label)} (Anzahl ${multiplicityText(entry)}) liegt in einer wiederholbaren Gruppe; verschachtelte Wiederholungen kann das Formular nicht abbilden. Ihre Felder wurden je Eintrag einmal übernommen.`);
    } else {
      const repeating = groupField(entry, inner, b);
      if (repeating) return [repeating];
    }
  }
  const help = group.help ? [infoField(b, `${group.id}_hinweis`, group.label, group.help)] : [];
  const { fields, toggle } = optionalGroup(entry, mapChildren(group.children, inner, b), b);
  const result = [...help, ...fields];
  if (result.length === 0) b.note(group.id, `Die Gruppe ${quote(group.label)} enthält keine Felder; sie wurde übergangen.`);
  b.place(group.id, { path, scope: ctx.scope, step: ctx.step, target: { kind: 'fields', fields: result }, toggle });
  return result;
}

/**
 * An optional group (0:1) with required fields: its fields are asked only after a yes/no question, so the
 * required ones bind only when the person gives the group at all.
 */
function optionalGroup(entry: FimChild, fields: FieldDefinition[], b: FormBuilder): { fields: FieldDefinition[]; toggle?: Toggle } {
  if (entry.min > 0) return { fields };
  const group = entry.element;
  const answerable = fields.filter((f) => f.type !== 'info');
  const binding = answerable.some((f) => f.required || (f.minItems ?? 0) > 0);
  if (!binding) return { fields };
  if (answerable.length === 1) {
    delete answerable[0].required;
    delete answerable[0].minItems;
    return { fields };
  }
  const toggle: FieldDefinition = {
    id: b.fieldId(`${group.id}_angeben`),
    type: 'yesno',
    label: de(`Möchten Sie Angaben zu ${quote(group.label)} machen?`),
    required: true,
    source: source(group),
  };
  const condition = { '==': [{ var: toggle.id }, true] };
  for (const f of fields) f.showIf = and(f.showIf, condition);
  const note = `Die Gruppe ${quote(group.label)} ist optional (Anzahl ${multiplicityText(entry)}) und enthält Pflichtfelder: Die Ja-/Nein-Frage ${quote(toggle.label.de)} wurde ergänzt; die Felder der Gruppe erscheinen und gelten nur bei „Ja“.`;
  b.note(group.id, note);
  return { fields: [toggle, ...fields], toggle: { field: toggle, condition, note } };
}

/** A rule that shows an optional group says when it is given: its condition takes the place of the added question. */
function replaceToggle(placement: Placement, b: FormBuilder): void {
  const toggle = placement.toggle;
  if (!toggle) return;
  placement.toggle = undefined;
  const container = placement.scope?.fields ?? placement.step.fields;
  container.splice(container.indexOf(toggle.field), 1);
  if (placement.target.kind === 'fields') placement.target.fields.splice(placement.target.fields.indexOf(toggle.field), 1);
  const clause = JSON.stringify(toggle.condition);
  const walk = (fields: FieldDefinition[]) => {
    for (const f of fields) {
      const rest = f.showIf === undefined ? undefined : withoutClause(f.showIf, clause);
      if (rest === undefined) delete f.showIf;
      else f.showIf = rest;
      if (f.fields) walk(f.fields);
    }
  };
  walk(container);
  const at = b.notes.findIndex((n) => n.message === toggle.note);
  if (at >= 0) b.notes.splice(at, 1);
}

function withoutClause(logic: Logic, clause: string): Logic | undefined {
  if (JSON.stringify(logic) === clause) return undefined;
  if (!isOp(logic, 'and')) return logic;
  const rest = (logic as { and: Logic[] }).and.filter((item) => JSON.stringify(item) !== clause);
  return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : { and: rest };
}

/** minItems/maxItems of a repeating entry list, within what the form allows. */
function entryLimits(list: FieldDefinition, entry: FimChild, b: FormBuilder, id: string): void {
  if (entry.min > 0) list.minItems = Math.min(entry.min, MAX_ENTRIES);
  if (entry.max !== Infinity) list.maxItems = Math.min(entry.max, MAX_ENTRIES);
  if (entry.min > MAX_ENTRIES || (entry.max !== Infinity && entry.max > MAX_ENTRIES)) {
    b.note(id, `Die Anzahl ${multiplicityText(entry)} von ${quote(list.label.de)} übersteigt die ${MAX_ENTRIES} Einträge, die das Formular zulässt; sie wurde auf ${MAX_ENTRIES} begrenzt.`);
  }
}

function multiplicityText(entry: FimChild): string {
  return `${entry.min}:${entry.max === Infinity ? '*' : entry.max}`;
}

/** A repeating group as a group field; undefined when its entries would need files (a group entry has none). */
function groupField(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition | undefined {
  const group = entry.element as FimContainer;
  if (containsUpload(group)) {
    b.note(group.id, `Die Gruppe ${quote(group.label)} ist wiederholbar (Anzahl ${multiplicityText(entry)}), enthält aber Datei-Uploads, die ein Gruppeneintrag nicht haben kann. Ihre Felder wurden einmal übernommen; die Wiederholung fehlt.`);
    return undefined;
  }
  const field: FieldDefinition = { id: b.fieldId(group.id), type: 'group', label: de(group.label), itemLabel: de(group.label), fields: [], source: source(group) };
  if (group.help) field.hint = de(group.help);
  entryLimits(field, entry, b, group.id);
  const inner: Context = { ...ctx, scope: field };
  field.fields = mapChildren(group.children, inner, b);
  if (field.fields.length === 0) return undefined;
  b.place(group.id, { path: ctx.path, scope: ctx.scope, step: ctx.step, target: { kind: 'groupField', field } });
  return field;
}

function containsUpload(group: FimContainer): boolean {
  return group.children.some(({ element }) => (element.kind === 'field' ? isUpload(element) : containsUpload(element)));
}

const isUpload = (field: FimField): boolean =>
  (field.datentyp === 'file' || field.datentyp === 'obj') && field.feldart !== 'label' && field.feldart !== 'hidden';

function infoField(b: FormBuilder, base: string, label: string, text: string): FieldDefinition {
  return { id: b.fieldId(base), type: 'info', label: de(label), text: de(text) };
}

function mapFieldChild(entry: FimChild, ctx: Context, b: FormBuilder): FieldDefinition[] {
  const fim = entry.element as FimField;
  const path = [...ctx.path, fim.id];
  b.registerRules(fim, path);
  const field = mapField(fim, b);
  if (!field) return [];
  if (entry.min >= 1 && field.type !== 'info' && field.compute === undefined) field.required = true;
  const placed = entry.max > 1 ? repeatedField(field, entry, ctx, b, fim) : field;
  b.place(fim.id, { path, scope: ctx.scope, step: ctx.step, target: placed.type === 'group' && field !== placed ? { kind: 'groupField', field: placed } : { kind: 'field', field: placed } });
  return [placed];
}

/** A data field that may be given several times: several choices, several files, or a list of entries. */
function repeatedField(field: FieldDefinition, entry: FimChild, ctx: Context, b: FormBuilder, fim: FimField): FieldDefinition {
  const bounded = entry.max !== Infinity;
  switch (field.type) {
    case 'info':
      return field;
    case 'select':
    case 'radio': {
      field.type = 'checkboxes';
      const count = field.options?.length ?? 0;
      if (entry.min > 1) field.minSelected = Math.min(entry.min, count);
      if (bounded && entry.max < count) field.maxSelected = entry.max;
      return field;
    }
    case 'file':
      field.maxFiles = bounded ? Math.min(entry.max, MAX_FILES) : DEFAULT_MAX_FILES;
      if (!bounded || entry.max > MAX_FILES) b.note(fim.id, `${quote(fim.label)} erlaubt ${bounded ? entry.max : 'beliebig viele'} Dateien (Anzahl ${multiplicityText(entry)}); die Zahl der Dateien wurde auf ${field.maxFiles} begrenzt.`);
      return field;
    default:
      break;
  }
  if (ctx.scope || field.compute !== undefined) {
    b.note(fim.id, `Das Feld ${quote(fim.label)} darf mehrfach angegeben werden (Anzahl ${multiplicityText(entry)}), liegt aber in einer wiederholbaren Gruppe; es wurde einmal je Eintrag übernommen.`);
    return field;
  }
  const list: FieldDefinition = { id: field.id, type: 'group', label: field.label, itemLabel: field.label, fields: [], source: field.source };
  if (field.hint) list.hint = field.hint;
  entryLimits(list, entry, b, fim.id);
  const item: FieldDefinition = { ...field, id: b.fieldId(`${field.id}_eintrag`), required: true };
  delete item.hint;
  list.fields = [item];
  return list;
}

function mapField(fim: FimField, b: FormBuilder): FieldDefinition | undefined {
  const field: FieldDefinition = { id: b.fieldId(fim.id), type: 'text', label: de(fim.label), source: source(fim) };
  if (fim.help) field.hint = de(fim.help);
  switch (fim.feldart) {
    case 'label':
      return labelField(field, fim);
    case 'hidden':
      b.note(fim.id, `Das versteckte Feld ${quote(fim.label)} (Feldart hidden${fim.inhalt ? `, Inhalt ${quote(short(fim.inhalt, 80))}` : ''}) hat im Formular keine Entsprechung und wurde nicht übernommen.`);
      return undefined;
    case 'select':
      selectField(field, fim, b);
      break;
    case 'locked':
      if (fim.inhalt) return lockedField(field, fim, b);
      inputField(field, fim, b);
      b.note(fim.id, `Das gesperrte Feld ${quote(fim.label)} (Feldart locked) hat keinen Inhalt; es wurde als gewöhnliches Eingabefeld übernommen.`);
      break;
    case 'input':
      inputField(field, fim, b);
      break;
    default:
      b.note(fim.id, `Unbekannte Feldart „${fim.feldart}“; das Feld wurde als Eingabefeld übernommen.`);
      inputField(field, fim, b);
  }
  applyPrecision(field, fim, b);
  noteDefaults(fim, b);
  if (field.type !== 'file' && (fim.maxSize !== undefined || fim.mediaTypes.length > 0)) {
    b.note(fim.id, `Dateigröße und Dateitypen (maxSize, mediaType) gelten nur für Datei-Uploads; bei ${quote(fim.label)} (${typeName(field)}) wurden sie nicht übernommen.`);
  }
  if (fim.values.length > 0 && fim.feldart !== 'select' && field.type !== 'yesno') {
    b.note(fim.id, `Die Werteliste des Feldes ${quote(fim.label)} gehört zu keiner Auswahl (Feldart ${fim.feldart}); sie wurde nicht übernommen.`);
  }
  return field;
}

/** A field with a fixed content: a read-only computed value where the engine computes that type, else a text shown. */
function lockedField(field: FieldDefinition, fim: FimField, b: FormBuilder): FieldDefinition {
  inputField(field, fim, b);
  if (COMPUTABLE.has(field.type)) {
    field.compute = { cat: [fim.inhalt] };
    b.note(fim.id, `Das gesperrte Feld ${quote(fim.label)} (Feldart locked) wurde als schreibgeschützter, berechneter Wert ${quote(short(fim.inhalt, 80))} übernommen.`);
    return field;
  }
  const shown = field.type === 'yesno' ? yesNoText(fim.inhalt) : fim.inhalt;
  b.note(fim.id, `Das gesperrte Feld ${quote(fim.label)} (Feldart locked, ${typeName(field)}) wurde als Hinweistext mit seinem Inhalt ${quote(short(shown, 80))} übernommen.`);
  return labelField(field, { ...fim, inhalt: shown });
}

function yesNoText(value: string): string {
  const word = value.trim().toLowerCase();
  return ['true', '1', 'ja', 'wahr'].includes(word) ? 'Ja' : ['false', '0', 'nein', 'falsch'].includes(word) ? 'Nein' : value;
}

function labelField(field: FieldDefinition, fim: FimField): FieldDefinition {
  const text = fim.inhalt || fim.help || fim.label;
  const info: FieldDefinition = { id: field.id, type: 'info', label: field.label, text: de(text), source: field.source };
  if (fim.inhalt && fim.help) info.hint = de(fim.help);
  return info;
}

function noteDefaults(fim: FimField, b: FormBuilder): void {
  if (fim.inhalt && fim.feldart !== 'locked') {
    b.note(fim.id, `Die Vorbelegung ${quote(short(fim.inhalt, 80))} (Inhalt) des Feldes ${quote(fim.label)} wurde nicht übernommen; das Formular kennt keine Vorbelegung.`);
  }
  if (fim.vorbefuellung === 'optional' || fim.vorbefuellung === 'verpflichtend') {
    b.note(fim.id, `Das Feld ${quote(fim.label)} soll aus einem Nutzerkonto vorbefüllt werden (${fim.vorbefuellung}); das wird nicht unterstützt, die Person gibt den Wert selbst ein.`);
  }
}

function selectField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  if (fim.datentyp === 'bool') {
    field.type = 'yesno';
    if (fim.values.length > 0) b.note(fim.id, `Die Werte der Ja-/Nein-Auswahl ${quote(fim.label)} wurden durch „Ja“ und „Nein“ ersetzt.`);
    return;
  }
  if (fim.values.length > 0) {
    field.options = options(fim, b);
    field.type = field.options.length <= RADIO_MAX ? 'radio' : 'select';
    const helps = fim.values.filter((v) => v.help);
    if (helps.length > 0) {
      const lines = helps.map((v) => `${v.name}: ${v.help}`).join('\n');
      field.hint = de(fim.help ? `${fim.help}\n\n${lines}` : lines);
    }
    if (fim.codeList?.urn) b.note(fim.id, `Das Feld ${quote(fim.label)} nennt neben seiner Werteliste die Codeliste ${quote(fim.codeList.urn)}; übernommen wurden die Werte der Werteliste.`);
    return;
  }
  const list = fim.codeList?.urn ?? fim.codeList?.id;
  if (list) {
    const version = fim.codeList?.version ? ` (Version ${fim.codeList.version})` : '';
    b.note(fim.id, `Die Auswahl ${quote(fim.label)} verweist nur auf die Codeliste ${quote(list)}${version}; deren Werte sind nicht in der Datei enthalten. Das Feld wurde als Textfeld übernommen; bitte die Auswahlwerte im Formulareditor ergänzen.`);
  } else {
    b.note(fim.id, `Die Auswahl ${quote(fim.label)} hat weder eine Werteliste noch eine Codeliste; das Feld wurde als Textfeld übernommen.`);
  }
  inputField(field, { ...fim, datentyp: fim.datentyp === 'bool' ? 'text' : fim.datentyp }, b);
}

function options(fim: FimField, b: FormBuilder): Option[] {
  const seen = new Set<string>();
  const result: Option[] = [];
  for (const value of fim.values) {
    if (value.code.length > MAX_OPTION_VALUE) {
      b.note(fim.id, `Der Code ${quote(short(value.code, 40))} in der Werteliste von ${quote(fim.label)} ist länger als ${MAX_OPTION_VALUE} Zeichen; der Wert wurde nicht übernommen.`);
      continue;
    }
    if (result.length === MAX_OPTIONS) {
      b.note(fim.id, `Die Werteliste von ${quote(fim.label)} hat mehr als ${MAX_OPTIONS} Werte; übernommen wurden die ersten ${MAX_OPTIONS}.`);
      break;
    }
    if (seen.has(value.code)) {
      b.note(fim.id, `Der Code ${quote(value.code)} kommt in der Werteliste von ${quote(fim.label)} mehrfach vor; nur der erste Eintrag wurde übernommen.`);
      continue;
    }
    seen.add(value.code);
    result.push({ value: value.code, label: de(value.name) });
  }
  return result;
}

function inputField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  switch (fim.datentyp) {
    case 'text':
      field.type = 'text';
      break;
    case 'text_latin':
      field.type = 'text';
      b.note(fim.id, `Das Feld ${quote(fim.label)} erlaubt nur lateinische Zeichen (Datentyp text_latin); das Formular prüft das nicht eigens.`);
      break;
    case 'date':
      field.type = 'date';
      break;
    case 'time':
      field.type = 'text';
      field.pattern = '([01][0-9]|2[0-3]):[0-5][0-9]';
      b.note(fim.id, `Das Formular kennt keine Uhrzeit (Datentyp time): ${quote(fim.label)} ist ein Textfeld, das eine Uhrzeit wie 14:30 verlangt.`);
      break;
    case 'datetime':
      field.type = 'text';
      field.pattern = '[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]';
      b.note(fim.id, `Das Formular kennt keinen Zeitpunkt (Datentyp datetime): ${quote(fim.label)} ist ein Textfeld, das Datum und Uhrzeit wie 2026-11-22 14:30 verlangt.`);
      break;
    case 'bool':
      field.type = 'yesno';
      break;
    case 'num':
      field.type = 'decimal';
      break;
    case 'num_int':
      field.type = 'integer';
      break;
    case 'num_currency':
      field.type = 'money';
      break;
    case 'file':
      fileField(field, fim, b);
      break;
    case 'obj':
      fileField(field, fim, b);
      b.note(fim.id, `Das Feld ${quote(fim.label)} erwartet ein Objekt (Datentyp obj); es wurde als Datei-Upload übernommen.`);
      break;
    default:
      field.type = 'text';
      b.note(fim.id, `Unbekannter Datentyp „${fim.datentyp}“; ${quote(fim.label)} wurde als Textfeld übernommen.`);
  }
}

function fileField(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  field.type = 'file';
  if (fim.maxSize !== undefined && fim.maxSize > 0) field.maxBytes = fim.maxSize;
  if (fim.mediaTypes.length === 0) return;
  const accepted = new Set<string>();
  const refused: string[] = [];
  for (const type of fim.mediaTypes.map((t) => t.toLowerCase())) {
    if (UPLOAD_TYPES.has(type)) accepted.add(type);
    else if (type === 'image/*') ['image/jpeg', 'image/png'].forEach((t) => accepted.add(t));
    else refused.push(type);
  }
  if (accepted.size > 0) field.accept = [...accepted];
  if (refused.length > 0) {
    const instead = accepted.size > 0 ? `erlaubt sind hier ${[...accepted].join(', ')}` : 'es gelten die üblichen Dateitypen (PDF, JPEG, PNG)';
    b.note(fim.id, `Die Dateitypen ${refused.join(', ')} für ${quote(fim.label)} werden nicht unterstützt (erkannt werden PDF, JPEG und PNG); ${instead}.`);
  }
}

function applyPrecision(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const p = fim.precision;
  const dropped: string[] = [];
  if (p.freeText) b.note(fim.id, `Die Präzisierung ${quote(short(p.freeText, 120))} von ${quote(fim.label)} ist nicht auswertbar und wurde nicht übernommen.`);
  if (p.unknownKeys.length > 0) b.note(fim.id, `Unbekannte Angaben in der Präzisierung von ${quote(fim.label)}: ${p.unknownKeys.join(', ')}; sie wurden nicht übernommen.`);
  switch (field.type) {
    case 'text':
      applyLengths(field, fim, b, dropped);
      applyPattern(field, fim, b);
      if (p.minValue !== undefined || p.maxValue !== undefined) dropped.push('minValue/maxValue');
      if ((field.maxLength ?? 0) > SINGLE_LINE_MAX && field.pattern === undefined) field.type = 'textarea';
      break;
    case 'integer':
    case 'decimal':
    case 'money':
      applyRange(field, fim, b);
      if (p.minLength !== undefined || p.maxLength !== undefined) dropped.push('minLength/maxLength');
      if (p.pattern !== undefined) dropped.push('pattern');
      break;
    default:
      for (const key of ['minLength', 'maxLength', 'minValue', 'maxValue', 'pattern'] as const) if (p[key] !== undefined) dropped.push(key);
  }
  if (dropped.length > 0) {
    b.note(fim.id, `Die Präzisierung ${dropped.join(', ')} gilt nicht für ${quote(fim.label)} (${typeName(field)}) und wurde nicht übernommen.`);
  }
}

function typeName(field: FieldDefinition): string {
  const names: Partial<Record<FieldDefinition['type'], string>> = {
    text: 'Textfeld', textarea: 'Textfeld', integer: 'Ganzzahl', decimal: 'Dezimalzahl', money: 'Geldbetrag', date: 'Datum',
    yesno: 'Ja/Nein', select: 'Auswahl', radio: 'Auswahl', checkboxes: 'Mehrfachauswahl', file: 'Datei-Upload', info: 'Hinweistext',
  };
  return names[field.type] ?? field.type;
}

function applyLengths(field: FieldDefinition, fim: FimField, b: FormBuilder, dropped: string[]): void {
  const min = wholeNumber(fim.precision.minLength);
  const max = wholeNumber(fim.precision.maxLength);
  if (fim.precision.minLength !== undefined && min === undefined) dropped.push(`minLength ${quote(fim.precision.minLength)}`);
  if (fim.precision.maxLength !== undefined && (max === undefined || max === 0)) dropped.push(`maxLength ${quote(fim.precision.maxLength)}`);
  if (min !== undefined && max !== undefined && max > 0 && min > max) {
    b.note(fim.id, `Die Mindestlänge ${min} von ${quote(fim.label)} ist größer als die Höchstlänge ${max}; beide wurden nicht übernommen.`);
    return;
  }
  if (min !== undefined && min > 0) field.minLength = min;
  if (max !== undefined && max > 0) field.maxLength = max;
}

function applyPattern(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const pattern = fim.precision.pattern;
  if (pattern === undefined || pattern === '') return;
  if (pattern.length > MAX_PATTERN) {
    b.note(fim.id, `Das Muster von ${quote(fim.label)} ist länger als ${MAX_PATTERN} Zeichen und wurde nicht übernommen.`);
    return;
  }
  const problem = patternProblem(pattern);
  if (!problem) field.pattern = pattern;
  else b.note(fim.id, `Das Muster von ${quote(fim.label)} wurde nicht übernommen: ${problem}`);
}

function applyRange(field: FieldDefinition, fim: FimField, b: FormBuilder): void {
  const bound = (raw: string | undefined, name: string): number | undefined => {
    if (raw === undefined) return undefined;
    const n = decimalNumber(raw);
    if (n === undefined || (field.type === 'integer' && !Number.isInteger(n))) {
      b.note(fim.id, `Der Wert ${quote(raw)} (${name}) von ${quote(fim.label)} passt nicht zum Feldtyp ${typeName(field)} und wurde nicht übernommen.`);
      return undefined;
    }
    return n;
  };
  const min = bound(fim.precision.minValue, 'minValue');
  const max = bound(fim.precision.maxValue, 'maxValue');
  if (min !== undefined && max !== undefined && min > max) {
    b.note(fim.id, `Der Mindestwert ${min} von ${quote(fim.label)} ist größer als der Höchstwert ${max}; beide wurden nicht übernommen.`);
    return;
  }
  if (min !== undefined) field.min = min;
  if (max !== undefined) field.max = max;
}

function wholeNumber(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : undefined;
}

function decimalNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/\s/g, '');
  const normal = /^-?\d+(,\d+)?$/.test(text) ? text.replace(',', '.') : text;
  if (!/^-?\d+(\.\d+)?$/.test(normal)) return undefined;
  const n = Number(normal);
  return Number.isFinite(n) ? n : undefined;
}

/** Marks the applicant's first name, last name and e-mail (on form level, first of each) for the case list and mail. */
function assignRoles(steps: StepDefinition[], b: FormBuilder): void {
  const roles: Array<{ role: 'firstName' | 'lastName' | 'email'; label: RegExp; autocomplete: string }> = [
    { role: 'firstName', label: /^vornamen?$/i, autocomplete: 'given-name' },
    { role: 'lastName', label: /^(familienname|nachname)$/i, autocomplete: 'family-name' },
    { role: 'email', label: /^e-?mail(-?adresse)?$/i, autocomplete: 'email' },
  ];
  const fields = steps.flatMap((s) => s.fields);
  for (const { role, label, autocomplete } of roles) {
    const field = fields.find((f) => (f.type === 'text' || f.type === 'textarea') && f.compute === undefined && label.test(f.label.de.trim()));
    if (!field) continue;
    field.role = role;
    field.autocomplete = autocomplete;
    if (role === 'email' && field.pattern === undefined) {
      field.type = 'email';
      if (field.minLength !== undefined || field.maxLength !== undefined) {
        b.note(field.source?.id ?? field.id, `${quote(field.label.de)} wurde als E-Mail-Feld übernommen; es prüft die Form der Adresse statt der Längenangaben der Präzisierung.`);
      }
      delete field.minLength;
      delete field.maxLength;
    }
  }
}

function withoutEmptySteps(steps: StepDefinition[], root: FimContainer, b: FormBuilder): StepDefinition[] {
  const kept: StepDefinition[] = [];
  for (const step of steps) {
    if (step.fields.length > 0) kept.push(step);
    else b.note(step.id, `Die Gruppe ${quote(step.title.de)} enthält keine Felder; für sie wurde kein Schritt angelegt.`);
  }
  if (kept.length > 0) return kept;
  const what = root.kind === 'schema' ? 'Das Datenschema' : 'Die Datenfeldgruppe';
  b.note(root.id, `${what} ${quote(root.label)} enthält keine Datenfelder. Es wurde ein Schritt mit einem Hinweis angelegt; bitte die Felder im Formulareditor ergänzen.`);
  const step: StepDefinition = { id: b.stepId(root.id), title: de(root.label), fields: [] };
  step.fields.push(infoField(b, `${root.id}_hinweis`, root.label, `${what} enthält noch keine Felder.`));
  return [step];
}

// ===================================================================================================================
// Rules: structured rule texts and scripts become JSON Logic (showIf, requiredIf, compute); every other rule is a note
// ===================================================================================================================

function and(a: Logic | undefined, b: Logic): Logic {
  if (a === undefined) return b;
  const left = isOp(a, 'and') ? (a as { and: Logic[] }).and : [a];
  return { and: [...left, b] };
}

function or(a: Logic | undefined, b: Logic): Logic {
  if (a === undefined) return b;
  const left = isOp(a, 'or') ? (a as { or: Logic[] }).or : [a];
  return { or: [...left, b] };
}

const isOp = (logic: Logic, op: string): boolean =>
  logic !== null && typeof logic === 'object' && !Array.isArray(logic) && Object.keys(logic).length === 1 && op in logic;

// ----- the rule language: tokens -----

/** A token of a rule text; `from`/`to` locate it in the text, for reporting a sentence as written. */
type Token = { t: 'id' | 'str' | 'num' | 'word' | 'op'; v: string; from: number; to: number };

const TOKEN = new RegExp(
  [
    String.raw`(\s+)`,
    String.raw`([FG]\d+)(?![\wÄÖÜäöüß])`,
    String.raw`"([^"]*)"|'([^']*)'|„([^“”"]*)[“”"]|‚([^‘’']*)[‘’']|“([^”]*)”|«([^»]*)»|»([^«]*)«`,
    String.raw`(\d+(?:[.,]\d+)?)`,
    String.raw`(===|!==|==|!=|<>|<=|>=|&&|\|\||:=|[<>=!(){},;:+\-*/.])`,
    String.raw`([A-Za-zÄÖÜäöüß_][\wÄÖÜäöüß]*(?:-[A-Za-zÄÖÜäöüß]+)*)`,
    String.raw`(\S)`,
  ].join('|'),
  'gu',
);

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[1] !== undefined) continue;
    const at = { from: m.index, to: m.index + m[0].length };
    if (m[2] !== undefined) tokens.push({ t: 'id', v: m[2], ...at });
    else if (m[10] !== undefined) tokens.push({ t: 'num', v: m[10], ...at });
    else if (m[11] !== undefined) tokens.push({ t: 'op', v: m[11], ...at });
    else if (m[12] !== undefined) tokens.push({ t: 'word', v: m[12].toLowerCase(), ...at });
    else if (m[13] !== undefined) return undefined;
    else tokens.push({ t: 'str', v: m.slice(3, 10).find((s) => s !== undefined) ?? '', ...at });
  }
  return tokens;
}

// ----- the rule language: what a sentence says -----

type Literal = { kind: 'str' | 'num' | 'bool'; value: string };
type Condition =
  | { kind: 'and' | 'or'; items: Condition[] }
  | { kind: 'not'; item: Condition }
  | { kind: 'always' }
  | { kind: 'compare'; ref: string; op: '==' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { kind: 'filled'; ref: string }
  | { kind: 'selected'; ref: string }
  /** "F… 'x' ausgewählt": the value x chosen, or, for a yes/no question, x is its label and it is ticked. */
  | { kind: 'chosen'; ref: string; value: string };
type Expression = { kind: 'ref'; ref: string } | { kind: 'num'; value: number } | { kind: 'op'; op: '+' | '-' | '*' | '/'; items: Expression[] };
/** A target: an element id, or undefined for the element the rule belongs to. */
type Effect =
  | { kind: 'show' | 'hide' | 'required'; targets: Array<string | undefined>; when: Condition }
  | { kind: 'compute'; targets: Array<string | undefined>; expression: Expression };

class NoMatch extends Error {}

const negate = (c: Condition): Condition => (c.kind === 'not' ? c.item : { kind: 'not', item: c });

const IF_WORDS = ['wenn', 'falls', 'sofern', 'if'];
const THEN_WORDS = ['dann', 'then', 'so'];
const AND_WORDS = ['und', 'and'];
const OR_WORDS = ['oder', 'or'];
const NOISE_BEFORE_REF = new Set(['im', 'in', 'das', 'der', 'die', 'dem', 'den', 'des', 'feld', 'feldes', 'datenfeld', 'datenfeldes', 'gruppe', 'feldgruppe', 'datenfeldgruppe', 'wert', 'von', 'eingabe', 'angabe']);
const FILLED_WORDS = ['befüllt', 'ausgefüllt', 'angegeben', 'gesetzt', 'vorhanden', 'gefüllt', 'eingetragen'];
const SELECTED_WORDS = ['ausgewählt', 'gewählt', 'angekreuzt', 'markiert', 'aktiviert', 'angehakt'];
const REQUIRED_WORDS = ['pflicht', 'pflichtfeld', 'pflichtfelder', 'pflichtangabe', 'pflichtangaben', 'pflichtig', 'verpflichtend', 'erforderlich', 'auszufüllen', 'anzugeben', 'auszuwählen'];
const SHOW_WORDS = ['angezeigt', 'eingeblendet', 'sichtbar', 'aktiviert', 'anzuzeigen', 'einzublenden', 'freigeschaltet'];
const HIDE_WORDS = ['ausgeblendet', 'deaktiviert', 'verborgen', 'unsichtbar', 'versteckt', 'inaktiv'];
const PRONOUNS = ['es', 'sie', 'diese', 'dieses', 'diesen', 'dieser', 'ihn', 'diese felder'];
const RESERVED = new Set([
  ...IF_WORDS, ...THEN_WORDS, ...AND_WORDS, ...OR_WORDS, ...FILLED_WORDS, ...SELECTED_WORDS, 'nicht', 'ist', 'sind', 'wird', 'wurde', 'leer',
  'sonst', 'andernfalls', 'else', 'muss', 'müssen', 'gleich', 'ungleich',
]);
const BOOL_WORDS: Record<string, string> = { ja: 'true', true: 'true', wahr: 'true', nein: 'false', false: 'false', falsch: 'false' };

/** A recursive-descent reader for the sentences FIM rules are written in ("WENN F… = 'x', DANN aktiviere F… UND mache es zu einer Pflichtangabe."). */
class RuleReader {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(k = 0): Token | undefined {
    return this.tokens[this.i + k];
  }

  private fail(): never {
    throw new NoMatch();
  }

  private isWord(words: readonly string[], k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'word' && words.includes(t.v);
  }

  private acceptWord(...words: string[]): boolean {
    if (!this.isWord(words)) return false;
    this.i++;
    return true;
  }

  private isOp(ops: readonly string[], k = 0): boolean {
    const t = this.peek(k);
    return t?.t === 'op' && ops.includes(t.v);
  }

  private acceptOp(...ops: string[]): boolean {
    if (!this.isOp(ops)) return false;
    this.i++;
    return true;
  }

  private attempt<T>(read: () => T): T | undefined {
    const start = this.i;
    try {
      return read();
    } catch (error) {
      if (!(error instanceof NoMatch)) throw error;
      this.i = start;
      return undefined;
    }
  }

  /** Reads every sentence; each result is the sentence's effects, or undefined when it cannot be read. */
  sentences(): Array<{ text: Token[]; effects?: Effect[] }> {
    const result: Array<{ text: Token[]; effects?: Effect[] }> = [];
    while (this.i < this.tokens.length) {
      const start = this.i;
      const end = this.sentenceEnd(start);
      const sentence = new RuleReader(this.tokens.slice(start, end));
      result.push({ text: this.tokens.slice(start, end), effects: sentence.attempt(() => sentence.sentence()) });
      this.i = end + 1;
    }
    return result.filter((s) => s.text.length > 0);
  }

  private sentenceEnd(start: number): number {
    let depth = 0;
    for (let k = start; k < this.tokens.length; k++) {
      const t = this.tokens[k];
      if (t.t !== 'op') continue;
      if (t.v === '(' || t.v === '{') depth++;
      else if (t.v === ')' || t.v === '}') depth--;
      else if ((t.v === '.' || t.v === ';') && depth <= 0) return k;
    }
    return this.tokens.length;
  }

  private sentence(): Effect[] {
    this.acceptWord('regel');
    this.acceptOp(':');
    this.acceptWord('nur');
    let effects: Effect[];
    if (this.isWord(IF_WORDS)) {
      this.i++;
      const when = this.condition();
      this.acceptOp(',');
      this.acceptWord(...THEN_WORDS);
      const braced = this.acceptOp('{');
      effects = this.actions(when);
      if (braced && !this.acceptOp('}')) this.fail();
      this.otherwise(effects);
    } else if (this.isWord(['berechne', 'berechnung']) || this.computeAhead()) {
      effects = [this.compute()];
    } else {
      const pending = this.actionsWithoutCondition();
      this.acceptOp(',');
      this.acceptWord('nur');
      const when: Condition = this.acceptWord(...IF_WORDS) ? this.condition() : { kind: 'always' };
      effects = pending.map((p) => ({ ...p, when }));
    }
    this.acceptOp('.', ';');
    if (this.i < this.tokens.length) this.fail();
    return effects;
  }

  /** "sonst ausblenden" / "sonst optional" only restates what the rule already means. */
  private otherwise(effects: Effect[]): void {
    this.acceptOp(',', ';');
    if (!this.acceptWord('sonst', 'andernfalls', 'else')) return;
    this.acceptOp(',', '{');
    const kinds = new Set(effects.map((e) => e.kind));
    const complement = (this.acceptWord('ausblenden', 'ausgeblendet', 'verbergen', 'deaktivieren', 'deaktiviere') && kinds.has('show'))
      || (this.acceptWord('optional', 'freiwillig') && kinds.has('required'));
    if (!complement) this.fail();
    this.acceptOp('}');
  }

  // ----- conditions -----

  private condition(): Condition {
    const items = [this.conjunction()];
    while (this.acceptWord(...OR_WORDS) || this.acceptOp('||')) items.push(this.conjunction());
    return items.length === 1 ? items[0] : { kind: 'or', items };
  }

  private conjunction(): Condition {
    const items = [this.negation()];
    while ((this.isWord(AND_WORDS) || this.isOp(['&&'])) && this.conditionStartsAt(1)) {
      this.i++;
      items.push(this.negation());
    }
    return items.length === 1 ? items[0] : { kind: 'and', items };
  }

  private refAhead(k: number): boolean {
    let j = k;
    while (this.peek(j)?.t === 'word' && NOISE_BEFORE_REF.has(this.peek(j)!.v)) j++;
    return this.peek(j)?.t === 'id';
  }

  private conditionStartsAt(k: number): boolean {
    let j = k;
    while (this.peek(j)?.t === 'word' && (NOISE_BEFORE_REF.has(this.peek(j)!.v) || this.peek(j)!.v === 'nicht')) j++;
    const t = this.peek(j);
    return t?.t === 'id' || (t?.t === 'op' && (t.v === '(' || t.v === '!'));
  }

  private negation(): Condition {
    if (this.acceptWord('nicht') || this.acceptOp('!')) return negate(this.negation());
    if (this.acceptOp('(')) {
      const inner = this.condition();
      if (!this.acceptOp(')')) this.fail();
      return inner;
    }
    return this.atom();
  }

  private ref(): string {
    while (this.peek()?.t === 'word' && NOISE_BEFORE_REF.has(this.peek()!.v)) this.i++;
    const t = this.peek();
    if (t?.t !== 'id') this.fail();
    this.i++;
    return t.v;
  }

  /** A quoted label after an id ("F60000227 'Familienname'") unless the quoted text is the value chosen. */
  private skipLabel(): void {
    if (this.peek()?.t === 'str' && !this.isWord(SELECTED_WORDS, 1) && !this.isWord(FILLED_WORDS, 1)) this.i++;
  }

  private atom(): Condition {
    const ref = this.ref();
    if (this.peek()?.t === 'str' && this.isWord(SELECTED_WORDS, 1)) {
      const value = this.peek()!.v;
      this.i += 2;
      this.acceptWord('wurde', 'wird', 'ist', 'worden', 'sind');
      return { kind: 'chosen', ref, value };
    }
    this.skipLabel();
    const condition = this.predicate(ref);
    this.acceptWord(...SELECTED_WORDS, ...FILLED_WORDS);
    this.acceptWord('wurde', 'wird', 'ist', 'worden', 'sind');
    return condition;
  }

  private predicate(ref: string): Condition {
    const compare = (op: '==' | '!=' | '<' | '<=' | '>' | '>=', value: Literal): Condition => ({ kind: 'compare', ref, op, value });
    if (this.acceptOp('=', '==', '===')) return compare('==', this.literal());
    if (this.acceptOp('!=', '!==', '<>')) return compare('!=', this.literal());
    for (const op of ['<=', '>=', '<', '>'] as const) if (this.acceptOp(op)) return compare(op, this.number());
    if (this.acceptWord('größer', 'groesser', 'grösser', 'über')) {
      this.acceptWord('als');
      return compare(this.acceptWord('oder') && this.acceptWord('gleich') ? '>=' : '>', this.number());
    }
    if (this.acceptWord('kleiner', 'unter')) {
      this.acceptWord('als');
      return compare(this.acceptWord('oder') && this.acceptWord('gleich') ? '<=' : '<', this.number());
    }
    if (this.acceptWord('mindestens')) return compare('>=', this.number());
    if (this.acceptWord('höchstens', 'hoechstens')) return compare('<=', this.number());
    if (this.acceptWord('ungleich')) return compare('!=', this.literal());
    if (this.acceptWord('gleich')) return compare('==', this.literal());
    const negated = this.acceptWord('ist') ? this.acceptWord('nicht') : this.acceptWord('nicht');
    const state = this.state(ref);
    if (state) return negated ? negate(state) : state;
    if (this.acceptWord('gleich')) return compare(negated ? '!=' : '==', this.literal());
    if (this.acceptWord('ungleich')) return compare(negated ? '==' : '!=', this.literal());
    const value = this.literal();
    return compare(negated ? '!=' : '==', value);
  }

  private state(ref: string): Condition | undefined {
    if (this.acceptWord('leer')) return { kind: 'not', item: { kind: 'filled', ref } };
    if (this.acceptWord(...FILLED_WORDS)) return { kind: 'filled', ref };
    if (this.acceptWord(...SELECTED_WORDS)) return { kind: 'selected', ref };
    return undefined;
  }

  private literal(): Literal {
    const t = this.peek();
    if (!t) this.fail();
    let literal: Literal;
    if (t.t === 'str') literal = { kind: 'str', value: t.v };
    else if (t.t === 'num') literal = { kind: 'num', value: t.v };
    else if (t.t === 'word' && t.v in BOOL_WORDS) literal = { kind: 'bool', value: BOOL_WORDS[t.v] };
    else if (t.t === 'word' && !RESERVED.has(t.v)) literal = { kind: 'str', value: t.v };
    else if (t.t === 'op' && t.v === '-' && this.peek(1)?.t === 'num') {
      this.i++;
      literal = { kind: 'num', value: `-${this.peek()!.v}` };
    } else this.fail();
    this.i++;
    // a code may be followed by its name: "= 001 'schwanger'"
    if (literal.kind !== 'str' && this.peek()?.t === 'str') this.i++;
    return literal;
  }

  private number(): Literal {
    const value = this.literal();
    if (value.kind !== 'num') this.fail();
    return value;
  }

  // ----- actions -----

  private actions(when: Condition): Effect[] {
    return this.actionsWithoutCondition().map((p) => ({ ...p, when }));
  }

  private actionsWithoutCondition(): Array<{ kind: 'show' | 'hide' | 'required'; targets: Array<string | undefined> }> {
    const result = [this.action([undefined])];
    for (;;) {
      const next = this.attempt(() => {
        if (!(this.acceptWord(...AND_WORDS, 'sowie') || this.acceptOp(',', '&&'))) this.fail();
        return this.action(result[result.length - 1].targets);
      });
      if (!next) return result;
      result.push(next);
    }
  }

  private refs(previous: Array<string | undefined>): Array<string | undefined> {
    if (this.acceptWord(...PRONOUNS)) {
      this.acceptWord('felder', 'feld', 'gruppe');
      return previous;
    }
    const list: string[] = [this.ref()];
    this.skipLabelInAction();
    for (;;) {
      const more = this.attempt(() => {
        if (!(this.acceptOp(',') || this.acceptWord(...AND_WORDS, 'sowie'))) this.fail();
        return this.ref();
      });
      if (more === undefined) return list;
      list.push(more);
      this.skipLabelInAction();
    }
  }

  private skipLabelInAction(): void {
    if (this.peek()?.t === 'str') this.i++;
  }

  private action(previous: Array<string | undefined>): { kind: 'show' | 'hide' | 'required'; targets: Array<string | undefined> } {
    this.acceptWord('bitte', 'nur');
    if (this.acceptWord('aktiviere', 'aktivieren', 'zeige', 'zeigen', 'einblenden')) {
      const targets = this.refs(previous);
      this.acceptWord('an', 'ein', 'auch');
      return { kind: 'show', targets };
    }
    if (this.acceptWord('blende')) {
      const targets = this.refs(previous);
      if (this.acceptWord('ein')) return { kind: 'show', targets };
      if (this.acceptWord('aus')) return { kind: 'hide', targets };
      this.fail();
    }
    if (this.acceptWord('deaktiviere', 'deaktivieren', 'verberge', 'verbergen', 'ausblenden')) return { kind: 'hide', targets: this.refs(previous) };
    if (this.acceptWord('mache', 'mach', 'setze', 'markiere')) {
      const targets = this.refs(previous);
      this.acceptWord('zu', 'zur', 'zum', 'als');
      this.acceptWord('einer', 'einem', 'einen', 'ein', 'eine');
      if (this.acceptWord(...REQUIRED_WORDS)) return { kind: 'required', targets };
      if (this.acceptWord('sichtbar')) return { kind: 'show', targets };
      this.fail();
    }
    if (this.isWord(['muss', 'müssen', 'ist', 'sind', 'wird', 'werden']) && this.refAhead(1)) {
      // "muss F… befüllt werden", "ist F… Pflicht", "sind F… und F… Pflichtfelder"
      this.i++;
      const targets = this.refs(previous);
      return { kind: this.stateOfTargets(), targets };
    }
    if (this.acceptWord(...REQUIRED_WORDS)) return { kind: 'required', targets: previous };
    if (this.acceptWord('anzeigen', 'anzuzeigen', 'einzublenden', 'sichtbar', 'anzeige')) return { kind: 'show', targets: previous };
    if (this.acceptWord('ausblenden', 'auszublenden', 'verbergen')) return { kind: 'hide', targets: previous };
    const targets = this.refAhead(0) ? this.refs(previous) : previous;
    return { kind: this.predicateOfTargets(), targets };
  }

  /** "… ist Pflicht", "… muss befüllt werden", "… wird angezeigt", "… wird ausgeblendet". */
  private predicateOfTargets(): 'show' | 'hide' | 'required' {
    if (!this.acceptWord('ist', 'sind', 'wird', 'werden', 'muss', 'müssen')) this.fail();
    return this.stateOfTargets();
  }

  private stateOfTargets(): 'show' | 'hide' | 'required' {
    this.acceptWord('dann', 'auch');
    this.acceptWord('eine', 'ein', 'zur', 'zum', 'als');
    if (this.acceptWord(...REQUIRED_WORDS)) return 'required';
    if (this.acceptWord('zu') && this.acceptWord('befüllen', 'füllen', 'ausfüllen', 'machen')) return 'required';
    if (this.acceptWord(...FILLED_WORDS, ...SELECTED_WORDS)) {
      this.acceptWord('werden', 'sein');
      return 'required';
    }
    if (this.acceptWord(...SHOW_WORDS)) return 'show';
    if (this.acceptWord(...HIDE_WORDS)) return 'hide';
    if (this.acceptWord('nicht') && this.acceptWord('sichtbar', 'angezeigt')) return 'hide';
    this.fail();
  }

  // ----- calculations -----

  private computeAhead(): boolean {
    let k = 0;
    while (this.peek(k)?.t === 'word' && NOISE_BEFORE_REF.has(this.peek(k)!.v)) k++;
    if (this.peek(k)?.t !== 'id') return false;
    k++;
    if (this.peek(k)?.t === 'str') k++;
    return this.isOp(['=', ':='], k) || this.isWord(['ergibt', 'berechnet'], k);
  }

  private compute(): Effect {
    this.acceptWord('berechne', 'berechnung');
    this.acceptOp(':');
    const target = this.ref();
    this.skipLabelInAction();
    if (this.acceptOp('=', ':=') || this.acceptWord('als')) {
      // plain assignment
    } else if (this.acceptWord('ergibt', 'berechnet')) {
      this.acceptWord('sich');
      if (!this.acceptWord('aus', 'als')) this.fail();
    } else this.fail();
    return { kind: 'compute', targets: [target], expression: this.sum() };
  }

  private sum(): Expression {
    if (this.acceptWord('summe')) {
      this.acceptWord('aus', 'von', 'der');
      const items: Expression[] = [{ kind: 'ref', ref: this.ref() }];
      this.skipLabelInAction();
      while (this.acceptOp(',', '+') || this.acceptWord(...AND_WORDS, 'plus')) {
        items.push({ kind: 'ref', ref: this.ref() });
        this.skipLabelInAction();
      }
      return { kind: 'op', op: '+', items };
    }
    let left = this.product();
    for (;;) {
      const op = this.acceptOp('+') || this.acceptWord('plus') ? '+' : this.acceptOp('-') || this.acceptWord('minus') ? '-' : undefined;
      if (!op) return left;
      left = { kind: 'op', op, items: [left, this.product()] };
    }
  }

  private product(): Expression {
    let left = this.factor();
    for (;;) {
      let op: '*' | '/' | undefined;
      if (this.acceptOp('*') || this.acceptWord('mal')) op = '*';
      else if (this.acceptWord('multipliziert')) { this.acceptWord('mit'); op = '*'; }
      else if (this.acceptOp('/')) op = '/';
      else if (this.acceptWord('geteilt', 'dividiert')) { this.acceptWord('durch'); op = '/'; }
      if (!op) return left;
      left = { kind: 'op', op, items: [left, this.factor()] };
    }
  }

  private factor(): Expression {
    if (this.acceptOp('(')) {
      const inner = this.sum();
      if (!this.acceptOp(')')) this.fail();
      return inner;
    }
    const t = this.peek();
    if (t?.t === 'num') {
      this.i++;
      return { kind: 'num', value: Number(t.v.replace(',', '.')) };
    }
    const ref = this.ref();
    this.skipLabelInAction();
    return { kind: 'ref', ref };
  }
}

// ----- applying what a rule says to the form -----

interface ReadRule { effects: Effect[]; unread: string[] }

/** The script or, failing that, the free text, whichever says the most in a readable form. */
function readRule(rule: FimRule): ReadRule | undefined {
  const candidates: ReadRule[] = [];
  for (const text of [rule.script, ...rule.texts]) {
    if (text.trim() === '') continue;
    const tokens = tokenize(text);
    if (!tokens) continue;
    const sentences = new RuleReader(tokens).sentences();
    const effects = sentences.flatMap((s) => s.effects ?? []);
    if (effects.length === 0) continue;
    const written = (t: Token[]) => text.slice(t[0].from, t[t.length - 1].to);
    candidates.push({ effects, unread: sentences.filter((s) => !s.effects).map((s) => written(s.text)) });
  }
  candidates.sort((x, y) => x.unread.length - y.unread.length);
  return candidates[0];
}

function ruleName(rule: FimRule): string {
  return `${rule.id} ${quote(rule.name)}`;
}

function ruleText(rule: FimRule): string {
  const text = rule.texts[0] ?? rule.script;
  return text ? ` Text der Regel: ${quote(short(text))}` : '';
}

function applyRules(b: FormBuilder): void {
  const reported = new Set<string>();
  const read = new Map<FimRule, ReadRule | undefined>();
  for (const occurrence of b.ruleOccurrences) {
    const { rule } = occurrence;
    const key = `${rule.id}:${rule.version ?? ''}`;
    const report = (message: string) => {
      if (reported.has(`${key}|${message}`)) return;
      reported.add(`${key}|${message}`);
      b.note(rule.id, message);
    };
    if (!read.has(rule)) read.set(rule, readRule(rule));
    const parsed = read.get(rule);
    if (!parsed) {
      report(`Die Regel ${ruleName(rule)} wurde nicht übernommen: weder Skript noch Text sind in einer auswertbaren Form (z. B. „WENN F… = 'wert', DANN aktiviere F… UND mache es zu einer Pflichtangabe“). Bitte im Formulareditor nachbilden.${ruleText(rule)}`);
      continue;
    }
    for (const sentence of parsed.unread) report(`Ein Teil der Regel ${ruleName(rule)} ist nicht auswertbar und wurde nicht übernommen: ${quote(short(sentence))}.`);
    for (const effect of parsed.effects) {
      const problem = applyEffect(effect, occurrence, b);
      if (problem) report(`Die Regel ${ruleName(rule)} wurde nicht (vollständig) übernommen: ${problem}${ruleText(rule)}`);
    }
  }
}

type Resolved = { placement: Placement } | { problem: string };

function resolve(id: string | undefined, occurrence: RuleOccurrence, b: FormBuilder): Resolved {
  if (id === undefined) {
    const own = (b.placements.get(occurrence.owner.id) ?? []).find((p) => samePath(p.path, occurrence.path));
    const what = { field: 'das Feld', group: 'die Gruppe', schema: 'das Datenschema' }[occurrence.owner.kind];
    return own ? { placement: own } : { problem: `Sie nennt kein Ziel und gilt für ${what} ${occurrence.owner.id} als Ganzes, das sich so nicht steuern lässt.` };
  }
  const candidates = b.placements.get(id) ?? [];
  if (candidates.length === 0) return { problem: `Das Element ${id} kommt im Formular nicht vor.` };
  if (candidates.length === 1) return { placement: candidates[0] };
  const scored = candidates.map((p) => ({ p, score: commonPrefix(p.path, occurrence.path) }));
  const best = Math.max(...scored.map((s) => s.score));
  const winners = scored.filter((s) => s.score === best);
  if (winners.length > 1) return { problem: `Das Element ${id} kommt im Formular mehrfach vor; es ist nicht eindeutig, welches gemeint ist.` };
  return { placement: winners[0].p };
}

const samePath = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function commonPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** Applies one effect; returns a German reason when it cannot. The form is left unchanged then. */
function applyEffect(effect: Effect, occurrence: RuleOccurrence, b: FormBuilder): string | undefined {
  const targets: Placement[] = [];
  for (const id of effect.targets) {
    const r = resolve(id, occurrence, b);
    if ('problem' in r) return r.problem;
    targets.push(r.placement);
  }
  const changes: Array<() => void> = [];
  for (const target of targets) {
    const logic = effect.kind === 'compute' ? expressionLogic(effect.expression, target, occurrence, b) : conditionLogic(effect.when, target, occurrence, b);
    if (typeof logic === 'string') return logic;
    const change = effectChange(effect.kind, target, logic.logic);
    if (typeof change === 'string') return change;
    changes.push(change);
  }
  const undo = snapshot(targets);
  for (const change of changes) change();
  const cycle = findCycle(b);
  if (cycle) {
    undo();
    return `Sie würde eine zirkuläre Abhängigkeit erzeugen (${cycle.join(' → ')}).`;
  }
  if (effect.kind === 'show') for (const target of targets) replaceToggle(target, b);
  return undefined;
}

function effectChange(kind: Effect['kind'], target: Placement, logic: Logic): (() => void) | string {
  const t = target.target;
  const fields = t.kind === 'field' || t.kind === 'groupField' ? [t.field] : t.kind === 'fields' ? t.fields : [];
  if (logic === true && kind !== 'compute') {
    // A rule without a condition: always required, always shown (as it is anyway), never hidden.
    if (kind === 'hide') return 'Ein Element ohne Bedingung auszublenden, lässt sich nicht abbilden.';
    if (kind === 'show') return () => {};
  }
  switch (kind) {
    case 'show':
    case 'hide': {
      const condition = kind === 'show' ? logic : { '!': [logic] };
      if (t.kind === 'step') return () => { t.step.showIf = and(t.step.showIf, condition); };
      return () => { for (const f of fields) f.showIf = and(f.showIf, condition); };
    }
    case 'required':
      if (t.kind !== 'field') return `Eine ganze Gruppe (${target.path[target.path.length - 1]}) zur Pflichtangabe zu machen, lässt sich nicht abbilden.`;
      if (t.field.type === 'info') return `Das Ziel ${t.field.id} ist ein Hinweistext.`;
      if (logicVars(logic).includes(t.field.id)) return `Sie macht das Feld ${t.field.id} von sich selbst abhängig.`;
      return () => {
        if (logic === true) {
          t.field.required = true;
          delete t.field.requiredIf;
        } else if (!t.field.required) t.field.requiredIf = or(t.field.requiredIf, logic);
      };
    case 'compute':
      if (t.kind !== 'field' || !COMPUTABLE.has(t.field.type)) return `Das Ziel der Berechnung ist kein Zahlen- oder Textfeld.`;
      return () => {
        t.field.compute = logic;
        delete t.field.required;
        delete t.field.requiredIf;
      };
  }
}

function snapshot(targets: Placement[]): () => void {
  const saved: Array<[object, Record<string, unknown>]> = [];
  for (const p of targets) {
    const objects: object[] = p.target.kind === 'step' ? [p.target.step] : p.target.kind === 'fields' ? p.target.fields : [p.target.field];
    for (const o of objects) saved.push([o, { ...(o as Record<string, unknown>) }]);
  }
  return () => {
    for (const [object, copy] of saved) {
      const record = object as Record<string, unknown>;
      for (const key of Object.keys(record)) if (!(key in copy)) delete record[key];
      Object.assign(record, copy);
    }
  };
}

type LogicOrProblem = { logic: Logic } | string;

/** A referenced field, usable in the target's scope: on form level, or a sibling in the same group entry. */
function operand(id: string, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): FieldDefinition | string {
  const r = resolve(id, occurrence, b);
  if ('problem' in r) return r.problem;
  const p = r.placement;
  if (p.target.kind !== 'field') return `${id} ist eine Gruppe, kein einzelnes Feld.`;
  if (p.scope && p.scope !== target.scope) return `${id} liegt in einer wiederholbaren Gruppe und ist von ${target.path[target.path.length - 1]} aus nicht eindeutig.`;
  if (target.target.kind === 'step' && p.step === target.target.step) return `${id} liegt im selben Schritt, dessen Anzeige es steuern soll.`;
  return p.target.field;
}

function conditionLogic(condition: Condition, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): LogicOrProblem {
  switch (condition.kind) {
    case 'and':
    case 'or': {
      const items: Logic[] = [];
      for (const item of condition.items) {
        const logic = conditionLogic(item, target, occurrence, b);
        if (typeof logic === 'string') return logic;
        items.push(logic.logic);
      }
      return { logic: { [condition.kind]: items } };
    }
    case 'not': {
      const inner = conditionLogic(condition.item, target, occurrence, b);
      return typeof inner === 'string' ? inner : { logic: { '!': [inner.logic] } };
    }
    case 'always':
      return { logic: true };
    default: {
      const field = operand(condition.ref, target, occurrence, b);
      if (typeof field === 'string') return field;
      return atomLogic(condition, field);
    }
  }
}

const LIST_TYPES = new Set(['checkboxes', 'file', 'group']);
/** Types whose value a compute rule may give (the form engine computes no files, groups, addresses or lists). */
const COMPUTABLE = new Set(['text', 'textarea', 'integer', 'decimal', 'money', 'date']);
const NUMBER_TYPES = new Set(['integer', 'decimal', 'money']);

function atomLogic(condition: Extract<Condition, { ref: string }>, field: FieldDefinition): LogicOrProblem {
  const v = { var: field.id };
  if (field.type === 'info') return `${field.id} ist ein Hinweistext ohne Wert.`;
  if (condition.kind === 'filled') return { logic: LIST_TYPES.has(field.type) ? { '!!': [v] } : { '!=': [v, null] } };
  if (condition.kind === 'selected') return { logic: field.type === 'yesno' ? { '==': [v, true] } : LIST_TYPES.has(field.type) ? { '!!': [v] } : { '!=': [v, null] } };
  if (condition.kind === 'chosen') {
    const isLabel = condition.value.toLowerCase() === field.label.de.toLowerCase();
    const asValue = comparable({ kind: 'str', value: condition.value }, field);
    if (typeof asValue === 'string' && (isLabel || field.type === 'yesno')) return atomLogic({ kind: 'selected', ref: condition.ref }, field);
    return atomLogic({ kind: 'compare', ref: condition.ref, op: '==', value: { kind: 'str', value: condition.value } }, field);
  }
  const value = comparable(condition.value, field);
  if (typeof value !== 'object') return value;
  if (field.type === 'checkboxes') {
    if (condition.op !== '==' && condition.op !== '!=') return `Eine Mehrfachauswahl (${field.id}) lässt sich nicht der Größe nach vergleichen.`;
    const contains = { in: [value.value, v] };
    return { logic: condition.op === '==' ? contains : { '!': [contains] } };
  }
  if (!['==', '!='].includes(condition.op) && !NUMBER_TYPES.has(field.type) && field.type !== 'date') {
    return `${field.id} ist weder Zahl noch Datum und lässt sich nicht der Größe nach vergleichen.`;
  }
  return { logic: { [condition.op]: [v, value.value] } };
}

/** The literal as the answers present it to rules: numbers as numbers, yes/no as booleans, choices as codes. */
function comparable(literal: Literal, field: FieldDefinition): { value: unknown } | string {
  if (field.type === 'yesno') {
    const word = literal.value.toLowerCase();
    const bool = literal.kind === 'bool' ? literal.value === 'true' : BOOL_WORDS[word] !== undefined ? BOOL_WORDS[word] === 'true' : word === '1' ? true : word === '0' ? false : undefined;
    return bool === undefined ? `Der Wert ${quote(literal.value)} passt nicht zur Ja-/Nein-Frage ${field.id}.` : { value: bool };
  }
  if (NUMBER_TYPES.has(field.type)) {
    const n = decimalNumber(literal.value);
    return n === undefined ? `Der Wert ${quote(literal.value)} ist keine Zahl, ${field.id} aber ein Zahlenfeld.` : { value: n };
  }
  if (field.options) {
    const option = field.options.find((o) => o.value === literal.value)
      ?? field.options.find((o) => o.label.de.toLowerCase() === literal.value.toLowerCase());
    if (!option) return `Der Wert ${quote(literal.value)} kommt in der Auswahl von ${field.id} nicht vor.`;
    return { value: option.value };
  }
  if (literal.kind === 'bool') return `Der Wert ${quote(literal.value === 'true' ? 'ja' : 'nein')} passt nicht zu ${field.id}.`;
  return { value: literal.value };
}

function expressionLogic(expression: Expression, target: Placement, occurrence: RuleOccurrence, b: FormBuilder): LogicOrProblem {
  switch (expression.kind) {
    case 'num':
      return { logic: expression.value };
    case 'ref': {
      const field = operand(expression.ref, target, occurrence, b);
      if (typeof field === 'string') return field;
      if (!NUMBER_TYPES.has(field.type)) return `${field.id} ist kein Zahlenfeld und kann nicht in die Berechnung eingehen.`;
      return { logic: { var: field.id } };
    }
    case 'op': {
      const items: Logic[] = [];
      for (const item of expression.items) {
        const logic = expressionLogic(item, target, occurrence, b);
        if (typeof logic === 'string') return logic;
        items.push(logic.logic);
      }
      return { logic: { [expression.op]: items } };
    }
  }
}

/**
 * A cycle among the rules, as field ids, counted as checkDefinition counts them: a field depends on what its showIf
 * and compute read, on its step's and group's showIf; a group on its children. requiredIf decides nothing another
 * rule reads, so it makes no cycle.
 */
function findCycle(b: FormBuilder): string[] | undefined {
  const edges = new Map<string, Set<string>>();
  const add = (from: string, logic: Logic | undefined) => {
    if (logic === undefined) return;
    const set = edges.get(from) ?? new Set<string>();
    for (const id of logicVars(logic)) set.add(id);
    edges.set(from, set);
  };
  const visitField = (field: FieldDefinition, step: StepDefinition, group?: FieldDefinition) => {
    add(field.id, field.showIf);
    add(field.id, field.compute);
    add(field.id, step.showIf);
    if (group) add(field.id, group.showIf);
    for (const c of field.fields ?? []) {
      edges.set(field.id, (edges.get(field.id) ?? new Set()).add(c.id));
      visitField(c, step, field);
    }
  };
  const steps = new Set<StepDefinition>();
  for (const list of b.placements.values()) for (const p of list) steps.add(p.step);
  for (const step of steps) for (const field of step.fields) visitField(field, step);
  const state = new Map<string, 'open' | 'done'>();
  const trail: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'open') return [...trail.slice(trail.indexOf(id)), id];
    state.set(id, 'open');
    trail.push(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    trail.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}

function logicVars(logic: Logic): string[] {
  const found: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'var' && typeof value === 'string') found.push(value.split('.')[0]);
        else walk(value);
      }
    }
  };
  walk(logic);
  return found;
}

