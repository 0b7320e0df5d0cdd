// xdomea 3.0.0 messages of the Aussonderung: the offer (Anbieteverzeichnis 0501), the transfer (Aussonderung 0503)
// and reading the archive's evaluation (Bewertungsverzeichnis 0502). Built as objects and written by fast-xml-parser.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

export const XDOMEA_NS = 'urn:xoev-de:xdomea:schema:3.0.0';

export interface Party {
  name: string;
}

export interface ExportVersion {
  number: number;
  contentType: string;
  /** Only in the transfer: the file's name inside the ZIP (starts with the document's UUID, as xdomea wants). */
  fileName: string;
  sha256: string;
}

export interface ExportDocument {
  id: string;
  title: string;
  kind: string;
  date: string | null;
  versions: ExportVersion[];
}

export interface ExportCase {
  id: string;
  reference: string;
  subject: string;
  /** The file number of the dossier, when the E-Akte gave it one. */
  fileNumber: string | null;
  filingPlanNumber: string | null;
  begin: string;
  end: string | null;
  keepUntil: string | null;
  documents: ExportDocument[];
}

export interface MessageHead {
  processId: string;
  createdAt: Date;
  sender: Party;
  recipient: Party;
  product: { name: string; version: string };
}

/** Dateiformat code list 1.0. */
const FORMATS: Record<string, string> = {
  'application/pdf': '018',
  'image/jpeg': '011',
  'image/png': '019',
  'image/tiff': '024',
  'text/plain': '045',
  'application/xml': '030',
  'text/xml': '030',
};
export const formatCode = (contentType: string) => FORMATS[contentType.toLowerCase()] ?? '100';
const EXTENSIONS: Record<string, string> = { '018': 'pdf', '011': 'jpg', '019': 'png', '024': 'tif', '045': 'txt', '030': 'xml', '100': 'bin' };
export const extensionOf = (contentType: string) => EXTENSIONS[formatCode(contentType)]!;

const code = (value: string, list?: { uri: string; version: string }) => ({
  ...(list ? { '@_listURI': list.uri, '@_listVersionID': list.version } : {}),
  code: value,
});
const AUSSONDERUNGSART = { uri: 'urn:xoev-de:xdomea:codeliste:aussonderungsart', version: '1.0' };

/** xs:dateTime without fractions and zone: the time as the municipality's records show it (UTC here). */
const dateTime = (d: Date) => d.toISOString().slice(0, 19);

function head(h: MessageHead, type: '0501' | '0503') {
  return {
    'xdomea:ProzessID': h.processId,
    'xdomea:Nachrichtentyp': code(type, { uri: 'urn:xoev-de:xdomea:codeliste:nachrichtentyp', version: '2.0' }),
    'xdomea:Erstellungszeitpunkt': dateTime(h.createdAt),
    'xdomea:Absender': { 'xdomea:Institution': { 'xdomea:Name': h.sender.name } },
    'xdomea:Empfaenger': { 'xdomea:Institution': { 'xdomea:Name': h.recipient.name } },
    'xdomea:SendendesSystem': { 'xdomea:Produktname': h.product.name, 'xdomea:Version': h.product.version },
  };
}

function documentOf(d: ExportDocument, withFile: boolean) {
  return {
    'xdomea:Identifikation': { 'xdomea:ID': d.id },
    'xdomea:AllgemeineMetadaten': { 'xdomea:Betreff': d.title },
    ...(d.date ? { 'xdomea:DatumDesSchreibens': d.date } : {}),
    'xdomea:Typ': d.kind,
    ...(withFile
      ? {
          'xdomea:Version': d.versions.map((v) => ({
            'xdomea:Nummer': String(v.number),
            'xdomea:Format': {
              'xdomea:Name': code(formatCode(v.contentType), { uri: 'urn:xoev-de:xdomea:codeliste:dateiformat', version: '1.0' }),
              'xdomea:Version': '',
              'xdomea:Primaerdokument': { 'xdomea:Dateiname': v.fileName },
            },
          })),
        }
      : {}),
  };
}

