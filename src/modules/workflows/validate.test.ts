import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { BUILT_IN, STANDARD } from './builtins.ts';
import type { WorkflowDefinition } from './schema.ts';
import { validateWorkflow } from './validate.ts';

const copy = (): WorkflowDefinition => structuredClone(STANDARD);
const t = translator('de');
const keys = (def: WorkflowDefinition, formFields?: string[]) => validateWorkflow(def, { formFields }).map((p) => `${p.path} ${p.key}`);
const messages = (def: WorkflowDefinition) => validateWorkflow(def).map((p) => t(p.key as never, p.params));

describe('the built-in workflows', () => {
  it.each(BUILT_IN.map((w) => [w.key, w] as const))('%s passes every check', (_key, def) => {
    expect(validateWorkflow(def)).toEqual([]);
  });
});

describe('structure', () => {
  it('refuses ids that are no slugs, and ids used twice', () => {
    const def = copy();
    def.key = 'Standard Ablauf';
    def.states[1]!.id = 'In Prüfung';
    def.states[2]!.id = 'eingang';
    def.transitions[1]!.id = 'uebernehmen';
    def.roles.push({ id: 'sachbearbeitung', label: { de: 'Noch einmal' } });
    expect(keys(def)).toEqual(
      expect.arrayContaining([
        '/key workflows.problem.keyFormat',
        '/states/1/id workflows.problem.stateId',
        '/states/2/id workflows.problem.stateIdTwice',
        '/transitions/1/id workflows.problem.transitionIdTwice',
        '/roles/1/id workflows.problem.roleIdTwice',
      ]),
    );
    expect(messages(def)).toContain('Den Zustand „eingang“ gibt es zweimal. Jeder Zustand braucht eine eigene Kennung.');
  });

  it('refuses a key the studio uses for a page of its own', () => {
    const def = copy();
    def.key = 'import';
    expect(keys(def)).toContain('/key workflows.problem.keyReserved');
    expect(messages(def)).toContain('Der Kurzname „import“ ist für eine Seite des Studios vergeben. Bitte wählen Sie einen anderen Kurznamen.');
  });

  it('refuses missing labels and an unknown phase', () => {
    const def = copy();
    def.name = { de: ' ' };
    def.states[0]!.label = { de: '' };
    def.transitions[0]!.label = { de: '' };
    (def.states[1] as { phase: string }).phase = 'irgendwas';
    expect(keys(def)).toEqual([
      '/name/de workflows.problem.nameMissing',
      '/states/0/label/de workflows.problem.stateLabel',
      '/states/1/phase workflows.problem.phase',
      '/transitions/0/label/de workflows.problem.transitionLabel',
    ]);
  });

  it('refuses an initial state, from or to that does not exist', () => {
    const def = copy();
    def.initial = 'anfang';
    def.transitions[0]!.from = 'nirgends';
    def.transitions[0]!.to = 'woanders';
    expect(keys(def)).toEqual([
      '/initial workflows.problem.initialUnknown',
      '/transitions/0/from workflows.problem.fromUnknown',
      '/transitions/0/to workflows.problem.toUnknown',
    ]);
  });

  it('refuses a timer without days and deadlines that are not positive', () => {
    const def = copy();
    delete def.transitions.find((x) => x.trigger === 'timer')!.timerDays;
    def.states[0]!.deadline = { days: 0, from: 'entered' };
    def.states[1]!.deadline = { days: 14, from: 'complete', warnDays: 14 };
    expect(keys(def)).toEqual([
      '/states/0/deadline/days workflows.problem.deadlineDays',
      '/states/1/deadline/warnDays workflows.problem.warnTooLong',
      '/transitions/4/timerDays workflows.problem.timerDays',
    ]);
    expect(messages(def)).toContain('Die Frist ist eine ganze Zahl von Tagen, mindestens 1, zum Beispiel 14.');
  });

  it('refuses guards naming a transition or a form field that does not exist', () => {
    const def = copy();
    def.transitions[5]!.guards = [
      { kind: 'otherThan', transition: 'gibt-es-nicht' },
      { kind: 'answered', field: 'hundename' },
    ];
    expect(keys(def)).toEqual(['/transitions/5/guards/0 workflows.problem.otherThanUnknown']);
    expect(keys(def, ['vorname', 'nachname'])).toEqual([
      '/transitions/5/guards/0 workflows.problem.otherThanUnknown',
      '/transitions/5/guards/1 workflows.problem.answeredUnknown',
    ]);
    expect(keys(def, ['hundename'])).toEqual(['/transitions/5/guards/0 workflows.problem.otherThanUnknown']);
  });

  it('refuses a role a transition names but the workflow does not declare', () => {
    const def = copy();
    def.transitions[5]!.roles = ['leitung'];
    expect(keys(def)).toEqual(['/transitions/5/roles workflows.problem.roleUndeclared']);
    expect(messages(def)).toEqual([
      'Der Übergang „Entscheiden“ nennt die Rolle „leitung“, die der Ablauf nicht kennt. Legen Sie die Rolle an oder wählen Sie eine andere.',
    ]);
  });

  it('refuses a transition taken by hand without a role', () => {
    const def = copy();
    def.transitions[0]!.roles = [];
    expect(messages(def)).toEqual(['Den Übergang „Übernehmen“ nimmt jemand von Hand: Bitte wählen Sie mindestens eine Rolle, die ihn nehmen darf.']);
  });

  it('refuses input fields of a transition without id, label or a known type', () => {
    const def = copy();
    def.transitions[5]!.fields = [
      { id: 'Grund!', label: { de: '' }, type: 'text', required: true },
      { id: 'datum', label: { de: 'Datum' }, type: 'uhrzeit' as never, required: false },
    ];
    expect(keys(def)).toEqual([
      '/transitions/5/fields/0/id workflows.problem.fieldId',
      '/transitions/5/fields/0/label/de workflows.problem.fieldLabel',
      '/transitions/5/fields/1/type workflows.problem.fieldType',
    ]);
  });
});

