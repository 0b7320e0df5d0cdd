// bench/forms.ts — the form engine in process: validating a complete 60-field submission, and rendering a 60-field
// step page to HTML, each next to a baseline measured in the same run.
import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import {
  checkDefinition,
  FormFields,
  formState,
  readStep,
  validateAll,
  type Answers,
  type FieldDefinition,
  type FormDefinition,
  type StepDefinition,
} from '../src/modules/forms/index.ts';
import { translator } from '../src/platform/i18n/index.ts';
import { environment, header, loadAverage, main, percentile, verdict } from './lib.ts';

const WARMUP = 500;
const RUNS = 3000;
const TARGET_VALIDATE_MS = 2;
const TARGET_RENDER_P95_MS = 10;
const ctx = { country: 'DE' as const, today: '2026-11-22' };

// ----- a Kita registration with 60 fields: every field type, a group, rules that show, require and compute -----

const l = (de: string) => ({ de });
const o = (...values: string[]) => values.map((v) => ({ value: v, label: l(v) }));
const f = (id: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ id, type, label: l(id), ...extra });

const steps: StepDefinition[] = [
  {
    id: 'antragsteller',
    title: l('Antragsteller'),
    fields: [
      f('anrede', 'select', { options: o('frau', 'herr', 'divers', 'keine') }),
      f('vorname', 'text', { required: true, role: 'firstName', autocomplete: 'given-name' }),
      f('nachname', 'text', { required: true, role: 'lastName', autocomplete: 'family-name' }),
      f('geburtsdatum', 'date', { required: true, dateRange: 'past' }),
      f('geburtsort', 'text'),
      f('staatsangehoerigkeit', 'select', { options: o('deutsch', 'schweizerisch', 'andere') }),
      f('email', 'email', { required: true, role: 'email' }),
      f('telefon', 'phone'),
      f('anschrift', 'address', { required: true }),
      f('umgezogen', 'yesno', { required: true }),
      f('fruehere_anschrift', 'address', { showIf: { var: 'umgezogen' }, required: true }),
      f('familienstand', 'radio', { options: o('ledig', 'verheiratet', 'geschieden', 'verwitwet') }),
    ],
  },
  {
    id: 'haushalt',
    title: l('Haushalt'),
    fields: [
      f('kinder', 'group', {
        required: true,
        maxItems: 6,
        itemLabel: l('Kind'),
        fields: [
          f('kind_vorname', 'text', { required: true }),
          f('kind_geburtsdatum', 'date', { required: true, dateRange: 'past' }),
          f('betreuung', 'checkboxes', { options: o('krippe', 'kita', 'hort') }),
          f('stunden', 'integer', { min: 0, max: 50, showIf: { '!!': { var: 'betreuung' } } }),
        ],
      }),
      f('partner', 'yesno', { required: true }),
      f('partner_vorname', 'text', { showIf: { var: 'partner' }, required: true }),
      f('partner_nachname', 'text', { showIf: { var: 'partner' }, required: true }),
      f('einkommen', 'money', { required: true }),
      f('partner_einkommen', 'money', { showIf: { var: 'partner' }, required: true }),
      f('haushaltseinkommen', 'money', { compute: { '+': [{ var: 'einkommen' }, { var: ['partner_einkommen', 0] }] } }),
      f('kinderzahl', 'integer', { compute: { reduce: [{ var: 'kinder' }, { '+': [{ var: 'accumulator' }, 1] }, 0] } }),
    ],
  },
  {
    id: 'betreuung',
    title: l('Betreuung'),
    fields: [
      f('einrichtung', 'select', { required: true, options: o('sonnenschein', 'regenbogen', 'waldkita', 'st-marien') }),
      f('wunschtermin', 'date', { required: true, dateRange: 'future' }),
      f('umfang', 'radio', { required: true, options: o('25', '35', '45') }),
      f('stunden_pro_woche', 'integer', { min: 10, max: 50 }),
      f('mittagessen', 'yesno'),
      f('essensgeld', 'money', { compute: { if: [{ var: 'mittagessen' }, { '*': [{ var: 'kinderzahl' }, 65] }, 0] } }),
      f('besonderheiten', 'textarea', { maxLength: 2000 }),
      f('allergien', 'yesno'),
      f('allergie_details', 'textarea', { showIf: { var: 'allergien' }, requiredIf: { var: 'allergien' } }),
      f('sprachen', 'checkboxes', { options: o('deutsch', 'englisch', 'tuerkisch', 'arabisch', 'polnisch'), maxSelected: 3 }),
      f('geschwister', 'yesno'),
      f('geschwister_name', 'text', { showIf: { var: 'geschwister' }, pattern: "[\\p{L} '-]+" }),
    ],
  },
  {
    id: 'zahlung',
    title: l('Zahlung'),
    fields: [
      f('kontoinhaber', 'text', { required: true }),
      f('iban', 'iban', { required: true }),
      f('bank', 'text'),
      f('zahlweise', 'radio', { required: true, options: o('monatlich', 'quartal', 'jahr') }),
      f('beitrag', 'money', { compute: { if: [{ '<': [{ var: 'haushaltseinkommen' }, 2000] }, 0, { '*': [{ var: 'haushaltseinkommen' }, 0.05] }] } }),
      f('ermaessigung', 'yesno', { compute: { '<': [{ var: 'haushaltseinkommen' }, 3500] } }),
      f('nachweis_einkommen', 'file', { requiredIf: { var: 'ermaessigung' }, accept: ['application/pdf', 'image/*'], maxFiles: 3, maxBytes: 10_000_000 }),
      f('plz_arbeitgeber', 'postalCode'),
      f('arbeitgeber', 'text', { maxLength: 150 }),
      f('faktor', 'decimal', { fractionDigits: 3, min: 0, max: 10 }),
      f('hinweis_datenschutz', 'info', { text: l('Ihre Angaben werden nur für die Beitragsberechnung verwendet.') }),
      f('bemerkung', 'textarea'),
    ],
  },
  {
    id: 'abschluss',
    title: l('Abschluss'),
    fields: [
      f('einverstanden', 'yesno', { required: true }),
      f('richtig', 'yesno', { required: true }),
      f('kontakt', 'checkboxes', { options: o('email', 'telefon', 'post'), minSelected: 1 }),
      f('hinweis', 'info', { text: l('Nach dem Absenden erhalten Sie eine Eingangsbestätigung.') }),
      f('ort', 'text'),
      f('datum', 'date'),
      f('kopien', 'integer', { min: 0, max: 5 }),
      f('rueckruf', 'select', { options: o('vormittags', 'nachmittags'), showIf: { in: ['telefon', { var: 'kontakt' }] } }),
      f('newsletter', 'yesno'),
      f('aktenzeichen_alt', 'text', { pattern: '[A-Z]{2}-\\d{4}-\\d{6}' }),
      f('spende', 'money', { min: 0, max: 500 }),
      f('gesamtkosten', 'money', { compute: { '+': [{ var: 'beitrag' }, { var: 'essensgeld' }, { var: ['spende', 0] }] } }),
    ],
  },
];
const form: FormDefinition = { steps };
const fieldCount = steps.reduce((n, s) => n + s.fields.reduce((m, x) => m + 1 + (x.fields?.length ?? 0), 0), 0);

