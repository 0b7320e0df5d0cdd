// The workflow in words: the diagram, and beside it the same states and transitions as tables for everyone who does
// not see the picture (screen readers, text browsers, print in black and white).
import type { MessageKey } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/views/layout.tsx';
import { DataTable, ScrollRegion } from '../../../platform/views/components.tsx';
import { renderDiagram } from '../diagram.ts';
import type { Guard, WorkflowDefinition, WorkflowTransition } from '../schema.ts';

const textIn = (text: { de: string; en?: string } | undefined, locale: string) => (text ? (locale === 'en' && text.en) || text.de : '');

export function guardText(ctx: PageContext, def: WorkflowDefinition, g: Guard): string {
  const { t, locale } = ctx;
  if (g.kind === 'answered') return t('workflows.guard.answered', { field: g.field });
  if (g.kind === 'otherThan') {
    const other = def.transitions.find((x) => x.id === g.transition);
    return t('workflows.guard.otherThan', { transition: other ? textIn(other.label, locale) : g.transition });
  }
  return t(`workflows.guard.${g.kind}` as MessageKey);
}

export function whoText(ctx: PageContext, def: WorkflowDefinition, tr: WorkflowTransition): string {
  const { t, locale } = ctx;
  const trigger = tr.trigger ?? 'manual';
  if (trigger === 'timer') return t('workflows.trigger.timerDays', { days: tr.timerDays ?? 0 });
  if (trigger === 'applicantAnswer') return t('workflows.trigger.applicantAnswer');
  return tr.roles.map((r) => textIn(def.roles.find((x) => x.id === r)?.label, locale) || r).join(', ');
}

export function Diagram({ ctx, def, idPrefix = 'wf' }: { ctx: PageContext; def: WorkflowDefinition; idPrefix?: string }) {
  const svg = renderDiagram(def, { t: ctx.t, locale: ctx.locale, idPrefix });
  return (
    <ScrollRegion class="wf-diagram-box" label={ctx.t('workflows.diagram.region')}>
      {/* renderDiagram escapes every text it puts into the SVG. */}
      <div class="wf-diagram-frame" dangerouslySetInnerHTML={{ __html: svg }} />
    </ScrollRegion>
  );
}

/** The text equivalent: a table of states and a table of transitions. */
export function Description({ ctx, def, headingLevel = 2 }: { ctx: PageContext; def: WorkflowDefinition; headingLevel?: 2 | 3 }) {
  const { t, locale } = ctx;
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const stateName = (id: string) => textIn(def.states.find((s) => s.id === id)?.label, locale) || id;
  return (
    <>
      <H class="kern-heading-small" id="wf-states-heading">
        {t('workflows.text.states')}
      </H>
      <DataTable
        caption={t('workflows.text.statesCaption', { name: textIn(def.name, locale) })}
        headers={[
          t('workflows.text.state'),
          t('workflows.text.id'),
          t('workflows.text.phase'),
          t('workflows.text.deadline'),
          t('workflows.text.kind'),
          t('workflows.text.waysOut'),
        ]}
        rows={def.states.map((s) => ({
          key: s.id,
          cells: [
            textIn(s.label, locale),
            <code key="id">{s.id}</code>,
            t(`workflows.phase.${s.phase}` as MessageKey),
            s.deadline
              ? t('workflows.deadlineShort', { days: s.deadline.days, from: t(`workflows.deadlineFrom.${s.deadline.from}` as MessageKey) })
              : t('workflows.text.none'),
            [s.id === def.initial && t('workflows.text.initial'), s.final && t('workflows.final')].filter(Boolean).join(', ') || '–',
            def.transitions
              .filter((tr) => tr.from === s.id)
              .map((tr) => t('workflows.text.wayOut', { transition: textIn(tr.label, locale), to: stateName(tr.to) }))
              .join('; ') || t('workflows.text.none'),
          ],
        }))}
      />
      <H class="kern-heading-small" id="wf-transitions-heading">
        {t('workflows.text.transitions')}
      </H>
      <DataTable
        caption={t('workflows.text.transitionsCaption', { name: textIn(def.name, locale) })}
        headers={[
          t('workflows.text.transition'),
          t('workflows.text.from'),
          t('workflows.text.to'),
          t('workflows.text.who'),
          t('workflows.text.guards'),
          t('workflows.text.fields'),
          t('workflows.text.effect'),
        ]}
        rows={def.transitions.map((tr) => ({
          key: tr.id,
          cells: [
            textIn(tr.label, locale),
            stateName(tr.from),
            stateName(tr.to),
            whoText(ctx, def, tr),
            (tr.guards ?? []).map((g) => guardText(ctx, def, g)).join('; ') || t('workflows.text.none'),
            (tr.fields ?? []).map((f) => `${textIn(f.label, locale)}${f.required ? ` (${t('workflows.text.required')})` : ''}`).join('; ') ||
              t('workflows.text.none'),
            t(`workflows.effect.${tr.effect ?? 'none'}` as MessageKey),
          ],
        }))}
      />
    </>
  );
}