describe('the graph', () => {
  it('refuses a state that cannot be reached from the initial state', () => {
    const def = copy();
    def.states.splice(4, 0, { id: 'archiv', label: { de: 'Im Archiv' }, phase: 'closed', final: true });
    expect(messages(def)).toEqual([
      'Der Zustand „Im Archiv“ ist vom Anfangszustand aus nicht erreichbar. Führen Sie einen Übergang zu ihm oder entfernen Sie ihn.',
    ]);
    expect(keys(def)).toEqual(['/states/4/id workflows.problem.unreachable']);
  });

  it('refuses a dead end: a state that is not final and has no way out (a loop back to itself is none)', () => {
    const def = copy();
    def.transitions = def.transitions.filter((x) => x.from !== 'entschieden');
    def.transitions.push({ id: 'nochmal', from: 'entschieden', to: 'entschieden', label: { de: 'Nochmals' }, roles: ['sachbearbeitung'] });
    expect(keys(def)).toEqual(['/states/3/final workflows.problem.deadEnd', '/states/4/id workflows.problem.unreachable']);
    expect(messages(def)[0]).toBe('Aus dem Zustand „Entschieden“ führt kein Übergang heraus. Fügen Sie einen hinzu oder markieren Sie ihn als Endzustand.');
  });

  it('refuses a final state with a way out', () => {
    const def = copy();
    def.transitions.push({ id: 'wieder-oeffnen', from: 'abgeschlossen', to: 'pruefung', label: { de: 'Wieder öffnen' }, roles: ['sachbearbeitung'] });
    expect(keys(def)).toEqual(['/states/4/final workflows.problem.finalWithWayOut']);
  });

  it('refuses a workflow without a final state', () => {
    const def = copy();
    def.states[4]!.final = false;
    def.transitions.push({ id: 'wieder-oeffnen', from: 'abgeschlossen', to: 'pruefung', label: { de: 'Wieder öffnen' }, roles: ['sachbearbeitung'] });
    expect(keys(def)).toEqual(['/states workflows.problem.noFinal']);
    expect(messages(def)).toEqual(['Der Ablauf hat keinen Endzustand. Markieren Sie mindestens einen Zustand als Endzustand.']);
  });

  it('refuses a workflow where no reachable transition decides', () => {
    const def = copy();
    delete def.transitions.find((x) => x.effect === 'decide')!.effect;
    expect(keys(def)).toEqual(['/transitions workflows.problem.noDecision']);
  });

  it('has a German message for every problem it reports', () => {
    const def = copy();
    def.states.push({ id: 'x', label: { de: 'X' }, phase: 'in_review' });
    for (const p of validateWorkflow(def)) expect(t(p.key as never, p.params)).not.toBe(p.key);
  });
});
