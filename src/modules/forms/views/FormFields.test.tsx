import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.ts';
import { formState } from '../logic.ts';
import type { Answers, FieldError, FormDefinition } from '../schema.ts';
import { AnswerList, answerRows, FormFields, ruleScripts, rulesConfig } from './FormFields.tsx';
import { accessibilityProblems, byId, named, tags, textOf } from '../../../testing/html.ts';

const t = translator('de');
const l = (de: string) => ({ de });

// A dog tax form: the first page decides about the second (keeping, number of dogs), the second has rules of its own.
const FORM: FormDefinition = {
  steps: [
    {
      id: 'halter',
      title: l('Halter'),
      fields: [
        {
          id: 'haltung',
          type: 'radio',
          label: l('Haltung'),
          options: [
            { value: 'privat', label: l('Privat') },
            { value: 'gewerblich', label: l('Gewerblich') },
          ],
          required: true,
        },
        { id: 'anzahl', type: 'integer', label: l('Anzahl Hunde'), required: true },
      ],
    },
    {
      id: 'hund',
      title: l('Hund'),
      fields: [
        { id: 'firma', type: 'text', label: l('Firma'), showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } },
        {
          id: 'zweithund',
          type: 'info',
          label: l('Zweithund'),
          text: l('Für den zweiten Hund gilt ein höherer Satz.'),
          showIf: { '>': [{ var: 'anzahl' }, 1] },
        },
        { id: 'rasse', type: 'text', label: l('Rasse'), required: true },
        { id: 'gefaehrlich', type: 'yesno', label: l('Als gefährlich eingestuft?'), required: true },
        { id: 'gutachten', type: 'file', label: l('Gutachten'), showIf: { '==': [{ var: 'gefaehrlich' }, true] } },
        { id: 'nummer', type: 'text', label: l('Steuermarke'), requiredIf: { '==': [{ var: 'haltung' }, 'privat'] } },
        { id: 'chip', type: 'text', label: l('Chipnummer'), requiredIf: { '==': [{ var: 'gefaehrlich' }, true] } },
        { id: 'gewicht', type: 'decimal', label: l('Gewicht (kg)'), fractionDigits: 1 },
        { id: 'steuer', type: 'money', label: l('Steuer'), compute: { '*': [{ var: 'anzahl' }, { if: [{ var: 'gefaehrlich' }, 600, 96] }] } },
        { id: 'grundsatz', type: 'money', label: l('Grundsatz'), compute: { '*': [{ var: 'anzahl' }, 96] } },
        { id: 'gemischt', type: 'text', label: l('Begründung'), showIf: { or: [{ var: 'gefaehrlich' }, { '>': [{ var: 'anzahl' }, 2] }] } },
      ],
    },
    {
      id: 'familie',
      title: l('Familie'),
      fields: [
        {
          id: 'kinder',
          type: 'group',
          label: l('Kinder'),
          itemLabel: l('Kind'),
          minItems: 1,
          maxItems: 4,
          fields: [
            { id: 'vorname', type: 'text', label: l('Vorname'), required: true },
            { id: 'kita', type: 'yesno', label: l('Besucht eine Kita?') },
            { id: 'einrichtung', type: 'text', label: l('Einrichtung'), showIf: { '==': [{ var: 'kita' }, true] } },
            { id: 'nurGewerblich', type: 'text', label: l('Betriebshund'), showIf: { '==': [{ var: 'haltung' }, 'gewerblich'] } },
          ],
        },
      ],
    },
  ],
};

const step = (id: string) => FORM.steps.find((s) => s.id === id)!;

function page(stepId: string, answers: Answers, errors: FieldError[] = [], currency: 'EUR' | 'CHF' = 'EUR') {
  const html = renderToString(
    <form method="post" novalidate>
      <FormFields
        step={step(stepId)}
        answers={answers}
        errors={errors}
        state={formState(FORM, answers)}
        t={t}
        locale="de"
        currency={currency}
        maxUploadMb={10}
      />
      <button type="submit">Weiter</button>
    </form>,
  );
  expect(accessibilityProblems(html)).toEqual([]);
  return html;
}

const wrapperOf = (html: string, path: string) => tags(html).find((x) => x.attrs.class === 'form-rule' && x.attrs['data-field'] === path);

