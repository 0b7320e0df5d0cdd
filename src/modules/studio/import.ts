// A FIM XDatenfelder upload read into the content of a new template: the import page's one piece of domain work.
import { incomingFiles } from '../../platform/blobs/uploads.ts';
import type { Message } from '../../platform/i18n/index.ts';
import { allFields, importXDatenfelderFile, type ImportNote } from '../forms/index.ts';
import type { ServiceContent } from '../services/index.ts';
import { starterContent } from './studio.ts';

/** Why an upload was refused: a catalog message (the import's own reasons carry line and column as parameters). */
type ImportRefusal = Message;

export interface ImportReport {
  title: string;
  standard: '2.0' | '3.0';
  steps: number;
  fields: number;
  notes: ImportNote[];
}

/**
 * The posted file field of the import form: one file within the upload limit whose bytes are an XDatenfelder message.
 * Its data schema becomes the form of a template with the starter texts; the report says what was taken over.
 */
export function readImport(
  posted: unknown,
  uploadMaxBytes: number,
): { ok: true; content: ServiceContent; report: ImportReport } | { ok: false; refusal: ImportRefusal } {
  const [file] = incomingFiles(posted);
  if (!file) return { ok: false, refusal: { key: 'studio.import.noFile' } };
  if (file.truncated) return { ok: false, refusal: { key: 'validation.fileTooLarge', params: { mb: Math.round(uploadMaxBytes / 1024 / 1024) } } };
  const imported = importXDatenfelderFile(file.data);
  if (!imported.ok) return { ok: false, refusal: imported.refusal };
  return {
    ok: true,
    content: { ...starterContent(imported.title.de), title: imported.title, form: imported.form },
    report: {
      title: imported.title.de,
      standard: imported.standard,
      steps: imported.form.steps.length,
      fields: allFields(imported.form).length,
      notes: imported.notes,
    },
  };
}