function caseOf(c: ExportCase, withFiles: boolean, proposal: 'A' | 'V' | undefined) {
  return {
    'xdomea:Vorgang': {
      'xdomea:Identifikation': { 'xdomea:ID': c.id },
      'xdomea:AllgemeineMetadaten': {
        'xdomea:Betreff': c.subject,
        'xdomea:Kennzeichen': c.fileNumber ?? c.reference,
        ...(c.filingPlanNumber ? { 'xdomea:Aktenplaneinheit': { 'xdomea:Kennzeichen': c.filingPlanNumber } } : {}),
      },
      'xdomea:ArchivspezifischeMetadaten': {
        'xdomea:Aussonderungsart': { 'xdomea:Aussonderungsart': code(withFiles ? 'A' : 'B', AUSSONDERUNGSART) },
        ...(proposal ? { 'xdomea:Bewertungsvorschlag': code(proposal, { uri: 'urn:xoev-de:xdomea:codeliste:bewertungsvorschlag', version: '1.0' }) } : {}),
        ...(c.keepUntil ? { 'xdomea:Aufbewahrungsende': c.keepUntil } : {}),
      },
      'xdomea:Typ': c.subject,
      'xdomea:ZdA': 1,
      'xdomea:Laufzeit': { 'xdomea:Beginn': c.begin, ...(c.end ? { 'xdomea:Ende': c.end } : {}) },
      'xdomea:Dokument': c.documents.map((d) => documentOf(d, withFiles)),
    },
  };
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: false });

function message(root: string, body: Record<string, unknown>) {
  const xml = builder.build({ [root]: { '@_xmlns:xdomea': XDOMEA_NS, ...body } }) as string;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
}

export function offerMessage(h: MessageHead, cases: ExportCase[]): string {
  return message('xdomea:Aussonderung.Anbieteverzeichnis.0501', {
    'xdomea:Kopf': { ...head(h, '0501'), 'xdomea:Empfangsbestaetigung': 1 },
    'xdomea:Schriftgutobjekt': cases.map((c) => caseOf(c, false, undefined)),
  });
}

export function transferMessage(h: MessageHead, cases: ExportCase[]): string {
  return message('xdomea:Aussonderung.Aussonderung.0503', {
    'xdomea:Kopf': { ...head(h, '0503'), 'xdomea:Importbestaetigung': 1, 'xdomea:RueckmeldungArchivkennung': 0, 'xdomea:Empfangsbestaetigung': 1 },
    'xdomea:Schriftgutobjekt': cases.map((c) => caseOf(c, true, undefined)),
  });
}

export const fileNames = (processId: string) => ({
  offer: `${processId}_Aussonderung.Anbieteverzeichnis.0501.xml`,
  transfer: `${processId}_Aussonderung.Aussonderung.0503.xml`,
});

// ----- the evaluation (0502) -----

export type EvaluationProblem = 'notXml' | 'notEvaluation' | 'noObjects' | 'badObject';
export type Evaluation =
  | { ok: true; processId: string | null; marks: Array<{ id: string; mark: 'A' | 'V' | 'B' }> }
  | { ok: false; problem: EvaluationProblem; detail?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const parser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: (name) => name === 'BewertetesObjekt', parseTagValue: false });

/** Reads an Aussonderung.Bewertungsverzeichnis.0502; anything else, or a damaged one, is refused as a whole. */
export function readEvaluation(text: string): Evaluation {
  if (!text.trim() || XMLValidator.validate(text) !== true) return { ok: false, problem: 'notXml' };
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc['Aussonderung.Bewertungsverzeichnis.0502'] as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') return { ok: false, problem: 'notEvaluation' };
  const head = root.Kopf as Record<string, unknown> | undefined;
  // The root element decides: the published example's head names 0503 as its type.
  const objects = (root.BewertetesObjekt as Array<Record<string, unknown>> | undefined) ?? [];
  if (!objects.length) return { ok: false, problem: 'noObjects' };
  const marks: Array<{ id: string; mark: 'A' | 'V' | 'B' }> = [];
  for (const [i, o] of objects.entries()) {
    const id = String(o.ID ?? '').trim();
    const art = (o.Aussonderungsart as Record<string, unknown> | undefined)?.Aussonderungsart as Record<string, unknown> | undefined;
    const mark = String(art?.code ?? '').trim();
    if (!UUID.test(id) || !['A', 'V', 'B'].includes(mark)) return { ok: false, problem: 'badObject', detail: String(i + 1) };
    marks.push({ id: id.toLowerCase(), mark: mark as 'A' | 'V' | 'B' });
  }
  const processId = String(head?.ProzessID ?? '').trim();
  return { ok: true, processId: UUID.test(processId) ? processId : null, marks };
}
