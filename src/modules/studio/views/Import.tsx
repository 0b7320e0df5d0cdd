// Upload of a FIM XDatenfelder file as a new template, and the report of what was taken over.
import type { Message, Translate } from '../../../platform/i18n/index.ts';
import { Alert, CsrfField, ErrorSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { FieldShell, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { StudioLayout } from './shared.tsx';

export interface ImportReport {
  templateId: string;
  title: string;
  standard: string;
  steps: number;
  fields: number;
  /** What could not be taken over, by FIM element: a catalog message whose parts are messages of their own. */
  notes: Array<{ path: string; parts?: Record<string, Message> } & Message>;
}

/** A note in the page's language: its parts (a rule's problem, a field type's name) first, then the sentence they go into. */
function noteText(t: Translate, note: Message & { parts?: Record<string, Message> }): string {
  const parts = Object.fromEntries(Object.entries(note.parts ?? {}).map(([name, part]) => [name, t(part.key, part.params)]));
  return t(note.key, { ...note.params, ...parts });
}

/** Upload of a FIM XDatenfelder file; after the import, what was taken over and what could not be. */
export function ImportPage({ ctx, error, slug, report }: { ctx: PageContext; error?: string; slug?: string; report?: ImportReport }) {
  const { t } = ctx;
  return (
    <StudioLayout ctx={ctx} title={t('studio.import.title')}>
      <ErrorSummary t={t} errors={error ? [{ href: '#f-datei', text: error }] : []} />
      <h1 class="kern-heading-large">{t('studio.import.title')}</h1>
      {report ? (
        <>
          <Alert kind="success" title={t('studio.import.done', { title: report.title, standard: report.standard })}>
            <p class="kern-body">{t('studio.import.counts', { steps: report.steps, fields: report.fields })}</p>
          </Alert>
          <h2 class="kern-heading-medium">{t('studio.import.notes', { count: report.notes.length })}</h2>
          {report.notes.length > 0 && (
            <ul class="kern-list kern-list--bullet">
              {report.notes.map((n, i) => (
                <li key={i}>
                  <strong>{n.path}</strong>: {noteText(t, n)}
                </li>
              ))}
            </ul>
          )}
          <p class="kern-body">
            <a class="kern-link" href={`/studio/vorlagen/${report.templateId}`}>
              {t('studio.import.open')}
            </a>
          </p>
        </>
      ) : (
        <form method="post" action="/studio/vorlagen/import" enctype="multipart/form-data" class="stack" novalidate>
          <CsrfField token={ctx.csrfToken} />
          <p class="kern-body">{t('studio.import.intro')}</p>
          <FieldShell id="f-datei" label={t('studio.import.file')} error={error}>
            <input
              class={withError('kern-form-input__input', error)}
              type="file"
              id="f-datei"
              name="datei"
              accept=".xml,application/xml,text/xml"
              aria-describedby={shellDescribedBy('f-datei', { error })}
              aria-invalid={error ? 'true' : undefined}
            />
          </FieldShell>
          <TextInput id="f-slug" name="slug" label={t('studio.slug')} hint={t('studio.slugHint')} value={slug ?? ''} required />
          <SubmitButton>{t('studio.import.submit')}</SubmitButton>
        </form>
      )}
    </StudioLayout>
  );
}
