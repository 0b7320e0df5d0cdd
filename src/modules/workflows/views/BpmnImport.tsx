// Import of a BPMN 2.0 file as a workflow: the upload, then what was recognised, what could not be taken over, and
// the form that saves it ("Übernehmen"). Nothing is saved before that form is sent.
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { Alert, ChoiceGroup, CsrfField, DataTable, ErrorSummary, SubmitButton, TextInput } from '../../../platform/views/components.tsx';
import { FieldShell, shellDescribedBy, withError } from '../../../platform/views/field-shell.tsx';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { StudioLayout } from '../../../platform/views/studio-layout.tsx';
import type { UnmappedElement } from '../bpmn-import.ts';
import type { WorkflowDefinition, WorkflowProblem } from '../schema.ts';

export interface ImportResult {
  definition: WorkflowDefinition;
  unmapped: UnmappedElement[];
  /** The result as the accept form carries it back (JSON). */
  carried: string;
  values: { key: string; name: string; decisions: string[] };
  /** Transitions the organiser may mark as deciding; empty when the file names its decision itself. */
  decisionChoices: string[];
  /** Problems of the last attempt to save, by definition path. */
  problems?: WorkflowProblem[];
}

const FORM_INPUTS: Record<string, string> = { '/key': 'bpmn-key', '/name/de': 'bpmn-name', '/transitions': 'bpmn-decide' };

/** A BPMN type as modellers name it in the page's language; a type the catalog does not know is shown as the standard writes it. */
export function typeName(t: Translate, type: string): string {
  const key = `bpmn.type.${type}` as MessageKey;
  const text = t(key);
  return text === key ? type : text;
}

export function BpmnImportPage({ ctx, error, result }: { ctx: PageContext; error?: string; result?: ImportResult }) {
  const { t } = ctx;
  const title = t('bpmn.import.title');
  const problems = result?.problems ?? [];
  const errorOf = (path: string) => {
    const found = problems.filter((p) => p.path === path);
    return found.length ? found.map((p) => t(p.key as MessageKey, p.params)).join(' ') : undefined;
  };
  const summary = error
    ? [{ href: '#bpmn-datei', text: error }]
    : problems.map((p) => ({ href: `#${FORM_INPUTS[p.path] ?? 'bpmn-zustaende'}`, text: t(p.key as MessageKey, p.params) }));
  return (
    <StudioLayout ctx={ctx} title={title}>
      <ErrorSummary t={t} errors={summary} />
      <h1 class="kern-heading-large">{title}</h1>
      {result ? <Result ctx={ctx} result={result} errorOf={errorOf} /> : <Upload ctx={ctx} error={error} />}
    </StudioLayout>
  );
}

function Upload({ ctx, error }: { ctx: PageContext; error?: string }) {
  const { t } = ctx;
  return (
    <form method="post" action="/studio/ablaeufe/import" enctype="multipart/form-data" class="stack" novalidate>
      <CsrfField token={ctx.csrfToken} />
      <p class="kern-body">{t('bpmn.import.intro')}</p>
      <FieldShell id="bpmn-datei" label={t('bpmn.import.file')} error={error}>
        <input
          class={withError('kern-form-input__input', error)}
          type="file"
          id="bpmn-datei"
          name="datei"
          accept=".bpmn,.xml,application/xml,text/xml"
          aria-describedby={shellDescribedBy('bpmn-datei', { error })}
          aria-invalid={error ? 'true' : undefined}
        />
      </FieldShell>
      <SubmitButton>{t('bpmn.import.submit')}</SubmitButton>
    </form>
  );
}

function Result({ ctx, result, errorOf }: { ctx: PageContext; result: ImportResult; errorOf: (path: string) => string | undefined }) {
  const { t } = ctx;
  const def = result.definition;
  const label = (text: { de: string; en?: string }) => (ctx.locale === 'en' && text.en) || text.de;
  const stateLabel = (id: string) => label(def.states.find((s) => s.id === id)?.label ?? { de: id });
  const unmapped = result.unmapped;
  return (
    <>
      <h2 class="kern-heading-medium">{t('bpmn.import.result', { name: label(def.name) })}</h2>
      <p class="kern-body">{t('bpmn.import.counts', { states: def.states.length, transitions: def.transitions.length, roles: def.roles.length })}</p>
      <div id="bpmn-zustaende" tabindex={-1}>
        <DataTable
          caption={t('bpmn.import.statesCaption')}
          headers={[t('bpmn.import.state'), t('bpmn.import.ways')]}
          rows={def.states.map((s) => ({
            key: s.id,
            cells: [
              <>
                {label(s.label)}
                {s.id === def.initial && ` (${t('bpmn.import.initial')})`}
              </>,
              s.final ? (
                t('bpmn.import.final')
              ) : (
                <ul class="kern-list">
                  {def.transitions
                    .filter((tr) => tr.from === s.id)
                    .map((tr) => (
                      <li key={tr.id}>
                        {label(tr.label)} → {stateLabel(tr.to)}
                      </li>
                    ))}
                </ul>
              ),
            ],
          }))}
        />
      </div>

      <h2 class="kern-heading-medium">{t('bpmn.import.unmappedHeading', { count: unmapped.length })}</h2>
      {unmapped.length === 0 ? (
        <p class="kern-body">{t('bpmn.import.unmappedNone')}</p>
      ) : (
        <DataTable
          caption={t('bpmn.import.unmappedCaption')}
          headers={[t('bpmn.import.elementId'), t('bpmn.import.elementType'), t('bpmn.import.elementName'), t('bpmn.import.treatment')]}
          rows={unmapped.map((u, i) => ({
            key: `${u.id}-${i}`,
            cells: [<code key="id">{u.id || '–'}</code>, typeName(t, u.type), u.name ?? '–', t(u.reason.key, u.reason.params)],
          }))}
        />
      )}

      <h2 class="kern-heading-medium">{t('bpmn.import.acceptHeading')}</h2>
      {result.problems?.length ? <Alert kind="danger" title={t('bpmn.import.refused')} /> : null}
      <form method="post" action="/studio/ablaeufe/import/uebernehmen" class="stack" novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="ergebnis" value={result.carried} />
        <TextInput
          id="bpmn-key"
          name="key"
          label={t('bpmn.import.key')}
          hint={t('bpmn.import.keyHint')}
          value={result.values.key}
          error={errorOf('/key')}
          required
        />
        <TextInput id="bpmn-name" name="name" label={t('bpmn.import.name')} value={result.values.name} error={errorOf('/name/de')} required />
        {result.decisionChoices.length > 0 && (
          <ChoiceGroup
            id="bpmn-decide"
            name="entscheidet"
            multiple
            legend={t('bpmn.import.decideLegend')}
            hint={t('bpmn.import.decideHint')}
            options={def.transitions
              .filter((tr) => result.decisionChoices.includes(tr.id))
              .map((tr) => ({ value: tr.id, label: `${stateLabel(tr.from)}: ${label(tr.label)} → ${stateLabel(tr.to)}` }))}
            chosen={result.values.decisions}
            error={errorOf('/transitions')}
          />
        )}
        <SubmitButton>{t('bpmn.import.accept')}</SubmitButton>
      </form>
      <p class="kern-body">
        <a class="kern-link" href="/studio/ablaeufe/import">
          {t('bpmn.import.again')}
        </a>
      </p>
    </>
  );
}
