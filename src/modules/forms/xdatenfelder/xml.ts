// Reading XML into a small element tree with local names, resolved namespaces and source positions, refusing what
// an XDatenfelder message never is (a DOCTYPE, an oversized or too deeply nested file) with line and column.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Message, MessageKey } from '../../../platform/i18n/index.ts';

/** Why a file is no XDatenfelder message: a catalog message with the position and element where known. */
export class Refusal extends Error {
  constructor(readonly reason: Message) {
    super(reason.key);
  }
}

export function refuse(key: MessageKey, params?: Message['params']): never {
  throw new Refusal(params ? { key, params } : { key });
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
/** The position as message parameters. */
export const at = (p: Position): { line: number; column: number } => ({ line: p.line, column: p.column });

export function readXml(xml: unknown): XNode {
  if (typeof xml !== 'string') refuse('xdatenfelder.file.missing');
  const source = xml.startsWith('\uFEFF') ? xml.slice(1) : xml;
  if (source.trim() === '') refuse('xdatenfelder.file.empty');
  if (source.length > MAX_CHARS) refuse('xdatenfelder.file.tooLarge', { millions: MAX_CHARS / 1_000_000 });
  const lines = lineStarts(source);
  const doctype = source.search(/<!DOCTYPE/i);
  // Entity declarations can expand without bound; XDatenfelder messages never carry a DOCTYPE.
  if (doctype >= 0) refuse('xdatenfelder.file.doctype', at(positionOf(doctype, lines)));
  const verdict = XMLValidator.validate(source);
  if (verdict !== true) {
    const { line, col, msg } = verdict.err;
    const problem = xmlProblem(msg);
    if (col) refuse(problem.key, { line, column: col, ...problem.params, detail: msg });
    // The validator names no column only where no element starts at all; any other problem without one is named generally.
    refuse(problem.key === 'xdatenfelder.xml.startTagExpected' ? 'xdatenfelder.xml.startTagExpectedAtLine' : 'xdatenfelder.xml.malformedAtLine', {
      line,
      detail: msg,
    });
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
  if (entries.length === 0) refuse('xdatenfelder.file.noElement');
  if (entries.length > 1) {
    const second = entries[1];
    refuse('xdatenfelder.file.severalRoots', { element: elementName(second)!, ...at(entryPosition(second, lines)) });
  }
  return toNode(entries[0], new Map(), lines, 0);
}

/** The validator's English messages as catalog keys with what they name; the message itself goes along as `detail`. */
function xmlProblem(msg: string): Message {
  const rules: Array<[RegExp, MessageKey, (m: RegExpMatchArray) => Record<string, string | number>]> = [
    [
      /^Expected closing tag '(.+)' \(opened in line (\d+), col (\d+)\) instead of closing tag '(.+)'\.$/,
      'xdatenfelder.xml.closingMismatch',
      (m) => ({ expected: m[1], openLine: Number(m[2]), openColumn: Number(m[3]), found: m[4] }),
    ],
    [/^Closing tag '(.+)' has not been opened\.$/, 'xdatenfelder.xml.closingNotOpened', (m) => ({ name: m[1] })],
    [/^Closing tag '(.+)' doesn't have proper closing\.$/, 'xdatenfelder.xml.closingNotClosed', (m) => ({ name: m[1] })],
    [/^Closing tag '(.+)' can't have attributes or invalid starting\.$/, 'xdatenfelder.xml.closingWithAttributes', (m) => ({ name: m[1] })],
    [/^Unclosed tag '(.+)'\.$/, 'xdatenfelder.xml.unclosed', (m) => ({ name: m[1] })],
    [/^Tag '(.+)' is an invalid name\.$/, 'xdatenfelder.xml.invalidTagName', (m) => ({ name: m[1] })],
    [/^Invalid space after '<'\.$/, 'xdatenfelder.xml.spaceAfterLt', () => ({})],
    [/^char '(.)' is not expected\.$/, 'xdatenfelder.xml.unexpectedChar', (m) => ({ char: m[1] })],
    [/^Attribute '(.+)' is repeated\.$/, 'xdatenfelder.xml.attributeRepeated', (m) => ({ name: m[1] })],
    [/^Attribute '(.+)' is without value\.$/, 'xdatenfelder.xml.attributeWithoutValue', (m) => ({ name: m[1] })],
    [/^Attribute '(.+)' has no space in starting\.$/, 'xdatenfelder.xml.attributeNoSpace', (m) => ({ name: m[1] })],
    [/^Attribute '(.+)' is an invalid name\.$/, 'xdatenfelder.xml.invalidAttributeName', (m) => ({ name: m[1] })],
    [/^boolean attribute '(.+)' is not allowed\.$/, 'xdatenfelder.xml.attributeWithoutValue', (m) => ({ name: m[1] })],
    [/^Attributes for '(.+)' have open quote\.$/, 'xdatenfelder.xml.attributeOpenQuote', (m) => ({ name: m[1] })],
    [/^Start tag expected\.$/, 'xdatenfelder.xml.startTagExpected', () => ({})],
    [/^Extra text at the end$/, 'xdatenfelder.xml.extraText', () => ({})],
    [/^Multiple possible root nodes found\.$/, 'xdatenfelder.xml.multipleRoots', () => ({})],
    [/^XML declaration allowed only at the start of the document\.$/, 'xdatenfelder.xml.declarationNotAtStart', () => ({})],
  ];
  for (const [pattern, key, params] of rules) {
    const match = msg.match(pattern);
    if (match) return { key, params: params(match) };
  }
  return { key: 'xdatenfelder.xml.malformed' };
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
  if (depth > MAX_DEPTH) refuse('xdatenfelder.file.tooDeep', at(position));
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
