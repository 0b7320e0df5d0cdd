import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDefinition } from './definition.ts';
import { formState } from './logic.ts';
import type { Answers, FieldDefinition, FormDefinition, StepDefinition } from './schema.ts';
import { type Message, translator } from '../../platform/i18n/index.ts';
import { xdatenfelderDe } from '../../platform/i18n/catalogs/xdatenfelder.de.ts';
import { xdatenfelderEn } from '../../platform/i18n/catalogs/xdatenfelder.en.ts';
import { decodeXml, importXDatenfelder, importXDatenfelderFile, type ImportMessage, type ImportNote } from './xdatenfelder.ts';

const SAMPLES = '/work/shared/standards/xdatenfelder';
const FIXTURES = new URL('./testdata/xdatenfelder/', import.meta.url);

const sample = (path: string) => readFileSync(`${SAMPLES}/${path}`, 'utf8');
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES), 'utf8');

/** The import of a file that must succeed; its form must pass the form engine's own check. */
function imported(xml: string) {
  const result = importXDatenfelder(xml);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  const checked = checkDefinition(result.form);
  expect(checked.ok ? [] : checked.problems).toEqual([]);
  return result;
}

/** The refusal of a file that must be refused: its message key and parameters (position, element, value). */
function refused(xml: string): Message {
  const result = importXDatenfelder(xml);
  if (result.ok) throw new Error(`imported, expected a refusal: ${JSON.stringify(result.form)}`);
  return result.refusal;
}

/** A refusal without the XML parser's own message (`detail`), which belongs to the library, not to the import. */
function refusedOwn(xml: string): Message {
  const { key, params } = refused(xml);
  if (!params) return { key };
  const { detail: _, ...own } = params;
  return { key, params: own };
}

const allFields = (form: FormDefinition): FieldDefinition[] => form.steps.flatMap((s) => s.fields.flatMap((f) => [f, ...(f.fields ?? [])]));

function field(form: FormDefinition, id: string): FieldDefinition {
  const found = allFields(form).find((f) => f.id === id);
  if (!found)
    throw new Error(
      `no field ${id} in ${allFields(form)
        .map((f) => f.id)
        .join(', ')}`,
    );
  return found;
}

const step = (form: FormDefinition, id: string): StepDefinition => form.steps.find((s) => s.id === id)!;
/** The notes on one FIM element, as messages (key, parameters, parts) without the element. */
const notesAbout = (notes: ImportNote[], path: string): ImportMessage[] => notes.filter((n) => n.path === path).map(({ path: _, ...message }) => message);
const keysAbout = (notes: ImportNote[], path: string): string[] => notesAbout(notes, path).map((n) => n.key);

// ----- small XDatenfelder 3.0.0 messages written for single cases -----

interface FieldSpec {
  feldart?: string;
  datentyp?: string;
  label?: string;
  extra?: string;
}

function dataField(id: string, spec: FieldSpec = {}): string {
  return `<xdf:datenfeld>
    <xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>${spec.label ?? id}</xdf:name>
    <xdf:freigabestatus><code>6</code></xdf:freigabestatus>
    <xdf:letzteAenderung>2024-01-01T00:00:00Z</xdf:letzteAenderung>
    <xdf:bezeichnungEingabe>${spec.label ?? `Feld ${id}`}</xdf:bezeichnungEingabe>
    <xdf:schemaelementart><code>RNG</code></xdf:schemaelementart>
    <xdf:feldart><code>${spec.feldart ?? 'input'}</code></xdf:feldart>
    <xdf:datentyp><code>${spec.datentyp ?? 'text'}</code></xdf:datentyp>
    ${spec.extra ?? ''}
  </xdf:datenfeld>`;
}

function dataGroup(id: string, label: string, children: string, extra = ''): string {
  return `<xdf:datenfeldgruppe>
    <xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>${label}</xdf:name>
    <xdf:freigabestatus><code>6</code></xdf:freigabestatus>
    <xdf:letzteAenderung>2024-01-01T00:00:00Z</xdf:letzteAenderung>
    <xdf:bezeichnungEingabe>${label}</xdf:bezeichnungEingabe>
    <xdf:schemaelementart><code>RNG</code></xdf:schemaelementart>
    ${extra}
    ${children}
  </xdf:datenfeldgruppe>`;
}

const within = (anzahl: string, element: string) => `<xdf:struktur><xdf:anzahl>${anzahl}</xdf:anzahl><xdf:enthaelt>${element}</xdf:enthaelt></xdf:struktur>`;

function rule(id: string, text: string, skript = ''): string {
  return `<xdf:regel>
    <xdf:identifikation><xdf:id>${id}</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>Regel ${id}</xdf:name>
    <xdf:freitextRegel>${text}</xdf:freitextRegel>
    <xdf:letzteAenderung>2024-01-01T00:00:00Z</xdf:letzteAenderung>
    <xdf:typ><code>K</code></xdf:typ>
    ${skript ? `<xdf:skript>${skript}</xdf:skript>` : ''}
  </xdf:regel>`;
}

