import { describe, expect, it } from 'vitest';
import { BUILT_IN, FEE_PAYMENT } from './builtins.ts';
import { definitionFromForm, formFromBody, inputOf, toForm } from './editor.ts';

describe("the editor's form", () => {
  it.each(BUILT_IN.map((w) => [w.key, w] as const))('%s: the form gives back the same definition', (_key, def) => {
    const { definition, problems } = definitionFromForm(toForm(def), def.key);
    expect(problems).toEqual([]);
    expect(definition).toEqual(def);
  });

  it('reads numbered rows with gaps in order, repeated checkboxes as lists, and keeps what cannot be a number as typed', () => {
    const form = formFromBody({
      name_de: 'Test',
      initial: 'a',
      s0_id: 'a',
      s0_label_de: 'A',
      s0_phase: 'received',
      s0_deadline_days: 'zehn',
      s3_id: 'b',
      s3_label_de: 'B',
      s3_phase: 'closed',
      s3_final: 'ja',
      t0_id: 'weiter',
      t0_label_de: 'Weiter',
      t0_from: 'a',
      t0_to: 'b',
      t0_roles: ['sachbearbeitung', 'leitung'],
      t0_guards: 'assigned',
      t0_effect: 'decide',
      t0_fields: 'grund; Grund; text; pflicht\nam; Datum; datum',
    });
    expect(form.states.map((s) => s.id)).toEqual(['a', 'b']);
    expect(form.states[0]!.deadline_days).toBe('zehn');
    const { definition, problems } = definitionFromForm(form, 'test');
    expect(problems).toEqual([]);
    expect(definition.states[0]!.deadline!.days).toBeNaN();
    expect(definition.states[1]!.final).toBe(true);
    expect(definition.transitions[0]).toEqual({
      id: 'weiter',
      from: 'a',
      to: 'b',
      label: { de: 'Weiter' },
      roles: ['sachbearbeitung', 'leitung'],
      guards: [{ kind: 'assigned' }],
      effect: 'decide',
      fields: [
        { id: 'grund', label: { de: 'Grund' }, type: 'text', required: true },
        { id: 'am', label: { de: 'Datum' }, type: 'date', required: false },
      ],
    });
  });

  it('refuses an input line it cannot read, naming the line', () => {
    const form = toForm(FEE_PAYMENT);
    form.transitions[0]!.fields = 'nur eine Angabe';
    expect(definitionFromForm(form, 'gebuehr').problems).toEqual([
      { path: '/transitions/0/fields', key: 'workflows.problem.fieldLine', params: { line: 'nur eine Angabe' } },
    ]);
  });

  it("puts each problem beside its input: the path's row and field as the input's id", () => {
    expect(inputOf('/states/2/deadline/days')).toBe('s2-deadline_days');
    expect(inputOf('/states/4/label/de')).toBe('s4-label_de');
    expect(inputOf('/transitions/3/guards/0')).toBe('t3-guards');
    expect(inputOf('/transitions/1/timerDays')).toBe('t1-timer_days');
    expect(inputOf('/roles/0/id')).toBe('r0-id');
    expect(inputOf('/name/de')).toBe('name_de');
    expect(inputOf('/states')).toBe('states');
    expect(inputOf('')).toBe('top');
  });
});