describe('FormFields', () => {
  it('leaves out fields hidden by answers on other pages, shows those the other pages allow, without browser rules', () => {
    const privat = page('hund', { haltung: 'privat', anzahl: '1' });
    expect(named(privat, 'firma')).toEqual([]);
    expect(privat).not.toContain('Zweithund');
    const gewerblich = page('hund', { haltung: 'gewerblich', anzahl: '2' });
    expect(named(gewerblich, 'firma')).toHaveLength(1);
    expect(wrapperOf(gewerblich, 'firma')).toBeUndefined();
    expect(gewerblich).toContain('Für den zweiten Hund gilt ein höherer Satz.');
  });

  it('keeps fields whose rules read this page, with the rule for the browser, even when hidden now', () => {
    const html = page('hund', { haltung: 'privat', anzahl: '1', gefaehrlich: 'nein' });
    const wrapper = wrapperOf(html, 'gutachten')!;
    expect(JSON.parse(wrapper.attrs['data-show-if']!)).toEqual({ '==': [{ var: 'gefaehrlich' }, true] });
    expect('hidden' in wrapper.attrs).toBe(false);
    expect(byId(html, 'f-gutachten')).toBeDefined();
    // A rule reading this page and another: the browser needs both, the other page's answer comes along.
    const mixed = wrapperOf(html, 'gemischt')!;
    expect(mixed.attrs['data-show-if']).toBeDefined();
    const config = JSON.parse(tags(html).find((x) => x.attrs['data-form-rules'])!.attrs['data-form-rules']!);
    expect(config.data).toEqual({ anzahl: 1 });
    expect(config.types).toMatchObject({ rasse: 'text', gefaehrlich: 'yesno', gewicht: 'decimal:1', gutachten: 'file', steuer: 'money' });
    expect(config.types.zweithund).toBeUndefined();
  });

  it('computed fields show the value from the saved answers; those reading this page carry their rule', () => {
    const html = page('hund', { haltung: 'privat', anzahl: '2', gefaehrlich: 'ja' });
    expect(textOf(html, 'f-steuer')).toBe('1.200,00\u00a0€');
    expect(JSON.parse(wrapperOf(html, 'steuer')!.attrs['data-compute']!)).toEqual(step('hund').fields.find((f) => f.id === 'steuer')!.compute);
    // Reads only the first page: nothing for the browser to redo.
    expect(textOf(html, 'f-grundsatz')).toBe('192,00\u00a0€');
    expect(wrapperOf(html, 'grundsatz')).toBeUndefined();
    expect(named(html, 'steuer')).toEqual([]);
  });

  it('requirements decided on other pages are final; those decided here are left open', () => {
    const privat = page('hund', { haltung: 'privat', anzahl: '1' });
    expect(byId(privat, 'f-nummer')!.attrs.required).toBe('');
    expect(privat).not.toMatch(/for="f-nummer">Steuermarke<span class="kern-label__optional">/);
    expect(privat).toMatch(/for="f-gewicht">Gewicht \(kg\)<span class="kern-label__optional">/);
    // Required only when "gefährlich" is answered yes on this very page: neither required nor optional.
    expect(byId(privat, 'f-chip')!.attrs.required).toBeUndefined();
    expect(privat).toMatch(/for="f-chip">Chipnummer<\/label>/);
    const gewerblich = page('hund', { haltung: 'gewerblich', anzahl: '1' });
    expect(gewerblich).toMatch(/for="f-nummer">Steuermarke<span class="kern-label__optional"> \(optional\)/);
  });

  it('shows errors beside their fields, typed values kept, in Swiss francs when the municipality uses them', () => {
    const errors: FieldError[] = [
      { field: 'rasse', key: 'validation.required' },
      { field: 'gewicht', key: 'validation.required' },
    ];
    const html = page('hund', { haltung: 'privat', anzahl: '1', rasse: '', gewicht: '12,5 kg' }, errors, 'CHF');
    expect(byId(html, 'f-rasse')!.attrs['aria-invalid']).toBe('true');
    expect(byId(html, 'f-gewicht')!.attrs.value).toBe('12,5 kg');
    expect(textOf(html, 'f-rasse-error')).toBe('Bitte füllen Sie dieses Feld aus.');
    expect(textOf(html, 'f-steuer')).toBe('CHF\u00a096.00');
  });

  it('groups: entry rules read the entry, rules reading other pages decide per entry on the server', () => {
    const answers: Answers = {
      haltung: 'privat',
      anzahl: '1',
      kinder: [
        { vorname: 'Anna', kita: 'ja', einrichtung: 'Sonnenschein' },
        { vorname: 'Ben', kita: 'nein' },
      ],
    };
    const html = page('familie', answers);
    expect(wrapperOf(html, 'kinder.0.einrichtung')!.attrs['data-scope']).toBe('kinder.0');
    expect(wrapperOf(html, 'kinder.1.einrichtung')!.attrs['data-scope']).toBe('kinder.1');
    expect(named(html, 'kinder.0.einrichtung')[0]!.attrs.value).toBe('Sonnenschein');
    expect(named(html, 'kinder.0.nurGewerblich')).toEqual([]);
    expect(named(page('familie', { ...answers, haltung: 'gewerblich' }), 'kinder.1.nurGewerblich')).toHaveLength(1);
    const config = JSON.parse(tags(html).find((x) => x.attrs['data-form-rules'])!.attrs['data-form-rules']!);
    expect(config.types).toEqual({ kinder: { vorname: 'text', kita: 'yesno', einrichtung: 'text', nurGewerblich: 'text' } });
  });

  it('a page with a group submits with "continue" on Enter: a hidden default button comes before the entry buttons', () => {
    const html = page('familie', { kinder: [{ vorname: 'Anna' }] });
    const buttons = tags(html).filter((x) => x.name === 'button');
    expect(buttons[0]!.attrs).toMatchObject({ type: 'submit', class: 'form-default-submit', tabindex: '-1', 'aria-hidden': 'true' });
    expect(buttons[0]!.attrs.name).toBeUndefined();
    expect(buttons.slice(1).map((b) => b.attrs.value)).toEqual(['hinzufuegen:kinder', undefined]);
    expect(page('halter', {})).not.toContain('form-default-submit');
  });

  it('a page without rules for the browser carries no configuration', () => {
    expect(page('halter', {})).not.toContain('data-form-rules');
    expect(rulesConfig(step('halter'), formState(FORM, {}))).toBeUndefined();
    // form-rules.js still comes: it moves focus to the error summary and to a group entry after a round trip.
    expect(ruleScripts(step('halter'), formState(FORM, {}))).toEqual(['/assets/form-rules.js']);
    expect(ruleScripts(step('hund'), formState(FORM, {}))).toEqual(['/assets/vendor/json-logic.js', '/assets/form-rules.js']);
  });
});

