// Reading XML into a small element tree with local names, resolved namespaces and source positions, refusing what
// an XDatenfelder message never is (a DOCTYPE, an oversized or too deeply nested file) with line and column.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export class Refusal extends Error {}

export function refuse(message: string): never {
  throw new Refusal(message);
}

const MAX_CHARS = 20_000_000;
const MAX_DEPTH = 200;

interface Position {
  line: number;
  column: number;
}

export interface XNode extends Position {
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
export const at = (p: Position): string => `Zeile ${p.line}, Spalte ${p.column}`;
export const tag = (node: XNode): string => `<${node.qname}>`;

export function readXml(xml: unknown): XNode {
  if (typeof xml !== 'string') refuse('Es wurde keine Datei übergeben.');
  const source = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  if (source.trim() === '') refuse('Die Datei ist leer.');
  if (source.length > MAX_CHARS) refuse(`Die Datei ist zu groß (mehr als ${MAX_CHARS / 1_000_000} Millionen Zeichen).`);
  const lines = lineStarts(source);
  const doctype = source.search(/<!DOCTYPE/i);
  // Entity declarations can expand without bound; XDatenfelder messages never carry a DOCTYPE.
  if (doctype >= 0)
    refuse(`Die Datei enthält eine DOCTYPE-Deklaration (${at(positionOf(doctype, lines))}). XDatenfelder-Nachrichten haben keine; sie wird nicht verarbeitet.`);
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    const where = col ? `Zeile ${line}, Spalte ${col}` : `Zeile ${line}`;
    refuse(`Die Datei ist kein wohlgeformtes XML (${where}): ${xmlProblem(msg)}`);
  }
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    attributeNamePrefix: '',
    captureMetaData: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    htmlEntities: true,
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
    [
      /^Expected closing tag '(.+)' \(opened in line (\d+), col (\d+)\) instead of closing tag '(.+)'\.$/,
      (m) => `Statt </${m[4]}> wird das schließende Tag </${m[1]}> erwartet (geöffnet in Zeile ${m[2]}, Spalte ${m[3]}).`,
    ],
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
    name: colon === -1 ? qname : qname.slice(colon + 1),
    qname,
    ns: scope.get(prefix),
    attrs,
    children: [],
    text: '',
    ...position,
  };
  for (const item of (entry[qname] ?? []) as OrderedEntry[]) {
    if (typeof item['#text'] === 'string') node.text += item['#text'];
    else if (elementName(item) !== undefined) node.children.push(toNode(item, scope, starts, depth + 1));
  }
  return node;
}
