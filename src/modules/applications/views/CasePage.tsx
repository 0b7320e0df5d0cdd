import { Alert, CsrfField, DescriptionList, ErrorSummary, SubmitButton, TextArea } from '../../../platform/views/components.tsx';
import { Layout, type PageContext } from '../../../platform/views/layout.tsx';
import { answerText, textIn } from '../../forms/index.ts';
import { formatDateTime } from '../../../platform/i18n/format.ts';
import type { Organization } from '../../organizations/index.ts';
import type { Service } from '../../services/index.ts';
import type { DecisionBody, DecisionErrors } from '../decision-input.ts';
import { decisionSummary } from './DecisionForm.tsx';
import type { CaseRun } from '../case-workflow.ts';
import { CaseSteps, type StepProblem, stepSummary, workflowRows } from './CaseSteps.tsx';
import type { StaffCaseFile } from '../applications.ts';
import { CaseFees, CaseHistory } from './CaseHistory.tsx';
import { CaseWork, type CaseWorkData } from '../../casework/index.ts';
import { caseDossierLink } from '../../records/index.ts';
import { staffState } from './Inbox.tsx';

interface CasePageProps {
  ctx: PageContext;
  org: Organization;
  service: Service;
  file: StaffCaseFile;
  names: Map<string, string>;
  staffId: string;
  error?: { form: 'question' | 'decision'; text: string };
  values?: { question?: string };
  /** The decision form's problems and what was typed in it. */
  decisionErrors?: DecisionErrors;
  decisionValues?: DecisionBody;
  notice?: string;
  /** Notes, tasks, the applicant's other cases and the handover (casework module). */
  casework?: CaseWorkData;
  /** The case's workflow: state, deadline, the next steps open to the viewer. */
  run: CaseRun;
  /** A step that was not taken (stale, refused, invalid fields), with what was typed. */
  step?: StepProblem;
  /** The case's dossier in the E-Akte; none until the outbox has filed the application. */
  dossier?: { id: string; file_number: string };
}

export type { StepProblem };

export function CasePage(p: CasePageProps) {
  const { t, locale } = p.ctx;
  const a = p.file.application;
  const base = `/verwaltung/vorgaenge/${a.id}`;
  const open = !a.closed_at && (a.status === 'submitted' || a.status === 'in_review' || a.status === 'awaiting_applicant');
  const when = (d: Date) => formatDateTime(new Date(d), p.org.time_zone, locale, p.org);
  const answers = a.answers as Record<string, never>;
  const errorId = p.error?.form === 'question' ? 'f-question' : 'f-reason';
  return (
    <Layout ctx={p.ctx} title={`${t('case.title')} ${a.reference}`} area="backoffice">
      {p.error && <ErrorSummary t={t} errors={[{ href: `#${errorId}`, text: p.error.text }]} />}
      {p.decisionErrors && <ErrorSummary t={t} errors={decisionSummary(p.ctx, p.decisionErrors)} />}
      {p.step && <ErrorSummary t={t} errors={stepSummary(p.ctx, p.step)} />}
      {p.notice && <Alert kind="success" title={p.notice} />}
      <p>
        <a class="kern-link" href="/verwaltung/">
          {t('case.backToInbox')}
        </a>
      </p>
      <h1 class="kern-heading-large">
        {t('case.title')} {a.reference}
      </h1>
      <DescriptionList
        rows={[
          [t('status.service'), p.service.title],
          [t('inbox.applicant'), a.applicant_name],
          [t('status.state'), staffState(t, a.status)],
          [t('status.submittedAt'), when(a.submitted_at)],
          [t('inbox.assignee'), a.assigned_to ? (p.names.get(a.assigned_to) ?? '–') : t('case.unassigned')],
          ...workflowRows(p.ctx, p.org, p.run),
          [
            t('case.dossier'),
            p.dossier ? (
              <a class="kern-link" href={caseDossierLink(p.dossier.id)}>
                {p.dossier.file_number}
              </a>
            ) : (
              t('case.dossierPending')
            ),
          ],
        ]}
      />
      {open && a.assigned_to !== p.staffId && (
        <form method="post" action={`${base}/zuweisen`}>
          <CsrfField token={p.ctx.csrfToken} />
          <input type="hidden" name="lock" value={String(a.lock_version)} />
          <SubmitButton variant="secondary">{t('case.assignToMe')}</SubmitButton>
        </form>
      )}
      <CaseSteps
        ctx={p.ctx}
        base={base}
        run={p.run}
        lockVersion={a.lock_version}
        step={p.step}
        question={{ value: p.values?.question, error: p.error?.form === 'question' ? p.error.text : undefined }}
        decisionValues={p.decisionValues}
        decisionErrors={p.decisionErrors}
      />
      {p.service.definition.form.steps.map((step) => (
        <section key={step.id} aria-labelledby={`case-${step.id}`}>
          <h2 class="kern-heading-medium" id={`case-${step.id}`}>
            {textIn(step.title, locale)}
          </h2>
          <DescriptionList rows={step.fields.filter((f) => f.type !== 'file').map((f) => [textIn(f.label, locale), answerText(f, answers[f.id], t, locale)])} />
        </section>
      ))}
      <CaseFees ctx={p.ctx} org={p.org} fees={a.fees} submittedAt={a.submitted_at} />
      <section aria-labelledby="case-files">
        <h2 class="kern-heading-medium" id="case-files">
          {t('case.files')}
        </h2>
        <ul class="kern-list">
          {p.file.files.map((f) => (
            <li key={f.id}>
              <a class="kern-link" href={`${base}/dateien/${f.id}`}>
                {f.filename}
              </a>
              <span class="kern-body--small">
                {' '}
                ({Math.ceil(Number(f.size_bytes) / 1024)} KB, {f.content_type})
              </span>
            </li>
          ))}
        </ul>
      </section>
      {p.file.messages.length > 0 && (
        <section aria-labelledby="case-messages">
          <h2 class="kern-heading-medium" id="case-messages">
            {t('status.messages')}
          </h2>
          {p.file.messages.map((m) => (
            <div key={m.id} class={`message message--${m.author}`}>
              <p class="kern-body--small">
                {m.author === 'office' ? (p.names.get(m.author_user_id ?? '') ?? t('status.fromOffice')) : t('case.applicant')} · {when(m.created_at)}
              </p>
              <p class="kern-body kern-preline-text">{m.body}</p>
            </div>
          ))}
        </section>
      )}
      {p.casework && <CaseWork ctx={p.ctx} org={p.org} data={p.casework} />}
      <CaseHistory ctx={p.ctx} org={p.org} history={p.file.history} names={p.names} applicant={a.applicant_name} />
      {a.decided_at && (
        <section aria-labelledby="case-decision">
          <h2 class="kern-heading-medium" id="case-decision">
            {t('status.decisionHeading')}
          </h2>
          <p class="kern-body">
            {t(`status.value.${a.status}` as never)} · {when(a.decided_at)}
          </p>
          <p class="kern-body">
            {t('status.reason')}: {a.decision_reason}
          </p>
          <p>
            <a class="kern-link" href={`${base}/bescheid.pdf`}>
              {t('status.decisionPdf')}
            </a>
          </p>
        </section>
      )}
    </Layout>
  );
}