const file = { sha256: 'a'.repeat(64), filename: 'gehaltsnachweis.pdf', contentType: 'application/pdf', size: 182_000 };

/** What a browser posts for each step (German number writing, spaces in the IBAN). */
const bodies: Record<string, Record<string, unknown>> = {
  antragsteller: {
    anrede: 'frau',
    vorname: 'Erika',
    nachname: 'Mustermann',
    geburtsdatum: '1988-04-12',
    geburtsort: 'Bielefeld',
    staatsangehoerigkeit: 'deutsch',
    email: 'erika.mustermann@example.org',
    telefon: '+49 5241 123456',
    'anschrift.street': 'Berliner Straße',
    'anschrift.number': '70',
    'anschrift.postalCode': '33330',
    'anschrift.place': 'Gütersloh',
    umgezogen: 'ja',
    'fruehere_anschrift.street': 'Hauptstraße',
    'fruehere_anschrift.number': '3a',
    'fruehere_anschrift.postalCode': '33602',
    'fruehere_anschrift.place': 'Bielefeld',
    familienstand: 'verheiratet',
  },
  haushalt: {
    'kinder.0.kind_vorname': 'Mia',
    'kinder.0.kind_geburtsdatum': '2022-03-01',
    'kinder.0.betreuung': ['kita'],
    'kinder.0.stunden': '35',
    'kinder.1.kind_vorname': 'Ben',
    'kinder.1.kind_geburtsdatum': '2019-07-15',
    'kinder.1.betreuung': ['kita', 'hort'],
    'kinder.1.stunden': '25',
    'kinder.2.kind_vorname': 'Lea',
    'kinder.2.kind_geburtsdatum': '2025-01-20',
    partner: 'ja',
    partner_vorname: 'Max',
    partner_nachname: 'Mustermann',
    einkommen: '2.450,00 €',
    partner_einkommen: '1.980,50',
  },
  betreuung: {
    einrichtung: 'sonnenschein',
    wunschtermin: '01.08.2027',
    umfang: '35',
    stunden_pro_woche: '35',
    mittagessen: 'ja',
    besonderheiten: 'Mia schläft mittags gern eine Stunde.\nBen wird von den Großeltern abgeholt.',
    allergien: 'ja',
    allergie_details: 'Erdnüsse',
    sprachen: ['deutsch', 'englisch'],
    geschwister: 'nein',
  },
  zahlung: {
    kontoinhaber: 'Erika Mustermann',
    iban: 'DE89 3704 0044 0532 0130 00',
    bank: 'Commerzbank',
    zahlweise: 'monatlich',
    plz_arbeitgeber: '33330',
    arbeitgeber: 'Stadtwerke Gütersloh',
    faktor: '1,25',
    bemerkung: '',
  },
  abschluss: {
    einverstanden: 'ja',
    richtig: 'ja',
    kontakt: ['email', 'telefon'],
    ort: 'Gütersloh',
    datum: '22.11.2026',
    kopien: '1',
    rueckruf: 'vormittags',
    newsletter: 'nein',
    aktenzeichen_alt: 'GT-2025-000123',
    spende: '10',
  },
};

