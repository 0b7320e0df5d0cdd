import type { Locale, Translate } from '../../../platform/i18n/index.ts';
import { TextArea, TextInput } from '../../../platform/views/components.tsx';
import type { Answers, FieldDefinition, FieldError, FileAnswer, Text } from '../schema.ts';

export const textIn = (text: Text | undefined, locale: Locale): string => (text ? (locale === 'en' && text.en) || text.de : '');

export const errorText = (t: Translate, e: FieldError): string => t(e.key as never, e.params);

const INPUT_TYPES: Partial<Record<FieldDefinition['type'], { type: string; inputMode?: string }>> = {
  email: { type: 'email' },
  phone: { type: 'tel', inputMode: 'tel' },
  date: { type: 'date' },
  postalCode: { type: 'text', inputMode: 'numeric' },
};

/** The id of the element an error summary link points at: the first control of the field. */
export const fieldAnchor = (field: FieldDefinition): string =>
  field.type === 'radio' || field.type === 'yesno' ? `f-${field.id}-0` : `f-${field.id}`;

export function Field(props: { field: FieldDefinition; value: Answers[string] | undefined; error?: FieldError; t: Translate; locale: Locale; maxUploadMb: number }) {
  const { field, value, t, locale } = props;
  const label = textIn(field.label, locale);
  const hint = textIn(field.hint, locale) || undefined;
  const error = props.error ? errorText(t, props.error) : undefined;
  const id = `f-${field.id}`;
  if (field.type === 'radio' || field.type === 'yesno') {
    const options = field.type === 'yesno'
      ? [{ value: 'ja', label: { de: t('common.yes') } }, { value: 'nein', label: { de: t('common.no') } }]
      : field.options ?? [];
    const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <fieldset class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`} aria-describedby={describedBy}>
        <legend class="kern-label">{label}</legend>
        {hint && <div class="kern-hint" id={`${id}-hint`}>{hint}</div>}
        {error && <p class="kern-error" id={`${id}-error`}>{error}</p>}
        <div class="kern-fieldset__body">
          {options.map((o, i) => (
            <div class="kern-form-check" key={o.value}>
              <input class={`kern-form-check__radio${error ? ' kern-form-check__radio--error' : ''}`} type="radio" id={`${id}-${i}`}
                name={field.id} value={o.value} checked={value === o.value} />
              <label class="kern-label" for={`${id}-${i}`}>{field.type === 'yesno' ? o.label.de : textIn(o.label, locale)}</label>
            </div>
          ))}
        </div>
      </fieldset>
    );
  }
  if (field.type === 'file') {
    const files = Array.isArray(value) ? (value as FileAnswer[]) : [];
    const fullHint = [hint, t('form.fileHint', { mb: props.maxUploadMb })].filter(Boolean).join(' ');
    return (
      <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
        <label class="kern-label" for={id}>{label}</label>
        <div class="kern-hint" id={`${id}-hint`}>{fullHint}</div>
        {error && <p class="kern-error" id={`${id}-error`}><span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true"></span>{error}</p>}
        {files.length > 0 && (
          <p class="kern-body" id={`${id}-current`}>
            {t('form.fileUploaded', { names: files.map((f) => f.filename).join(', ') })}
          </p>
        )}
        <input class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`} type="file" id={id} name={field.id}
          accept={(field.accept ?? []).join(',')}
          aria-describedby={[`${id}-hint`, error && `${id}-error`, files.length > 0 && `${id}-current`].filter(Boolean).join(' ')}
          aria-invalid={error ? 'true' : undefined} />
      </div>
    );
  }
  if (field.type === 'textarea') {
    return <TextArea id={id} name={field.id} label={label} hint={hint} error={error} value={typeof value === 'string' ? value : ''} required={field.required} />;
  }
  const input = INPUT_TYPES[field.type] ?? { type: 'text' };
  return (
    <TextInput id={id} name={field.id} label={label} hint={hint} error={error} value={typeof value === 'string' ? value : ''}
      type={input.type} inputMode={input.inputMode} required={field.required} autocomplete={field.autocomplete} maxLength={field.maxLength} />
  );
}

/** How an answer reads on the check page, the case page and in PDFs. */
export function answerText(field: FieldDefinition, value: Answers[string] | undefined, t: Translate, locale: Locale): string {
  if (value === undefined || value === '') return '–';
  if (Array.isArray(value)) return value.map((f) => f.filename).join(', ');
  if (field.type === 'yesno') return value === 'ja' ? t('common.yes') : t('common.no');
  if (field.type === 'radio') return textIn(field.options?.find((o) => o.value === value)?.label, locale) || value;
  if (field.type === 'date') {
    const [y, m, d] = value.split('-');
    return locale === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
  }
  return value;
}