describe('AnswerList', () => {
  const answers: Answers = {
    haltung: 'privat',
    anzahl: '2',
    rasse: 'Dackel',
    gefaehrlich: 'nein',
    gewicht: '8.5',
    firma: 'Alt GmbH',
    kinder: [
      { vorname: 'Anna', kita: 'ja', einrichtung: 'Sonnenschein', nurGewerblich: 'x' },
      { vorname: 'Ben', kita: 'nein', einrichtung: 'Alt' },
    ],
  };

  it('lists visible answers only, computed values included, groups by entry, no information texts', () => {
    const rows = answerRows(FORM, answers, formState(FORM, answers), t, 'de');
    const byLabel = Object.fromEntries(rows.map((r) => [r.label, r.text]));
    expect(byLabel.Haltung).toBe('Privat');
    expect(byLabel['Gewicht (kg)']).toBe('8,5');
    expect(byLabel.Steuer).toBe('192,00\u00a0€');
    expect(byLabel.Firma).toBeUndefined();
    expect(byLabel.Zweithund).toBeUndefined();
    expect(byLabel.Gutachten).toBeUndefined();
    expect(rows.find((r) => r.field.id === 'kinder')!.entries).toEqual([
      'Kind 1: Vorname: Anna, Besucht eine Kita?: Ja, Einrichtung: Sonnenschein',
      'Kind 2: Vorname: Ben, Besucht eine Kita?: Nein',
    ]);
  });

  it('renders a description list, one step at a time if asked', () => {
    const html = renderToString(<AnswerList form={FORM} answers={answers} state={formState(FORM, answers)} t={t} locale="de" stepId="familie" />);
    expect(html).toContain('<dt class="kern-description-list-item__key">Kinder</dt>');
    expect(html).toContain('<li>Kind 2: Vorname: Ben, Besucht eine Kita?: Nein</li>');
    expect(html).not.toContain('Haltung');
  });
});