/** One complete submission: every step read and validated in turn on the answers so far, as the portal does. */
function submitAll(): Answers {
  let answers: Answers = { nachweis_einkommen: [file] };
  for (const step of steps) {
    const { values, errors } = readStep(form, step, bodies[step.id]!, answers, ctx);
    if (errors.length) throw new Error(`step ${step.id} has errors: ${JSON.stringify(errors)}`);
    answers = { ...answers, ...values };
  }
  return answers;
}

function time(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

const msp = (v: number) => `${v.toFixed(3)} ms`;

function report(name: string, samples: number[], baseline: number[], target?: { p95: number }) {
  const [p50, p95, b50, b95] = [percentile(samples, 50), percentile(samples, 95), percentile(baseline, 50), percentile(baseline, 95)];
  console.log(`  ${name}: p50 ${msp(p50)}   p95 ${msp(p95)}${target ? `   target p95 ≤ ${target.p95} ms   ${verdict(p95 <= target.p95)}` : ''}`);
  console.log(`    baseline: p50 ${msp(b50)}   p95 ${msp(b95)}   ratio p50 ${(p50 / b50).toFixed(1)}×   p95 ${(p95 / b95).toFixed(1)}×`);
}

await main(async () => {
  const checked = checkDefinition(form);
  if (!checked.ok) throw new Error(`benchmark form is invalid: ${JSON.stringify(checked.problems)}`);
  const answers = submitAll();
  const errors = validateAll(form, answers, ctx);
  if (errors.length) throw new Error(`full answers have errors: ${JSON.stringify(errors)}`);

  header('Form engine: validate and render a 60-field form');
  console.log(environment());
  console.log(
    `Form: ${fieldCount} fields in ${steps.length} steps (every field type, a group with 3 entries, 16 rules). ${WARMUP} warm-up runs, then ${RUNS} measured.`,
  );

  console.log('\n(a) Validating a complete submission');
  const json = JSON.stringify(answers);
  const baseline = time(() => JSON.parse(JSON.stringify(JSON.parse(json))));
  console.log(`  baseline: JSON.stringify + JSON.parse of the same answers (${json.length} bytes)`);
  report('readStep over all 5 steps (posted bodies read, normalised, validated)', time(submitAll), baseline, { p95: TARGET_VALIDATE_MS });
  report(
    'validateAll before submission',
    time(() => validateAll(form, answers, ctx)),
    baseline,
    { p95: TARGET_VALIDATE_MS },
  );
  report(
    'formState alone (rules: visibility, requirement, computed values)',
    time(() => formState(form, answers)),
    baseline,
  );

  console.log('\n(b) Rendering a step page of 60 fields to HTML');
  const page: StepDefinition = { id: 'alles', title: l('Alles auf einer Seite'), fields: steps.flatMap((s) => s.fields) };
  const onePage: FormDefinition = { steps: [page] };
  const t = translator('de');
  // The page as the portal shows it after a post with two mistakes: the rules' state, errors beside their fields.
  const shownErrors = [
    { field: 'iban', key: 'validation.ibanChecksum' },
    { field: 'kinder.1.kind_vorname', key: 'validation.required' },
  ];
  const render = () => {
    const state = formState(onePage, answers);
    return renderToString(
      h(
        'form',
        { method: 'post', novalidate: true },
        h(FormFields, { step: page, answers, errors: shownErrors, state, t, locale: 'de', currency: 'EUR', maxUploadMb: 10 }),
      ),
    );
  };
  const html = render();
  // Baseline: the same labels and answers as a plain definition list, rendered by the same library.
  const rows = page.fields.map((x) => [x.label.de, JSON.stringify(answers[x.id] ?? '')] as const);
  const plain = () =>
    renderToString(
      h(
        'dl',
        null,
        rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
    );
  console.log(
    `  page: ${(html.length / 1024).toFixed(0)} KiB of HTML; baseline: the ${rows.length} labels and answers as a plain <dl> (${(plain().length / 1024).toFixed(0)} KiB), same renderer`,
  );
  report('formState + FormFields (Field per field) → renderToString', time(render), time(plain), { p95: TARGET_RENDER_P95_MS });
  console.log(`\n  (${loadAverage()} at the end; other work on this 2-core machine skews all figures)`);
});
