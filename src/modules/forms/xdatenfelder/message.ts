// Reading an XDatenfelder message, as xml.ts parsed it, into a small FIM model, checked the way the schema (XSD)
// checks it, so that the mapping works on known elements only. A file that is not such a message is refused here,
// with the reason and, where known, line and column, because a half-read message would give a form that silently
// lacks parts.
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { ImportNote } from '../xdatenfelder.ts';
import { at, refuse, type XNode } from './xml.ts';

export type Standard = '2.0' | '3.0';

const NAMESPACES: Record<string, Standard> = {
  'urn:xoev-de:fim:standard:xdatenfelder_2': '2.0',
  'urn:xoev-de:fim:standard:xdatenfelder_3.0.0': '3.0',
};

// ===================================================================================================================
// Reading the message: XDatenfelder elements checked like the schema (XSD) does, into a small FIM model
// ===================================================================================================================

export interface FimBase {
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

export interface FimContainer extends FimBase {
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

interface FimValue {
  code: string;
  name: string;
  help: string;
}

export interface FimField extends FimBase {
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

export type FimElement = FimContainer | FimField;

export interface FimChild {
  min: number;
  max: number;
  element: FimElement;
  node: XNode;
}

export interface FimRule {
  id: string;
  version?: string;
  name: string;
  script: string;
  /** Free text of the rule: v3 freitextRegel, v2 definition, then the description. */
  texts: string[];
  typ?: string;
  node: XNode;
}

export interface FimMessage {
  standard: Standard;
  root: FimContainer;
  /** Notes found while reading (unknown codes and the like). */
  notes: ImportNote[];
}

const META_CHILDREN = [
  'identifikation',
  'name',
  'beschreibung',
  'definition',
  'bezug',
  'status',
  'gueltigAb',
  'gueltigBis',
  'fachlicherErsteller',
  'versionshinweis',
  'freigabedatum',
  'veroeffentlichungsdatum',
  'freigabestatus',
  'statusGesetztAm',
  'statusGesetztDurch',
  'letzteAenderung',
  'relation',
  'stichwort',
  'bezeichnungEingabe',
  'bezeichnungAusgabe',
];
const ELEMENT_CHILDREN = [...META_CHILDREN, 'schemaelementart', 'hilfetextEingabe', 'hilfetextAusgabe'];
const ALLOWED = {
  header: ['nachrichtID', 'erstellungszeitpunkt', 'referenzID'],
  schema: [
    ...META_CHILDREN,
    'bezeichnung',
    'hilfetext',
    'ableitungsmodifikationenStruktur',
    'ableitungsmodifikationenRepraesentation',
    'dokumentsteckbrief',
    'regel',
    'struktur',
  ],
  group: [...ELEMENT_CHILDREN, 'art', 'regel', 'struktur'],
  field: [
    ...ELEMENT_CHILDREN,
    'feldart',
    'datentyp',
    'praezisierung',
    'inhalt',
    'vorbefuellung',
    'werte',
    'codelisteReferenz',
    'codeKey',
    'nameKey',
    'helpKey',
    'maxSize',
    'mediaType',
    'regel',
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

const BODY_OF_MESSAGE: Record<string, { element: string[]; missing: MessageKey }> = {
  stammdatenschema: { element: ['stammdatenschema', 'datenschema'], missing: 'xdatenfelder.message.schemaMissing' },
  datenschema: { element: ['datenschema', 'stammdatenschema'], missing: 'xdatenfelder.message.schemaMissing' },
  datenfeldgruppe: { element: ['datenfeldgruppe'], missing: 'xdatenfelder.message.groupMissing' },
};

const STATUS_V2 = new Set(['aktiv', 'inaktiv', 'inVorbereitung']);
const FREIGABESTATUS = new Set(['1', '2', '3', '4', '5', '6', '7', '8']);
const SCHEMAELEMENTART = new Set(['ABS', 'HAR', 'RNG']);
const VORBEFUELLUNG = new Set(['keine', 'optional', 'verpflichtend']);
const REGELTYP = new Set(['K', 'M', 'V', 'B']);
/** Element ids as rules name them (data fields and groups). */
const ELEMENT_ID = /^[FGS]\d+$/;

export function readMessage(root: XNode): FimMessage {
  if (!root.name.startsWith('xdatenfelder.')) {
    refuse('xdatenfelder.message.notXDatenfelder', { element: root.qname, ...at(root) });
  }
  const standard = root.ns ? NAMESPACES[root.ns] : undefined;
  if (!standard) {
    if (!root.ns) refuse('xdatenfelder.message.noNamespace', { element: root.qname, ...at(root) });
    refuse('xdatenfelder.message.unknownNamespace', { namespace: root.ns, element: root.qname, ...at(root) });
  }
  const kind = /^xdatenfelder\.([A-Za-z]+)\.\d+$/.exec(root.name)?.[1] ?? '';
  const body = BODY_OF_MESSAGE[kind];
  if (!body) {
    refuse('xdatenfelder.message.noBody', { element: root.qname });
  }
  const reader = new MessageReader(standard);
  reader.checkChildren(root, ['header', ...body.element]);
  const header = child(root, 'header');
  if (header) reader.checkChildren(header, ALLOWED.header);
  const bodyNode = body.element.map((name) => child(root, name)).find((node) => node !== undefined);
  if (!bodyNode) refuse(body.missing, { element: root.qname, body: body.element[0], ...at(root) });
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
      if (!allowed.includes(c.name)) refuse('xdatenfelder.message.unexpectedElement', { element: c.qname, parent: node.qname, ...at(c) });
      if (seen.has(c.name) && !REPEATABLE.has(c.name)) refuse('xdatenfelder.message.repeatedElement', { element: c.qname, parent: node.qname, ...at(c) });
      seen.add(c.name);
    }
  }

  private required(node: XNode, name: string): XNode {
    return child(node, name) ?? refuse('xdatenfelder.message.requiredMissing', { element: node.qname, name, ...at(node) });
  }

  private requiredText(node: XNode, name: string): string {
    const c = this.required(node, name);
    const text = textOf(c);
    if (text === '') refuse('xdatenfelder.message.emptyElement', { element: c.qname, ...at(c) });
    return text;
  }

  /** The value of a code element (<code> inside it, or its own text). */
  private code(node: XNode): string {
    this.checkChildren(node, ALLOWED.code);
    const value = textOf(child(node, 'code')) || textOf(node);
    if (value === '') refuse('xdatenfelder.message.noCode', { element: node.qname, ...at(node) });
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
      if (!STATUS_V2.has(value)) refuse('xdatenfelder.message.invalidStatus', { value, element: status.qname, ...at(status) });
      if (value === 'inaktiv') this.notes.push({ path: id, key: 'xdatenfelder.note.inactive' });
    }
    const release = child(node, 'freigabestatus');
    if (release) {
      const value = this.code(release);
      if (!FREIGABESTATUS.has(value)) refuse('xdatenfelder.message.invalidRelease', { value, element: release.qname, ...at(release) });
      if (value === '7') this.notes.push({ path: id, key: 'xdatenfelder.note.releaseInactive' });
      if (value === '8') this.notes.push({ path: id, key: 'xdatenfelder.note.releaseDeletion' });
    }
    const art = child(node, 'schemaelementart');
    if (art) {
      const value = this.code(art);
      if (!SCHEMAELEMENTART.has(value)) refuse('xdatenfelder.message.invalidElementKind', { value, element: art.qname, ...at(art) });
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
      this.notes.push({ path: base.id, key: 'xdatenfelder.note.unknownPrefill', params: { value: vorbefuellung } });
    }
    const maxSizeText = textOf(child(node, 'maxSize'));
    const maxSize = /^\d+$/.test(maxSizeText) ? Number(maxSizeText) : undefined;
    if (maxSizeText !== '' && maxSize === undefined)
      this.notes.push({ path: base.id, key: 'xdatenfelder.note.maxSizeNotNumber', params: { value: maxSizeText } });
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
      mediaTypes: childrenNamed(node, 'mediaType')
        .map(textOf)
        .filter((t) => t !== ''),
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
            if ((keys as readonly string[]).includes(key) && (typeof value === 'string' || typeof value === 'number'))
              precision[key as (typeof keys)[number]] = String(value);
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
      if (code === '') refuse('xdatenfelder.message.valueWithoutCode', at(wert));
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
    if (typ !== undefined && !REGELTYP.has(typ)) this.notes.push({ path: id, key: 'xdatenfelder.note.unknownRuleType', params: { value: typ } });
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
      if (!this.elementIds.has(ref.id)) refuse('xdatenfelder.message.unknownReference', { rule: ref.rule, id: ref.id, ...at(ref.node) });
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
    if (contains.children.length !== 1) refuse('xdatenfelder.message.containsOne', { element: contains.qname, ...at(contains) });
    const inner = contains.children[0];
    const element = inner.name === 'datenfeld' ? this.field(inner) : this.group(inner);
    return { min, max, element, node };
  }
}

/** Anzahl "min:max", max a number or * (also n) for unbounded. */
function multiplicity(node: XNode): { min: number; max: number } {
  const value = textOf(node);
  const match = /^(\d+)\s*:\s*(\d+|\*|n)$/.exec(value);
  if (!match) refuse('xdatenfelder.message.invalidCount', { value, element: node.qname, ...at(node) });
  const min = Number(match[1]);
  const max = match[2] === '*' || match[2] === 'n' ? Infinity : Number(match[2]);
  if (max < min || max === 0) refuse('xdatenfelder.message.invalidCountRange', { value, element: node.qname, ...at(node) });
  return { min, max };
}
