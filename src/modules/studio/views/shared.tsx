// Pieces every studio page uses: its layout and the way definition problems are shown beside their inputs.
import type { MessageKey, Translate } from '../../../platform/i18n/index.ts';
import { ErrorSummary } from '../../../platform/views/components.tsx';
import { describePath, type DefinitionProblem, type FormDefinition } from '../../forms/index.ts';
import { inputOf, TEXT_KEYS } from '../studio.ts';

export type Errors = Record<string, string>;

/** The label of each input of the studio's content and local details forms, by input name. */
const INPUT_LABELS: Record<string, MessageKey> = {
  title: 'studio.title',
  slug: 'studio.slug',
  adoptSlug: 'studio.slug',
  template: 'studio.template',
  documents: 'studio.documents',
  keywords: 'studio.keywords',
  synonyms: 'studio.synonyms',
  lifeSituations: 'studio.lifeSituations',
  leikaKey: 'service.leikaKey',
  retentionYears: 'studio.retentionYears',
  feeRules: 'studio.feeRules',
  office_de: 'service.office',
  email: 'service.email',
  phone: 'service.phone',
  address: 'service.address',
  hours_de: 'service.hours',
  notes_de: 'service.localNotes',
  workflow: 'workflows.service.label',
};

/**
 * Where a problem is, in the words of the page: the label of its input ("Gebührenregeln (JSON)"), or for a place in
 * the form its step and field by their titles and labels ("Schritt 1 „Antrag“, Feld „Hundename“, Kennung"), never
 * the JSON pointer. Empty for a problem of the whole page.
 */
export function placeOf(t: Translate, path: string, form?: FormDefinition): string {
  if (!path) return '';
  if (path.startsWith('/form/') || path.startsWith('/feeRules/')) return describePath(t, form ?? { steps: [] }, path);
  const input = inputOf(path);
  const [first, second] = path.split('/').filter(Boolean);
  if ((TEXT_KEYS as readonly string[]).includes(first ?? ''))
    return `${t(`studio.text.${first as (typeof TEXT_KEYS)[number]}`)} (${t(second === 'en' ? 'studio.english' : 'studio.german')})`;
  if (input.startsWith('fee_')) return t('studio.localFeePlace', { id: input.slice(4) });
  const label = INPUT_LABELS[input];
  if (label) return t(label);
  return input.endsWith('_en') && INPUT_LABELS[`${input.slice(0, -3)}_de`]
    ? `${t(INPUT_LABELS[`${input.slice(0, -3)}_de`]!)} (${t('studio.english')})`
    : t('forms.place.form');
}

/** Problems keyed by input name (the first one per input); one deeper in an input (a fee rule, the form) says where. */
export function problemsByInput(t: Translate, problems: DefinitionProblem[], form?: FormDefinition): Errors {
  const errors: Errors = {};
  for (const p of problems) {
    const input = inputOf(p.path) || '_';
    const text = t(p.key, p.params);
    const deeper = p.path.startsWith('/form/') || p.path.startsWith('/feeRules/');
    if (!errors[input]) errors[input] = deeper ? `${placeOf(t, p.path, form)}: ${text}` : text;
  }
  return errors;
}

/** The error summary: each problem with its place in words, linking to its input. */
export function Summary({ t, problems, form }: { t: Translate; problems: DefinitionProblem[]; form?: FormDefinition }) {
  return (
    <ErrorSummary
      t={t}
      errors={problems.map((p) => {
        const place = placeOf(t, p.path, form);
        return { href: `#in-${inputOf(p.path) || 'top'}`, text: place ? `${place}: ${t(p.key, p.params)}` : t(p.key, p.params) };
      })}
    />
  );
}

/** The studio's frame lives in the platform: the workflow pages use it too. */
export { StudioLayout } from '../../../platform/views/studio-layout.tsx';