function schema(content: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xdf3:xdatenfelder.stammdatenschema.0102 xmlns:xdf3="urn:xoev-de:fim:standard:xdatenfelder_3.0.0" xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3.0.0">
  <xdf:header><xdf:nachrichtID>t</xdf:nachrichtID><xdf:erstellungszeitpunkt>2024-01-01T00:00:00Z</xdf:erstellungszeitpunkt></xdf:header>
  <xdf:stammdatenschema>
    <xdf:identifikation><xdf:id>S1</xdf:id><xdf:version>1.0.0</xdf:version></xdf:identifikation>
    <xdf:name>Testschema</xdf:name>
    <xdf:freigabestatus><code>6</code></xdf:freigabestatus>
    <xdf:letzteAenderung>2024-01-01T00:00:00Z</xdf:letzteAenderung>
    <xdf:bezeichnung>Testantrag</xdf:bezeichnung>
    ${content}
  </xdf:stammdatenschema>
</xdf3:xdatenfelder.stammdatenschema.0102>`;
}

/** A schema whose fields sit directly under it (one step), each given as [anzahl, datenfeld]. */
const flat = (...items: Array<[string, string]>) => schema(items.map(([anzahl, element]) => within(anzahl, element)).join('\n'));

// =====================================================================================================================

describe('the sample messages of the standard', () => {
  it('v2 simple: the group is a step, the field keeps label, help, lengths, identity and is required', () => {
    const result = imported(sample('v2/simple.xml'));
    expect(result.standard).toBe('2.0');
    expect(result.title).toEqual({ de: 'Test' });
    expect(result.form.source).toEqual({ scheme: 'xdatenfelder', id: 'T1234', version: '1.0', standard: '2.0' });
    expect(result.form.steps).toEqual([
      {
        id: 'G00000082',
        title: { de: 'Natürliche Person' },
        fields: [
          {
            id: 'F60000227',
            type: 'text',
            label: { de: 'Familienname' },
            hint: { de: 'Hilfe Eingabe' },
            minLength: 1,
            maxLength: 120,
            required: true,
            role: 'lastName',
            autocomplete: 'family-name',
            source: { scheme: 'xdatenfelder', id: 'F60000227', version: '1.1' },
          },
        ],
      },
    ]);
    expect(result.notes).toEqual([
      { path: 'R60000037', key: 'xdatenfelder.rule.notReadWithText', params: { rule: 'R60000037', name: 'MindestEineAngabe', text: expect.any(String) } },
    ]);
  });

  it('v2 select: a code list given only by its URN becomes a text field, and says so', () => {
    const result = imported(sample('v2/select.xml'));
    expect(result.form.steps[0].fields).toEqual([
      { id: 'F123', type: 'text', label: { de: 'Hinweis' }, required: true, source: { scheme: 'xdatenfelder', id: 'F123', version: '1.0' } },
    ]);
    expect(notesAbout(result.notes, 'F123')).toEqual([
      { key: 'xdatenfelder.field.codeListOnlyVersion', params: { label: 'Hinweis', list: 'urn:de:example', version: '1' } },
    ]);
  });

  it('v2 label: a static field becomes an information text with its content', () => {
    const result = imported(sample('v2/label.xml'));
    expect(result.form.steps).toEqual([
      {
        id: 'T1234_allgemein',
        title: { de: 'Allgemeine Angaben' },
        fields: [
          {
            id: 'F123',
            type: 'info',
            label: { de: 'Hinweis' },
            text: { de: 'Hinweis Inhalt' },
            source: { scheme: 'xdatenfelder', id: 'F123', version: '1.0' },
          },
        ],
      },
    ]);
    expect(result.notes).toEqual([]);
  });

  it('v2 rules on schema, group and field that are only a placeholder script are reported, each once', () => {
    for (const name of ['v2/rule.xml', 'v2/data-field-rule.xml', 'v2/data-group-rule.xml']) {
      const result = imported(sample(name));
      expect(notesAbout(result.notes, 'R60000037'), name).toEqual([
        { key: 'xdatenfelder.rule.notReadWithText', params: { rule: 'R60000037', name: 'MindestEineAngabe', text: 'Eine Definition' } },
      ]);
    }
    const fieldRule = imported(sample('v2/data-field-rule.xml'));
    expect(fieldRule.form.steps[0].fields.map((f) => [f.id, f.type, f.required])).toEqual([['F123', 'text', true]]);
  });

  it('v2 schemas without data fields give one step with a notice and say that the fields are missing', () => {
    for (const name of ['v2/minimal.xml', 'v2/rule.xml', 'v2/data-group-rule.xml']) {
      const result = imported(sample(name));
      expect(result.form.steps).toEqual([
        {
          id: 'T1234',
          title: { de: 'Test' },
          fields: [{ id: 'T1234_hinweis', type: 'info', label: { de: 'Test' }, text: { de: 'Das Datenschema enthält noch keine Felder.' } }],
        },
      ]);
      expect(notesAbout(result.notes, 'T1234')).toEqual([{ key: 'xdatenfelder.schema.noFields', params: { label: 'Test' } }]);
    }
    expect(notesAbout(imported(sample('v2/data-group-rule.xml')).notes, 'G00000082')).toEqual([
      { key: 'xdatenfelder.group.noStep', params: { label: 'Natürliche Person' } },
    ]);
  });

  it('v3 simple: a Datenfeldgruppe message is the form; its subgroup a step; help texts kept; the free-text rule reported', () => {
    const result = imported(sample('v3/simple.xml'));
    expect(result.standard).toBe('3.0');
    expect(result.title).toEqual({ de: 'Anschrift in Deutschland' });
    expect(result.form.source).toEqual({ scheme: 'xdatenfelder', id: 'G60000000088', version: '1.2.0', standard: '3.0' });
    expect(result.form.steps).toEqual([
      {
        id: 'G60000000086',
        title: { de: 'Straßenanschrift' },
        fields: [
          { id: 'G60000000088_hinweis', type: 'info', label: { de: 'Anschrift in Deutschland' }, text: { de: 'Eingabehilfe' } },
          {
            id: 'G60000000086_hinweis',
            type: 'info',
            label: { de: 'Straßenanschrift' },
            text: { de: 'Geben Sie die Anschrift mit Straße, Hausnummer, Postleitzahl und Ort an. Eine Angabe eines Postfachs ist nicht möglich.' },
          },
          // The group is optional (0:1) and holds only this field: the field is optional too.
          {
            id: 'F60000000243',
            type: 'text',
            label: { de: 'Straße' },
            hint: { de: 'Geben Sie an, wie die Straße heißt.' },
            minLength: 1,
            maxLength: 55,
            source: { scheme: 'xdatenfelder', id: 'F60000000243', version: '1.1.0' },
          },
        ],
      },
    ]);
    // Attached to the group and to the field: one note.
    expect(notesAbout(result.notes, 'R60000000019')).toEqual([
      {
        key: 'xdatenfelder.rule.notReadWithText',
        params: expect.objectContaining({
          rule: 'R60000000019',
          text: expect.stringContaining('Es muss entweder Feldgruppe G60000086 "Anschrift Inland Straßenanschrift" oder Feldgruppe G60000087'),
        }),
      },
    ]);
    expect(result.notes).toHaveLength(1);
  });

  const at = (line: number, column: number) => ({ line, column });
  it.each([
    ['v2/duplicate-optional-value.xml', 'repeatedElement', { element: 'xdf:beschreibung', parent: 'xdf:stammdatenschema', ...at(15, 9) }],
    ['v2/duplicate-required-value.xml', 'repeatedElement', { element: 'xdf:name', parent: 'xdf:stammdatenschema', ...at(13, 9) }],
    [
      'v2/unknown-namespace.xml',
      'unknownNamespace',
      { namespace: 'urn:xoev-de:fim:standard:xdatenfelder_unknown', element: 'xdf:xdatenfelder.stammdatenschema.0102', ...at(2, 1) },
    ],
    ['v3/duplicate-id-node.xml', 'repeatedElement', { element: 'xdf:id', parent: 'xdf:identifikation', ...at(11, 13) }],
    ['v3/empty-id-node.xml', 'emptyElement', { element: 'xdf:id', ...at(10, 13) }],
    ['v3/missing-id-node.xml', 'requiredMissing', { element: 'xdf:identifikation', name: 'id', ...at(9, 9) }],
    ['v3/invalid-freigabestatus.xml', 'invalidRelease', { value: '10', element: 'xdf:freigabestatus', ...at(17, 9) }],
    ['v3/unexpected-node.xml', 'unexpectedElement', { element: 'xdf:unknown', parent: 'xdf:identifikation', ...at(11, 13) }],
    [
      'v3/unknown-namespace.xml',
      'unknownNamespace',
      { namespace: 'urn:xoev-de:fim:standard:xdatenfelder_unknown', element: 'xdf:xdatenfelder.datenfeldgruppe.0103', ...at(2, 1) },
    ],
    // Not schema-valid: <inhalt> twice in one data field (the XSD allows it once), like the duplicates above.
    ['v3/input.xml', 'repeatedElement', { element: 'xdf:inhalt', parent: 'xdf:datenfeld', ...at(64, 21) }],
  ])('refuses the broken sample %s with the reason and position', (name, key, params) => {
    expect(refused(sample(name))).toEqual({ key: `xdatenfelder.message.${key}`, params });
  });

  it('counts lines the same in files with Windows line ends and a byte order mark', () => {
    const windows = `\uFEFF${sample('v2/duplicate-required-value.xml').replace(/\r?\n/g, '\r\n')}`;
    expect(refused(windows)).toEqual({
      key: 'xdatenfelder.message.repeatedElement',
      params: { element: 'xdf:name', parent: 'xdf:stammdatenschema', line: 13, column: 9 },
    });
    expect(imported(`\uFEFF${sample('v2/simple.xml').replace(/\r?\n/g, '\r\n')}`).form.steps[0].fields[0].id).toBe('F60000227');
  });

  it('knows every sample: each one is either imported into a valid form or refused', () => {
    const names = ['v2', 'v3'].flatMap((v) => readdirSync(`${SAMPLES}/${v}`).map((f) => `${v}/${f}`));
    expect(names.length).toBeGreaterThanOrEqual(18);
    for (const name of names) {
      const result = importXDatenfelder(sample(name));
      if (result.ok) expect(checkDefinition(result.form).ok, name).toBe(true);
      else expect(result.refusal.params, name).toMatchObject({ line: expect.any(Number), column: expect.any(Number) });
    }
  });

  it('v3 input, with the duplicate <inhalt> removed: every attribute of the field is either mapped or reported', () => {
    const result = imported(fixture('v3-input-corrected.xml'));
    expect(result.form.steps[0].fields).toEqual([
      {
        id: 'F60000000243',
        type: 'text',
        label: { de: 'Straße' },
        maxLength: 1,
        pattern: 'abc',
        source: { scheme: 'xdatenfelder', id: 'F60000000243', version: '1.1.0' },
      },
    ]);
    const label = 'Straße';
    expect(notesAbout(result.notes, 'F60000000243')).toEqual([
      { key: 'xdatenfelder.field.noValues', params: { label } },
      { key: 'xdatenfelder.field.precisionFreeText', params: { label, text: 'Constraints' } },
      { key: 'xdatenfelder.field.precisionDropped', params: { label, keys: 'minValue/maxValue' }, parts: { type: { key: 'xdatenfelder.type.text' } } },
      { key: 'xdatenfelder.field.defaultIgnored', params: { label, content: 'Some Content' } },
      { key: 'xdatenfelder.field.fileRulesIgnored', params: { label }, parts: { type: { key: 'xdatenfelder.type.text' } } },
    ]);
  });
});

// =====================================================================================================================

describe('a Gewerbeanmeldung in XDatenfelder 2.0 (57 data fields, 10 groups, 10 rules)', () => {
  const result = imported(fixture('v2-gewerbeanmeldung.xml'));
  const { form, notes } = result;

  it('has a step per top-level group and a first step for the fields directly under the schema', () => {
    expect(result.title).toEqual({ de: 'Gewerbeanmeldung' });
    expect(form.source).toEqual({ scheme: 'xdatenfelder', id: 'S10000001', version: '1.2', standard: '2.0' });
    expect(form.steps.map((s) => [s.id, s.title.de])).toEqual([
      ['S10000001_allgemein', 'Allgemeine Angaben'],
      ['G10000001', 'Angaben zur Person'],
      ['G10000010', 'Angaben zum Betrieb'],
      ['G10000015', 'Hauptniederlassung'],
      ['G10000020', 'Erlaubnisse und Nachweise'],
      ['G10000030', 'Gesellschafterin oder Gesellschafter'],
      ['G10000040', 'Erklärungen'],
    ]);
    expect(step(form, 'S10000001_allgemein').fields.map((f) => [f.id, f.type])).toEqual([
      ['S10000001_hinweis', 'info'],
      ['F10000001', 'text'],
      ['F10000002', 'info'],
    ]);
    expect(allFields(form).filter((f) => f.source).length).toBeGreaterThanOrEqual(55);
  });

  it('maps data types and multiplicities', () => {
    const types = Object.fromEntries(allFields(form).map((f) => [f.id, f.type]));
    expect(types).toMatchObject({
      F60000231: 'date',
      F10000030: 'yesno',
      F10000055: 'yesno',
      F10000050: 'integer',
      F10000053: 'money',
      F10000054: 'decimal',
      F10000041: 'textarea',
      F10000104: 'textarea',
      F10000082: 'file',
      F10000084: 'file',
      F60000240: 'email',
    });
    expect(field(form, 'F60000227')).toMatchObject({ required: true, minLength: 1, maxLength: 120, hint: { de: 'Geben Sie Ihren Familiennamen an.' } });
    expect(field(form, 'F60000229').required).toBeUndefined();
    expect(field(form, 'F10000054')).toMatchObject({ min: 0, max: 100000 });
    expect(field(form, 'F60000246')).toMatchObject({ pattern: '[0-9]{5}', required: true });
    expect(field(form, 'F10000082')).toMatchObject({ maxFiles: 3 });
    expect(field(form, 'F60000233')).toMatchObject({ type: 'group', minItems: 1, fields: [{ id: 'F60000233_eintrag', type: 'text', required: true }] });
  });

  it('gives repeated FIM fields unique ids and marks the applicant', () => {
    const ids = allFields(form).map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['F60000227', 'F60000227_2', 'F60000227_3', 'F60000243', 'F60000243_2']));
    expect(allFields(form).filter((f) => f.source?.id === 'F60000227')).toHaveLength(3);
    expect(
      allFields(form)
        .filter((f) => f.role)
        .map((f) => [f.id, f.role]),
    ).toEqual([
      ['F60000227', 'lastName'],
      ['F60000228', 'firstName'],
      ['F60000240', 'email'],
    ]);
  });

  it('makes repeating groups group fields, flattening what a group entry cannot hold', () => {
    expect(field(form, 'G10000012')).toMatchObject({ type: 'group', maxItems: 5, itemLabel: { de: 'Weitere Betriebsstätte' } });
    expect(field(form, 'G10000012').fields!.map((f) => f.id)).toEqual(['F10000060', 'F60000243_2', 'F60000244_2', 'F60000246_2', 'F60000247_2']);
    const partners = step(form, 'G10000030').fields;
    expect(partners.map((f) => f.id)).toEqual(['G10000030']);
    expect(partners[0].fields!.map((f) => f.id)).toEqual([
      'F60000227_3',
      'F60000228_3',
      'F60000231_2',
      'F10000090',
      'F10000091',
      'G10000031_angeben',
      'F10000092',
      'F10000093',
    ]);
    expect(notesAbout(notes, 'G10000031')[0]).toEqual({ key: 'xdatenfelder.group.nestedRepeat', params: { label: 'Vertretungsbefugnis', count: '0:*' } });
    expect(notesAbout(notes, 'F10000091')).toEqual([
      { key: 'xdatenfelder.field.repeatInGroup', params: { label: 'Weitere Staatsangehörigkeiten', count: '0:3' } },
    ]);
  });

  it('asks first whether an optional group with required fields is given', () => {
    const representative = step(form, 'G10000010').fields.filter((f) => f.source?.id === 'G10000013' || f.showIf);
    expect(representative.map((f) => f.id)).toEqual(['G10000013_angeben', 'F60000227_2', 'F60000228_2', 'F10000062']);
    const answers: Answers = { G10000013_angeben: 'nein' };
    expect(formState(form, answers).hiddenFields).toContain('F60000227_2');
    const shown = formState(form, { G10000013_angeben: 'ja' });
    expect(shown.requiredFields).toContain('F60000227_2');
    expect(shown.requiredFields).not.toContain('F10000062');
  });

  it('turns the structured rules into JSON Logic that behaves as the rule says', () => {
    // R10000001: the head office step appears for a branch office (code 02) – its added yes/no question is gone.
    expect(step(form, 'G10000015').showIf).toEqual({ '==': [{ var: 'F10000040' }, '02'] });
    expect(step(form, 'G10000015').fields.map((f) => f.id)).toEqual(['F10000070', 'F10000071', 'F10000072']);
    expect(notesAbout(notes, 'G10000015')).toEqual([]);
    expect(formState(form, { F10000040: '01' }).hiddenSteps).toContain('G10000015');
    expect(formState(form, { F10000040: '02' }).hiddenSteps).not.toContain('G10000015');
    // R10000002: court and number are required once the business is registered.
    const registered = formState(form, { F10000030: 'ja' }).requiredFields;
    expect([registered.has('F10000031'), registered.has('F10000032')]).toEqual([true, true]);
    expect(formState(form, { F10000030: 'nein' }).requiredFields.has('F10000031')).toBe(false);
    // R10000003 (script): the total is computed.
    expect(field(form, 'F10000052').compute).toEqual({ '+': [{ var: 'F10000050' }, { var: 'F10000051' }] });
    expect(formState(form, { F10000050: '3', F10000051: '2' }).computed.F10000052).toBe('5');
    // R10000005 (free text beside a placeholder script): "Wenn F… ausgewählt ist, ist F… Pflicht."
    expect(formState(form, { F10000080: 'ja' }).requiredFields.has('F10000081')).toBe(true);
    // R10000007: the permit upload disappears when no permit is needed.
    expect(formState(form, { F10000080: 'nein' }).hiddenFields).toContain('F10000082');
    expect(formState(form, { F10000080: 'ja' }).hiddenFields).not.toContain('F10000082');
  });

  it('reports every rule it cannot map, with its text, and everything else it could not take over', () => {
    expect(notesAbout(notes, 'R10000004')).toEqual([
      {
        key: 'xdatenfelder.rule.notReadWithText',
        params: { rule: 'R10000004', name: 'Erreichbarkeit', text: 'Es ist mindestens eine Telefonnummer oder eine E-Mail-Adresse anzugeben.' },
      },
    ]);
    expect(notesAbout(notes, 'R10000006')[0].params).toMatchObject({ text: 'Die Summe der Anteile darf 100 Prozent nicht übersteigen.' });
    expect(keysAbout(notes, 'R10000008')).toEqual(['xdatenfelder.rule.notReadWithText']);
    expect(notesAbout(notes, 'R10000009')).toEqual([
      {
        key: 'xdatenfelder.rule.notAppliedWithText',
        params: { rule: 'R10000009', name: 'Altes Feld', text: "Wenn F10000999 = 'x', dann ist F10000043 Pflicht." },
        parts: { problem: { key: 'xdatenfelder.ruleProblem.notInForm', params: { id: 'F10000999' } } },
      },
    ]);
    for (const id of ['R10000001', 'R10000002', 'R10000003', 'R10000005', 'R10000007']) expect(notesAbout(notes, id), id).toEqual([]);
    for (const id of ['F10000001', 'F60000230', 'F60000233', 'F10000040']) expect(keysAbout(notes, id), id).toEqual(['xdatenfelder.field.codeListOnlyVersion']);
    expect(notesAbout(notes, 'F10000084')).toEqual([
      { key: 'xdatenfelder.field.object', params: { label: 'Sonstige Nachweise' } },
      { key: 'xdatenfelder.field.filesCappedUnbounded', params: { label: 'Sonstige Nachweise', count: '0:*', limit: 10 } },
    ]);
  });
});

// =====================================================================================================================

describe('a Sondernutzungserlaubnis in XDatenfelder 3.0.0 (54 data fields, Wertelisten, 12 rules)', () => {
  const result = imported(fixture('v3-sondernutzung-veranstaltung.xml'));
  const { form, notes } = result;

  it('takes the title from the schema, the steps from its groups', () => {
    expect(result.title).toEqual({ de: 'Antrag auf Sondernutzungserlaubnis für eine Veranstaltung' });
    expect(result.standard).toBe('3.0');
    expect(form.steps.map((s) => s.id)).toEqual([
      'S17000000100_allgemein',
      'G17000000010',
      'G17000000020',
      'G17000000040',
      'G17000000050',
      'G17000000060',
      'G17000000070',
    ]);
    expect(step(form, 'S17000000100_allgemein').fields[0]).toMatchObject({
      type: 'info',
      text: { de: 'Stellen Sie den Antrag spätestens vier Wochen vor der Veranstaltung.' },
    });
  });

  it('offers Wertelisten as radio buttons (few values) or a select list (many), keeping codes and names', () => {
    expect(field(form, 'F17000000002')).toMatchObject({
      type: 'radio',
      required: true,
      options: [
        { value: '01', label: { de: 'Erstantrag' } },
        { value: '02', label: { de: 'Änderung einer erteilten Erlaubnis' } },
        { value: '03', label: { de: 'Verlängerung' } },
      ],
    });
    expect(field(form, 'F17000000018')).toMatchObject({ type: 'select' });
    expect(field(form, 'F17000000018').options).toHaveLength(8);
    expect(field(form, 'F17000000022')).toMatchObject({ type: 'select', hint: { de: 'Informationsstand: Stände von Parteien, Vereinen und Initiativen' } });
    expect(field(form, 'F17000000031')).toMatchObject({ type: 'checkboxes' });
    expect(field(form, 'F17000000016')).toMatchObject({ type: 'yesno', required: true });
    expect(field(form, 'F17000000012')).toMatchObject({ type: 'text' });
    expect(notesAbout(notes, 'F17000000012')[0]).toMatchObject({
      key: 'xdatenfelder.field.codeListOnlyVersion',
      params: { list: 'urn:xoev-de:bmi:codeliste:staatsangehoerigkeit' },
    });
  });

  it('maps the precision given as attributes, files with their types and size, fixed and hidden fields', () => {
    expect(field(form, 'F17000000028')).toMatchObject({ type: 'integer', min: 1, max: 100000 });
    expect(field(form, 'F17000000041')).toMatchObject({ type: 'decimal', min: 0.5, max: 50000 });
    expect(field(form, 'F17000000023')).toMatchObject({ type: 'textarea', maxLength: 2000 });
    expect(field(form, 'F17000000026')).toMatchObject({ type: 'text', pattern: '([01][0-9]|2[0-3]):[0-5][0-9]' });
    expect(field(form, 'F17000000043')).toMatchObject({
      type: 'file',
      required: true,
      maxFiles: 3,
      maxBytes: 5000000,
      accept: ['application/pdf', 'image/jpeg', 'image/png'],
    });
    expect(notesAbout(notes, 'F17000000043')).toEqual([
      {
        key: 'xdatenfelder.field.mediaTypesAllowed',
        params: { label: 'Lageplan', types: 'application/vnd.ms-excel', allowed: 'application/pdf, image/jpeg, image/png' },
      },
    ]);
    expect(field(form, 'F17000000076')).toMatchObject({ type: 'money', compute: { cat: ['50.00'] } });
    expect(formState(form, {}).computed.F17000000076).toBe('50.00');
    expect(field(form, 'F17000000077')).toMatchObject({ type: 'info', text: { de: 'Ja' } });
    expect(allFields(form).some((f) => f.source?.id === 'F17000000003')).toBe(false);
    expect(notesAbout(notes, 'F17000000003')).toEqual([
      { key: 'xdatenfelder.field.hiddenWithContent', params: { label: 'Verfahrenskennung', content: 'SNE-VA' } },
    ]);
    expect(notesAbout(notes, 'F60000000228')).toEqual([{ key: 'xdatenfelder.field.prefillUnsupported', params: { label: 'Vorname', value: 'optional' } }]);
    expect(notesAbout(notes, 'F17000000025')).toEqual([
      {
        key: 'xdatenfelder.field.precisionDropped',
        params: { label: 'Letzter Veranstaltungstag', keys: 'minValue' },
        parts: { type: { key: 'xdatenfelder.type.date' } },
      },
    ]);
  });

  it('maps the free-text rules in the FIM sentence style', () => {
    // R17000000001: "WENN … = 02 … ODER … = 03 …, DANN aktiviere F… UND mache es zu einer Pflichtangabe."
    const change = formState(form, { F17000000002: '02' });
    expect(change.hiddenFields.has('F17000000004')).toBe(false);
    expect(change.requiredFields.has('F17000000004')).toBe(true);
    expect(formState(form, { F17000000002: '01' }).hiddenFields.has('F17000000004')).toBe(true);
    // R17000000002 shows the optional organisation group instead of an added yes/no question.
    expect(allFields(form).some((f) => f.id === 'G17000000011_angeben')).toBe(false);
    expect(formState(form, { F17000000016: 'nein' }).hiddenFields).toContain('F17000000017');
    expect(formState(form, { F17000000016: 'ja' }).requiredFields).toContain('F17000000017');
    // R17000000003: "nicht leer … muss … befüllt werden".
    expect(field(form, 'F17000000018').requiredIf).toEqual({ '!=': [{ var: 'F17000000019' }, null] });
    // R17000000004 and R17000000005: a ticked yes/no question named by its label; "= nein … deaktiviere".
    expect(formState(form, { F17000000029: 'ja' }).requiredFields).toContain('F17000000030');
    expect(formState(form, { F17000000029: 'nein' }).hiddenFields).toContain('F17000000030');
    // R17000000006: brackets, ODER, UND and a number comparison.
    const big = formState(form, { F17000000022: 'konzert', F17000000028: '5000' });
    expect(big.requiredFields).toContain('F17000000033');
    expect(formState(form, { F17000000022: 'markt', F17000000028: '5000' }).requiredFields).not.toContain('F17000000033');
    expect(formState(form, { F17000000022: 'konzert', F17000000028: '50' }).requiredFields).not.toContain('F17000000033');
  });

  it('computes inside a repeating group from the same entry', () => {
    expect(field(form, 'F17000000055').compute).toEqual({ '*': [{ var: 'F17000000053' }, { var: 'F17000000054' }] });
    const state = formState(form, { G17000000050: [{ F17000000051: 'stand', F17000000052: '1', F17000000053: '2.5', F17000000054: '4' }] });
    expect(state.computed['G17000000050.0.F17000000055']).toBe('10.00');
  });

  it('reports the rules and rule parts it cannot map', () => {
    expect(keysAbout(notes, 'R17000000009')).toEqual(['xdatenfelder.rule.notReadWithText']);
    expect(notesAbout(notes, 'R17000000010')).toEqual([
      expect.objectContaining({
        key: 'xdatenfelder.rule.notAppliedWithText',
        parts: { problem: { key: 'xdatenfelder.ruleProblem.notOption', params: { value: 'kirmes', id: 'F17000000022' } } },
      }),
    ]);
    expect(notesAbout(notes, 'R17000000011')).toEqual([
      {
        key: 'xdatenfelder.rule.partUnread',
        params: { rule: 'R17000000011', name: 'Ausschank', sentence: 'Eine Gaststättenerlaubnis ist gesondert zu beantragen' },
      },
    ]);
    expect(field(form, 'F17000000071')).toMatchObject({
      showIf: { '==': [{ var: 'F17000000032' }, true] },
      requiredIf: { '==': [{ var: 'F17000000032' }, true] },
    });
    expect(notesAbout(notes, 'R17000000012')[0].params).toMatchObject({ text: 'Der letzte Veranstaltungstag darf nicht vor dem ersten liegen.' });
    for (const id of ['R17000000001', 'R17000000002', 'R17000000003', 'R17000000004', 'R17000000005', 'R17000000006', 'R17000000007', 'R17000000008']) {
      expect(notesAbout(notes, id), id).toEqual([]);
    }
  });
});

// =====================================================================================================================

describe('mapping single data fields', () => {
  it.each([
    ['text', 'text'],
    ['date', 'date'],
    ['bool', 'yesno'],
    ['num', 'decimal'],
    ['num_int', 'integer'],
    ['num_currency', 'money'],
    ['file', 'file'],
  ])('Datentyp %s becomes %s without a note', (datentyp, type) => {
    const result = imported(flat(['1:1', dataField('F1', { datentyp })]));
    expect(result.form.steps[0].fields[0]).toMatchObject({ id: 'F1', type, required: true });
    expect(result.notes).toEqual([]);
  });

  it.each([
    ['obj', 'file', { key: 'xdatenfelder.field.object', params: { label: 'Feld F1' } }],
    ['time', 'text', { key: 'xdatenfelder.field.time', params: { label: 'Feld F1' } }],
    ['datetime', 'text', { key: 'xdatenfelder.field.datetime', params: { label: 'Feld F1' } }],
    ['text_latin', 'text', { key: 'xdatenfelder.field.latinOnly', params: { label: 'Feld F1' } }],
    ['geo', 'text', { key: 'xdatenfelder.field.unknownType', params: { label: 'Feld F1', value: 'geo' } }],
  ])('Datentyp %s becomes %s with a note', (datentyp, type, note) => {
    const result = imported(flat(['0:1', dataField('F1', { datentyp })]));
    expect(result.form.steps[0].fields[0].type).toBe(type);
    expect(notesAbout(result.notes, 'F1')).toEqual([note]);
  });

  it('an unknown Feldart is read as input and reported; hidden fields are left out and reported', () => {
    const result = imported(flat(['1:1', dataField('F1', { feldart: 'slider' })], ['1:1', dataField('F2', { feldart: 'hidden' })]));
    expect(result.form.steps[0].fields.map((f) => [f.id, f.type])).toEqual([['F1', 'text']]);
    expect(notesAbout(result.notes, 'F1')).toEqual([{ key: 'xdatenfelder.field.unknownKind', params: { value: 'slider' } }]);
    expect(notesAbout(result.notes, 'F2')).toEqual([{ key: 'xdatenfelder.field.hidden', params: { label: 'Feld F2' } }]);
  });

  it('a Werteliste of up to five values gives radio buttons, more a select list; duplicate codes are reported', () => {
    const werte = (n: number, extra = '') =>
      `<xdf:vorbefuellung><code>keine</code></xdf:vorbefuellung><xdf:werte>${Array.from({ length: n }, (_, i) => `<xdf:wert><xdf:code>c${i}</xdf:code><xdf:name>Wert ${i}</xdf:name></xdf:wert>`).join('')}${extra}</xdf:werte>`;
    const result = imported(
      flat(
        ['1:1', dataField('F1', { feldart: 'select', extra: werte(5) })],
        ['1:1', dataField('F2', { feldart: 'select', extra: werte(6) })],
        ['0:1', dataField('F3', { feldart: 'select', extra: werte(2, '<xdf:wert><xdf:code>c0</xdf:code><xdf:name>noch einmal</xdf:name></xdf:wert>') })],
      ),
    );
    const [f1, f2, f3] = result.form.steps[0].fields;
    expect([f1.type, f2.type, f3.type]).toEqual(['radio', 'select', 'radio']);
    expect(f3.options).toEqual([
      { value: 'c0', label: { de: 'Wert 0' } },
      { value: 'c1', label: { de: 'Wert 1' } },
    ]);
    expect(notesAbout(result.notes, 'F3')).toEqual([{ key: 'xdatenfelder.field.duplicateCode', params: { label: 'Feld F3', code: 'c0' } }]);
  });

  it('several answers: choices become checkboxes, files several files, other fields a list of entries', () => {
    const werte =
      '<xdf:werte><xdf:wert><xdf:code>a</xdf:code><xdf:name>A</xdf:name></xdf:wert><xdf:wert><xdf:code>b</xdf:code><xdf:name>B</xdf:name></xdf:wert><xdf:wert><xdf:code>c</xdf:code><xdf:name>C</xdf:name></xdf:wert></xdf:werte>';
    const result = imported(
      flat(
        ['2:2', dataField('F1', { feldart: 'select', extra: werte })],
        ['0:4', dataField('F2', { datentyp: 'file' })],
        ['1:3', dataField('F3', { datentyp: 'date', label: 'Termin' })],
      ),
    );
    const [f1, f2, f3] = result.form.steps[0].fields;
    expect(f1).toMatchObject({ type: 'checkboxes', required: true, minSelected: 2, maxSelected: 2 });
    expect(f2).toMatchObject({ type: 'file', maxFiles: 4 });
    expect(f2.required).toBeUndefined();
    expect(f3).toMatchObject({
      id: 'F3',
      type: 'group',
      minItems: 1,
      maxItems: 3,
      itemLabel: { de: 'Termin' },
      fields: [{ id: 'F3_eintrag', type: 'date', required: true }],
    });
    expect(result.notes).toEqual([]);
  });

  it('applies the precision where it fits the type and reports the rest', () => {
    const precision = (attrs: string) => `<xdf:praezisierung ${attrs}/>`;
    const result = imported(
      flat(
        ['1:1', dataField('F1', { extra: precision('minLength="2" maxLength="300"') })],
        ['1:1', dataField('F2', { extra: precision('pattern="[A-Z]{2}"') })],
        ['1:1', dataField('F3', { extra: precision('pattern="[a-z" minLength="9" maxLength="3"') })],
        ['1:1', dataField('F4', { datentyp: 'num_int', extra: precision('minValue="1,5" maxValue="10"') })],
        ['1:1', dataField('F5', { datentyp: 'num', extra: precision('minValue="10" maxValue="1" maxLength="4"') })],
        ['1:1', dataField('F6', { datentyp: 'bool', extra: precision('maxLength="1"') })],
      ),
    );
    const byId = Object.fromEntries(result.form.steps[0].fields.map((f) => [f.id, f]));
    expect(byId.F1).toMatchObject({ type: 'textarea', minLength: 2, maxLength: 300 });
    expect(byId.F2).toMatchObject({ type: 'text', pattern: '[A-Z]{2}' });
    expect(byId.F3.pattern).toBeUndefined();
    expect([byId.F3.minLength, byId.F3.maxLength]).toEqual([undefined, undefined]);
    expect(notesAbout(result.notes, 'F3')).toEqual([
      { key: 'xdatenfelder.field.lengthsCrossed', params: { label: 'Feld F3', min: 9, max: 3 } },
      {
        key: 'xdatenfelder.field.patternRefused',
        params: { label: 'Feld F3' },
        parts: { problem: { key: 'forms.pattern.invalid', params: { pattern: '[a-z', detail: expect.any(String) } } },
      },
    ]);
    expect(byId.F4).toMatchObject({ type: 'integer', max: 10 });
    expect(notesAbout(result.notes, 'F4')).toEqual([
      {
        key: 'xdatenfelder.field.valueNotForType',
        params: { label: 'Feld F4', value: '1,5', name: 'minValue' },
        parts: { type: { key: 'xdatenfelder.type.integer' } },
      },
    ]);
    expect(notesAbout(result.notes, 'F5')).toEqual([
      { key: 'xdatenfelder.field.rangeCrossed', params: { label: 'Feld F5', min: 10, max: 1 } },
      {
        key: 'xdatenfelder.field.precisionDropped',
        params: { label: 'Feld F5', keys: 'minLength/maxLength' },
        parts: { type: { key: 'xdatenfelder.type.decimal' } },
      },
    ]);
    expect(notesAbout(result.notes, 'F6')).toEqual([
      { key: 'xdatenfelder.field.precisionDropped', params: { label: 'Feld F6', keys: 'maxLength' }, parts: { type: { key: 'xdatenfelder.type.yesno' } } },
    ]);
  });

  it('reads the v2 precision as JSON and reports keys and text it does not know', () => {
    const v2 = (praezisierung: string) => sample('v2/simple.xml').replace('{"minLength":"1","maxLength":"120"}', praezisierung);
    expect(imported(v2('{"maxLength":"80","pattern":"[A-Za-z ]+"}')).form.steps[0].fields[0]).toMatchObject({ maxLength: 80, pattern: '[A-Za-z ]+' });
    expect(notesAbout(imported(v2('{"maxLength":"80","einheit":"cm"}')).notes, 'F60000227')).toEqual([
      { key: 'xdatenfelder.field.precisionUnknownKeys', params: { label: 'Familienname', keys: 'einheit' } },
    ]);
    expect(notesAbout(imported(v2('höchstens 80 Zeichen')).notes, 'F60000227')).toEqual([
      { key: 'xdatenfelder.field.precisionFreeText', params: { label: 'Familienname', text: 'höchstens 80 Zeichen' } },
    ]);
  });

  it('makes valid, unique field ids from any FIM id', () => {
    const result = imported(flat(['1:1', dataField('F-12.3')], ['1:1', dataField('9000')], ['1:1', dataField('F-12.3')]));
    expect(result.form.steps[0].fields.map((f) => [f.id, f.source?.id])).toEqual([
      ['F_12_3', 'F-12.3'],
      ['f_9000', '9000'],
      ['F_12_3_2', 'F-12.3'],
    ]);
  });

  it('reports empty groups, choice groups and unknown codes instead of passing over them', () => {
    const result = imported(
      schema(
        [
          within('1:1', dataGroup('G1', 'Leer', '')),
          within(
            '1:1',
            dataGroup(
              'G2',
              'Person',
              within('0:3', dataGroup('G3', 'Auch leer', '')) +
                within('1:1', dataField('F1', { extra: '<xdf:vorbefuellung><code>sofort</code></xdf:vorbefuellung>' })),
              '<xdf:art><code>X</code></xdf:art>',
            ),
          ),
          within(
            '1:1',
            dataGroup(
              'G4',
              'Sonstiges',
              within('1:1', dataField('F2')),
              `<xdf:art><code>Q</code></xdf:art>${rule('R1', 'F2 ist Pflicht.').replace('<code>K</code>', '<code>Z</code>')}`,
            ),
          ),
        ].join(''),
      ),
    );
    expect(result.form.steps.map((s) => s.id)).toEqual(['G2', 'G4']);
    expect(result.notes).toEqual([
      { path: 'F1', key: 'xdatenfelder.note.unknownPrefill', params: { value: 'sofort' } },
      { path: 'R1', key: 'xdatenfelder.note.unknownRuleType', params: { value: 'Z' } },
      { path: 'G2', key: 'xdatenfelder.group.choice', params: { label: 'Person' } },
      { path: 'G3', key: 'xdatenfelder.group.empty', params: { label: 'Auch leer' } },
      { path: 'G4', key: 'xdatenfelder.group.unknownKind', params: { value: 'Q' } },
      { path: 'G1', key: 'xdatenfelder.group.noStep', params: { label: 'Leer' } },
    ]);
  });

  it('a locked field with content is a computed value; without content an ordinary field', () => {
    const result = imported(
      flat(
        ['1:1', dataField('F1', { feldart: 'locked', datentyp: 'text', extra: '<xdf:inhalt>Landkreis Musterstadt</xdf:inhalt>' })],
        ['1:1', dataField('F2', { feldart: 'locked', datentyp: 'num_int' })],
      ),
    );
    expect(result.form.steps[0].fields.map(({ id, type, compute, required }) => ({ id, type, compute, required }))).toEqual([
      { id: 'F1', type: 'text', compute: { cat: ['Landkreis Musterstadt'] }, required: undefined },
      { id: 'F2', type: 'integer', compute: undefined, required: true },
    ]);
    expect(notesAbout(result.notes, 'F1')).toEqual([
      { key: 'xdatenfelder.field.lockedComputed', params: { label: 'Feld F1', content: 'Landkreis Musterstadt' } },
    ]);
    expect(notesAbout(result.notes, 'F2')).toEqual([{ key: 'xdatenfelder.field.lockedEmpty', params: { label: 'Feld F2' } }]);
  });
});

// =====================================================================================================================

describe('mapping rules', () => {
  const three = (ruleXml: string) =>
    flat(
      ['1:1', dataField('F1', { datentyp: 'text', label: 'Art' })],
      ['0:1', dataField('F2', { datentyp: 'text', label: 'Grund', extra: ruleXml })],
      ['0:1', dataField('F3', { datentyp: 'num_int', label: 'Anzahl' })],
    );

  it.each([
    ["WENN F1 = 'gewerblich', DANN aktiviere F2 UND mache es zu einer Pflichtangabe.", { showIf: true, requiredIf: true }],
    ["F2 ist Pflicht, wenn F1 = 'gewerblich'.", { requiredIf: true }],
    ["Pflichtangabe, wenn F1 'Art' = 'gewerblich'.", { requiredIf: true }],
    ["Nur anzeigen, wenn F1 = 'gewerblich'.", { showIf: true }],
    ["Wenn im Feld F1 'gewerblich' ausgewählt wurde, dann wird F2 angezeigt.", { showIf: true }],
    ["Falls F1 gleich 'gewerblich' ist, muss F2 befüllt werden.", { requiredIf: true }],
    ["if (F1 == 'gewerblich') { F2 ist Pflicht }", { requiredIf: true }],
    ["WENN F1 ungleich 'gewerblich', DANN blende F2 aus.", { showIf: true }],
  ] as Array<[string, { showIf?: boolean; requiredIf?: boolean }]>)('%s', (text, expected) => {
    const { form, notes } = imported(three(rule('R1', text)));
    expect(notes).toEqual([]);
    const f2 = field(form, 'F2');
    expect({ showIf: f2.showIf !== undefined || undefined, requiredIf: f2.requiredIf !== undefined || undefined }).toEqual({
      showIf: undefined,
      requiredIf: undefined,
      ...expected,
    });
    const on = formState(form, { F1: 'gewerblich' });
    const off = formState(form, { F1: 'privat' });
    if (expected.showIf) expect([on.hiddenFields.has('F2'), off.hiddenFields.has('F2')]).toEqual([false, true]);
    if (expected.requiredIf) expect([on.requiredFields.has('F2'), off.requiredFields.has('F2')]).toEqual([true, false]);
  });

  it('compares numbers as numbers and understands German comparison words', () => {
    const { form } = imported(three(rule('R1', 'WENN F3 größer als 10 ODER F3 mindestens 5 UND F1 ist leer, DANN ist F2 Pflicht.')));
    expect(field(form, 'F2').requiredIf).toEqual({
      or: [{ '>': [{ var: 'F3' }, 10] }, { and: [{ '>=': [{ var: 'F3' }, 5] }, { '!': [{ '!=': [{ var: 'F1' }, null] }] }] }],
    });
    expect(formState(form, { F3: '11', F1: 'x' }).requiredFields.has('F2')).toBe(true);
    expect(formState(form, { F3: '6' }).requiredFields.has('F2')).toBe(true);
    expect(formState(form, { F3: '6', F1: 'x' }).requiredFields.has('F2')).toBe(false);
  });

  it('a rule without a condition makes a field required; hiding without one is reported', () => {
    const required = imported(three(rule('R1', 'F2 ist eine Pflichtangabe.')));
    expect(field(required.form, 'F2')).toMatchObject({ required: true });
    expect(required.notes).toEqual([]);
    const hidden = imported(three(rule('R1', 'F2 wird ausgeblendet.')));
    expect(field(hidden.form, 'F2').showIf).toBeUndefined();
    expect(notesAbout(hidden.notes, 'R1')).toEqual([
      {
        key: 'xdatenfelder.rule.notAppliedWithText',
        params: { rule: 'R1', name: 'Regel R1', text: 'F2 wird ausgeblendet.' },
        parts: { problem: { key: 'xdatenfelder.ruleProblem.hideAlways' } },
      },
    ]);
  });

  it('refuses a calculation that reads its own result', () => {
    const { form, notes } = imported(three(rule('R1', 'Anzahl aus Art', 'F3 = (F3 + 2) * 3')));
    expect(notes).toEqual([
      expect.objectContaining({ path: 'R1', parts: { problem: { key: 'xdatenfelder.ruleProblem.cycle', params: { cycle: 'F3 → F3' } } } }),
    ]);
    expect(field(form, 'F3').compute).toBeUndefined();
  });

  it('refuses rules that would make a cycle or point at themselves, and leaves the form unchanged', () => {
    const cyclic = imported(
      flat(
        ['0:1', dataField('F1', { extra: rule('R1', 'Wenn F2 befüllt ist, wird F1 angezeigt.') })],
        ['0:1', dataField('F2', { extra: rule('R2', 'Wenn F1 befüllt ist, wird F2 angezeigt.') })],
      ),
    );
    expect(field(cyclic.form, 'F1').showIf).toEqual({ '!=': [{ var: 'F2' }, null] });
    expect(field(cyclic.form, 'F2').showIf).toBeUndefined();
    expect(notesAbout(cyclic.notes, 'R2')[0].parts).toEqual({ problem: { key: 'xdatenfelder.ruleProblem.cycle', params: { cycle: 'F1 → F2 → F1' } } });
    const self = imported(flat(['0:1', dataField('F1', { extra: rule('R1', 'Wenn F1 nicht leer ist, dann muss F1 befüllt werden.') })]));
    expect(field(self.form, 'F1').requiredIf).toBeUndefined();
    expect(notesAbout(self.notes, 'R1')[0].parts).toEqual({ problem: { key: 'xdatenfelder.ruleProblem.selfDependent', params: { id: 'F1' } } });
  });

  it('does not reach into a repeating group from outside, and reports values a choice does not have', () => {
    const werte =
      '<xdf:werte><xdf:wert><xdf:code>01</xdf:code><xdf:name>Hund</xdf:name></xdf:wert><xdf:wert><xdf:code>02</xdf:code><xdf:name>Katze</xdf:name></xdf:wert></xdf:werte>';
    const result = imported(
      schema(
        [
          within('0:1', dataField('F1', { extra: rule('R1', 'Wenn F2 = 1, dann ist F1 Pflicht.') })),
          within(
            '0:1',
            dataField('F4', {
              feldart: 'select',
              extra: werte + rule('R2', "Wenn F4 = 'Katze', dann ist F1 Pflicht.") + rule('R3', "Wenn F4 = 'Maus', dann ist F1 Pflicht."),
            }),
          ),
          within('0:5', dataGroup('G1', 'Tiere', within('1:1', dataField('F2', { datentyp: 'num_int' })))),
        ].join(''),
      ),
    );
    expect(notesAbout(result.notes, 'R1')[0].parts).toEqual({
      problem: { key: 'xdatenfelder.ruleProblem.operandInRepeat', params: { id: 'F2', target: 'F1' } },
    });
    // A value may be named by its name in the Werteliste; the code is used.
    expect(field(result.form, 'F1').requiredIf).toEqual({ '==': [{ var: 'F4' }, '02'] });
    expect(notesAbout(result.notes, 'R3')[0].parts).toEqual({ problem: { key: 'xdatenfelder.ruleProblem.notOption', params: { value: 'Maus', id: 'F4' } } });
  });

  it('chooses the occurrence of a reused field nearest to the rule', () => {
    const address = (rules = '') =>
      dataGroup('G9', 'Anschrift', within('0:1', dataField('F9', { label: 'Straße' })) + within('0:1', dataField('F8', { label: 'Ort' })), rules);
    const result = imported(
      schema(
        [
          within('1:1', dataGroup('G1', 'Wohnort', within('1:1', address()))),
          within('1:1', dataGroup('G2', 'Arbeitsort', within('1:1', address(rule('R1', 'Wenn F9 befüllt ist, dann ist F8 Pflicht.'))))),
        ].join(''),
      ),
    );
    expect(result.notes).toEqual([]);
    expect(field(result.form, 'F8_2').requiredIf).toEqual({ '!=': [{ var: 'F9_2' }, null] });
    expect(field(result.form, 'F8').requiredIf).toBeUndefined();
  });
});

// =====================================================================================================================

describe('refusing what is not an XDatenfelder message', () => {
  const at = (line: number, column: number) => ({ line, column });
  it.each([
    ['', { key: 'xdatenfelder.file.empty' }],
    ['hallo', { key: 'xdatenfelder.xml.unexpectedChar', params: { ...at(1, 1), char: 'h' } }],
    [
      '<?xml version="1.0"?>\n<a>\n  <b>\n</a>',
      { key: 'xdatenfelder.xml.closingMismatch', params: { ...at(4, 1), expected: 'b', found: 'a', openLine: 3, openColumn: 3 } },
    ],
    ['<a x="1" x="2"/>', { key: 'xdatenfelder.xml.attributeRepeated', params: { ...at(1, 10), name: 'x' } }],
    ['<a><b></b>', { key: 'xdatenfelder.xml.unclosed', params: { ...at(1, 1), name: 'a' } }],
    ['<?xml version="1.0"?>', { key: 'xdatenfelder.xml.startTagExpectedAtLine', params: { line: 1 } }],
    ['<a/><b/>', { key: 'xdatenfelder.file.severalRoots', params: { element: 'b', ...at(1, 5) } }],
    ['<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', { key: 'xdatenfelder.file.doctype', params: at(1, 1) }],
    ['<html><body/></html>', { key: 'xdatenfelder.message.notXDatenfelder', params: { element: 'html', ...at(1, 1) } }],
    [
      '<xdatenfelder.stammdatenschema.0102/>',
      { key: 'xdatenfelder.message.noNamespace', params: { element: 'xdatenfelder.stammdatenschema.0102', ...at(1, 1) } },
    ],
  ])('%j', (xml, reason) => {
    expect(refusedOwn(xml)).toEqual(reason);
  });

  it('hands on the XML parser’s own message as the detail of a refusal', () => {
    expect(refused('<a><b></b>').params?.detail).toBe("Unclosed tag 'a'.");
  });

  it('refuses a message of another kind, and a schema message without its schema', () => {
    expect(refused('<x:xdatenfelder.codeliste.0105 xmlns:x="urn:xoev-de:fim:standard:xdatenfelder_2"/>')).toEqual({
      key: 'xdatenfelder.message.noBody',
      params: { element: 'x:xdatenfelder.codeliste.0105' },
    });
    expect(
      refused('<x:xdatenfelder.stammdatenschema.0102 xmlns:x="urn:xoev-de:fim:standard:xdatenfelder_2"><x:header/></x:xdatenfelder.stammdatenschema.0102>'),
    ).toEqual({
      key: 'xdatenfelder.message.schemaMissing',
      params: { element: 'x:xdatenfelder.stammdatenschema.0102', body: 'stammdatenschema', ...at(1, 1) },
    });
  });

  it('refuses elements without their required children, with the element and position', () => {
    const position = { line: expect.any(Number), column: expect.any(Number) };
    const noIdent = flat(['1:1', dataField('F1').replace(/<xdf:identifikation>.*?<\/xdf:identifikation>/s, '')]);
    expect(refused(noIdent)).toEqual({
      key: 'xdatenfelder.message.requiredMissing',
      params: { element: 'xdf:datenfeld', name: 'identifikation', ...at(10, 61) },
    });
    const noType = flat(['1:1', dataField('F1').replace(/<xdf:datentyp>.*?<\/xdf:datentyp>/s, '')]);
    expect(refused(noType)).toEqual({ key: 'xdatenfelder.message.requiredMissing', params: { element: 'xdf:datenfeld', name: 'datentyp', ...position } });
    const noCode = flat(['1:1', dataField('F1').replace('<code>input</code>', '')]);
    expect(refused(noCode)).toEqual({ key: 'xdatenfelder.message.noCode', params: { element: 'xdf:feldart', ...position } });
    expect(refused(flat(['eins', dataField('F1')]))).toEqual({
      key: 'xdatenfelder.message.invalidCount',
      params: { value: 'eins', element: 'xdf:anzahl', ...position },
    });
    expect(refused(flat(['2:1', dataField('F1')]))).toEqual({
      key: 'xdatenfelder.message.invalidCountRange',
      params: { value: '2:1', element: 'xdf:anzahl', ...position },
    });
    expect(refused(schema(within('1:1', dataField('F1') + dataField('F2'))))).toEqual({
      key: 'xdatenfelder.message.repeatedElement',
      params: { element: 'xdf:datenfeld', parent: 'xdf:enthaelt', ...position },
    });
    const containsOne = { key: 'xdatenfelder.message.containsOne', params: { element: 'xdf:enthaelt', ...position } };
    expect(refused(schema(within('1:1', dataField('F1') + dataGroup('G1', 'Gruppe', ''))))).toEqual(containsOne);
    expect(refused(schema('<xdf:struktur><xdf:anzahl>1:1</xdf:anzahl><xdf:enthaelt/></xdf:struktur>'))).toEqual(containsOne);
    expect(refused(flat(['1:1', dataField('F1', { extra: '<xdf:werte><xdf:wert><xdf:name>ohne Code</xdf:name></xdf:wert></xdf:werte>' })]))).toEqual({
      key: 'xdatenfelder.message.valueWithoutCode',
      params: position,
    });
  });

  it('refuses a rule whose targets name an element the message does not have', () => {
    const withTarget = (id: string) =>
      flat([
        '0:1',
        dataField('F1', { extra: rule('R1', 'F1 ist Pflicht.').replace('<xdf:typ>', `<xdf:ziel><xdf:element>${id}</xdf:element></xdf:ziel><xdf:typ>`) }),
      ]);
    expect(importXDatenfelder(withTarget('F1')).ok).toBe(true);
    expect(refused(withTarget('F77'))).toEqual({
      key: 'xdatenfelder.message.unknownReference',
      params: { rule: 'R1', id: 'F77', line: expect.any(Number), column: expect.any(Number) },
    });
  });

  it('never throws, whatever it is given', () => {
    const big = fixture('v3-sondernutzung-veranstaltung.xml');
    for (let end = 0; end < big.length; end += 211) {
      const result = importXDatenfelder(big.slice(0, end));
      expect(typeof result.ok).toBe('boolean');
      if (!result.ok) expect(result.refusal.key).toMatch(/^xdatenfelder\.(file|xml|message)\./);
    }
    for (const odd of [null, undefined, 42, {}, '\u0000', '<', '<a', ']]>', '<?xml version="1.0"?>']) {
      expect(importXDatenfelder(odd as unknown as string).ok).toBe(false);
    }
  });
});

describe('the bytes of an uploaded file', () => {
  const latin1 = (text: string) => Buffer.from(text, 'latin1');

  it('are read as UTF-8, or in the Latin-1 family the declaration names', () => {
    expect(decodeXml(Buffer.from('<a>Gebühr</a>', 'utf8'))).toBe('<a>Gebühr</a>');
    expect(decodeXml(latin1('<?xml version="1.0" encoding="ISO-8859-1"?><a>Gebühr</a>'))).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>Gebühr</a>');
    expect(decodeXml(latin1("<?xml version='1.0' encoding='windows-1252'?><a>Straße</a>"))).toContain('<a>Straße</a>');
  });

  it('are refused as unreadable when neither UTF-8 nor declared otherwise', () => {
    expect(decodeXml(latin1('<a>Gebühr</a>'))).toBeUndefined();
    expect(decodeXml(latin1('<?xml version="1.0" encoding="Shift_JIS"?><a>Gebühr</a>'))).toBeUndefined();
    expect(importXDatenfelderFile(latin1('<a>Gebühr</a>'))).toEqual({ ok: false, refusal: { key: 'studio.import.encoding' } });
  });

  it('are imported like the text they decode to', () => {
    const xml = flat(['1:1', dataField('F1', { label: 'Vorname' })]);
    const fromFile = importXDatenfelderFile(Buffer.from(xml, 'utf8'));
    expect(fromFile).toEqual(importXDatenfelder(xml));
    expect(fromFile.ok).toBe(true);
    expect(importXDatenfelderFile(Buffer.from('<nicht geschlossen', 'utf8'))).toMatchObject({
      ok: false,
      refusal: { key: expect.stringMatching(/^xdatenfelder\.xml\./) },
    });
  });
});

describe('the texts of notes and refusals', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('use the same placeholders in German and English', () => {
    for (const [key, german] of Object.entries(xdatenfelderDe)) {
      expect(placeholders(xdatenfelderEn[key as keyof typeof xdatenfelderDe]), key).toEqual(placeholders(german));
    }
  });

  it('give every placeholder of a note its value, parts translated first', () => {
    const result = imported(fixture('v3-input-corrected.xml'));
    for (const locale of ['de', 'en'] as const) {
      const t = translator(locale);
      for (const note of result.notes) {
        const parts = Object.fromEntries(Object.entries(note.parts ?? {}).map(([name, part]) => [name, t(part.key, part.params)]));
        expect(t(note.key, { ...note.params, ...parts }), note.key).not.toMatch(/\{\w+\}/);
      }
    }
    const dropped = result.notes.find((n) => n.key === 'xdatenfelder.field.precisionDropped')!;
    const de = translator('de');
    expect(de(dropped.key, { ...dropped.params, type: de(dropped.parts!.type.key) })).toBe(
      'Die Präzisierung minValue/maxValue gilt nicht für „Straße“ (Textfeld) und wurde nicht übernommen.',
    );
  });
});
