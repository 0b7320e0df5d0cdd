import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBpmn, newModdle } from './bpmn.ts';
import { decisionCandidates, durationDays, importBpmn, slugOf, withDecisions } from './bpmn-import.ts';
import { BUILT_IN } from './builtins.ts';
import type { WorkflowDefinition } from './schema.ts';
import { validateWorkflow } from './validate.ts';

const XSD = createRequire(import.meta.url).resolve('bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd');
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'bpmn-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** xmllint's verdict on the file against the BPMN 2.0 XSD shipped with bpmn-moddle; throws with its messages. */
function validateXsd(xml: string, name: string) {
  const file = path.join(tmp, `${name}.bpmn`);
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Everything the definition type allows, in one workflow: the built-ins do not use every option. */
const EVERYTHING: WorkflowDefinition = {
  key: 'bauantrag',
  name: { de: 'Bauantrag mit Beteiligung', en: 'Building permit with consultation' },
  description: { de: 'Erste Zeile.\nZweite Zeile mit <Zeichen> & „Anführung“.', en: 'First line.\nSecond line.' },
  initial: 'eingang',
  roles: [
    { id: 'bauaufsicht', label: { de: 'Bauaufsicht', en: 'Building control' } },
    { id: 'leitung', label: { de: 'Amtsleitung' } },
  ],
  states: [
    { id: 'eingang', label: { de: 'Eingegangen', en: 'Received' }, phase: 'received' },
    { id: 'beteiligung', label: { de: 'Beteiligung der Fachstellen' }, phase: 'in_review', deadline: { days: 30, from: 'complete', warnDays: 5 } },
    { id: 'freigabe', label: { de: 'Freigabe', en: 'Approval' }, phase: 'in_review', deadline: { days: 7, from: 'submitted' } },
    { id: 'erteilt', label: { de: 'Baugenehmigung erteilt', en: 'Permit granted' }, phase: 'decided', final: true, deadline: { days: 1, from: 'entered' } },
  ],
  transitions: [
    {
      id: 'beteiligen',
      from: 'eingang',
      to: 'beteiligung',
      label: { de: 'Fachstellen beteiligen', en: 'Consult' },
      roles: ['bauaufsicht', 'leitung'],
      trigger: 'manual',
      guards: [{ kind: 'answered', field: 'flurstueck' }, { kind: 'documentsComplete' }],
      fields: [
        { id: 'frist', label: { de: 'Frist der Fachstellen', en: 'Deadline' }, type: 'date', required: true },
        { id: 'anzahl', label: { de: 'Anzahl Fachstellen' }, type: 'number', required: false },
      ],
      effect: 'complete',
    },
    { id: 'ruecklauf', from: 'beteiligung', to: 'beteiligung', label: { de: 'Stellungnahme erfasst' }, roles: ['bauaufsicht'] },
    {
      id: 'ohne-stellungnahme',
      from: 'beteiligung',
      to: 'freigabe',
      label: { de: 'Ohne Stellungnahme nach 30 Tagen' },
      roles: [],
      trigger: 'timer',
      timerDays: 30,
    },
    { id: 'vorlegen', from: 'beteiligung', to: 'freigabe', label: { de: 'Zur Freigabe vorlegen' }, roles: ['bauaufsicht'] },
    {
      id: 'genehmigen',
      from: 'freigabe',
      to: 'erteilt',
      label: { de: 'Genehmigen', en: 'Grant' },
      roles: ['leitung'],
      guards: [{ kind: 'otherThan', transition: 'vorlegen' }, { kind: 'feePaid' }, { kind: 'assigned' }],
      effect: 'decide',
    },
  ],
};

describe('export', () => {
  it.each(BUILT_IN.map((w) => [w.key, w] as const))('writes %s as BPMN 2.0 that validates against the XSD', async (key, workflow) => {
    const xml = await exportBpmn(workflow);
    expect(validateXsd(xml, key)).toBe('');
  });

  it('writes XML that bpmn-moddle reads strictly without a single warning', async () => {
    for (const workflow of [...BUILT_IN, EVERYTHING]) {
      const parsed = await newModdle().fromXML(await exportBpmn(workflow), { lax: false });
      expect(parsed.warnings.map((w) => w.message)).toEqual([]);
    }
  });

  it('maps roles to lanes, states to user tasks and end events, several ways out to a gateway, timers to boundary events', async () => {
    const fee = BUILT_IN.find((w) => w.key === 'gebuehr')!;
    const { rootElement } = await newModdle().fromXML(await exportBpmn(fee));
    const process = rootElement.rootElements.find((r: { $type: string }) => r.$type === 'bpmn:Process');
    const byId = new Map(process.flowElements.map((e: { id: string }) => [e.id, e]));
    const lanes = process.laneSets[0].lanes;
    expect(lanes.map((l: { name: string }) => l.name)).toEqual(['Sachbearbeitung', 'Kasse']);
    // The payment state's only way out is the cash office's: its task sits in that lane, and its timer with it.
    expect(lanes[1].flowNodeRef.map((n: { id: string }) => n.id)).toEqual(['Task_zahlung', 'Timer_nicht-bezahlt']);

    const start = process.flowElements.find((e: { $type: string }) => e.$type === 'bpmn:StartEvent');
    expect(start.outgoing[0].targetRef.id).toBe('Task_eingang');
    expect((byId.get('Task_pruefung') as { $type: string }).$type).toBe('bpmn:UserTask');
    expect((byId.get('End_abgeschlossen') as { $type: string; name: string }).name).toBe('Abgeschlossen');

    // In review has two ways out (ask, request the fee): a gateway after the task, the flows named in German.
    const gateway = byId.get('Gateway_pruefung') as { $type: string; outgoing: Array<{ name: string }> };
    expect(gateway.$type).toBe('bpmn:ExclusiveGateway');
    expect(gateway.outgoing.map((f) => f.name)).toEqual(['Rückfrage stellen', 'Gebühr anfordern']);

    const timer = byId.get('Timer_nicht-bezahlt') as { attachedToRef: { id: string }; eventDefinitions: Array<{ timeDuration: { body: string } }> };
    expect(timer.attachedToRef.id).toBe('Task_zahlung');
    expect(timer.eventDefinitions[0]!.timeDuration.body).toBe('P60D');
    expect(rootElement.diagrams[0].plane.planeElement.length).toBeGreaterThan(process.flowElements.length);
  });
});

describe('diagram layout', () => {
  it.each(
    [...BUILT_IN, EVERYTHING].map((w) => [w.key, w] as const),
  )('places every shape of %s inside its lane without overlapping another', async (_key, workflow) => {
    const { rootElement } = await newModdle().fromXML(await exportBpmn(workflow));
    type Shape = {
      bpmnElement: { $type: string; id: string; flowNodeRef?: Array<{ id: string }> };
      bounds: { x: number; y: number; width: number; height: number };
    };
    const shapes: Shape[] = rootElement.diagrams[0].plane.planeElement.filter((e: { $type: string }) => e.$type === 'bpmndi:BPMNShape');
    const nodes = shapes.filter((s) => !['bpmn:Participant', 'bpmn:Lane', 'bpmn:BoundaryEvent'].includes(s.bpmnElement.$type));
    const overlap = (a: Shape['bounds'], b: Shape['bounds']) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const [i, a] of nodes.entries())
      for (const b of nodes.slice(i + 1)) expect(overlap(a.bounds, b.bounds), `${a.bpmnElement.id} overlaps ${b.bpmnElement.id}`).toBe(false);
    const inside = (inner: Shape['bounds'], outer: Shape['bounds']) =>
      inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
    for (const lane of shapes.filter((s) => s.bpmnElement.$type === 'bpmn:Lane'))
      for (const ref of lane.bpmnElement.flowNodeRef ?? []) {
        const shape = shapes.find((s) => s.bpmnElement.id === ref.id)!;
        // A boundary event sits on its task's lower edge, which may be the lane's.
        if (shape.bpmnElement.$type !== 'bpmn:BoundaryEvent') expect(inside(shape.bounds, lane.bounds), `${ref.id} outside ${lane.bpmnElement.id}`).toBe(true);
      }
  });
});

describe('round trip', () => {
  it.each(BUILT_IN.map((w) => [w.key, w] as const))('export → import gives %s back unchanged, with nothing unmapped', async (_key, workflow) => {
    const result = await importBpmn(await exportBpmn(workflow));
    expect(result).toEqual({ ok: true, definition: workflow, unmapped: [] });
  });

  it('keeps every option: guards, fields, deadlines of a final state, an explicit manual trigger, multi-line descriptions', async () => {
    const xml = await exportBpmn(EVERYTHING);
    expect(validateXsd(xml, 'everything')).toBe('');
    const result = await importBpmn(xml);
    expect(result).toEqual({ ok: true, definition: EVERYTHING, unmapped: [] });
  });
});

describe('import from other modellers', () => {
  it('reads a Camunda Modeler file: lanes as roles, receive task waits for the applicant, P4W as 28 days, conditions and parallel work reported', async () => {
    const result = await importBpmn(fixture('camunda-sondernutzung.bpmn'));
    if (!result.ok) throw new Error(result.refusal.key);
    const { definition, unmapped } = result;
    expect(definition.name.de).toBe('Sondernutzungserlaubnis Straßenraum');
    expect(definition.roles.map((r) => r.label.de)).toEqual(['Sachbearbeitung Ordnungsamt', 'Straßenbaulastträger']);
    expect(definition.initial).toBe('vollstaendigkeit-pruefen');
    // A line break in a name (&#10;) is a modeller's layout, not part of the label.
    expect(definition.states.find((s) => s.id === 'vollstaendigkeit-pruefen')?.label.de).toBe('Vollständigkeit prüfen');
    expect(definition.states.find((s) => s.id === 'unterlagen-nachfordern')?.phase).toBe('awaiting_applicant');
    expect(definition.states.filter((s) => s.final).map((s) => s.label.de)).toEqual([
      'Antrag gilt als zurückgenommen',
      'Erlaubnis erteilt',
      'Antrag abgelehnt',
    ]);

    const timer = definition.transitions.find((t) => t.trigger === 'timer');
    expect(timer).toMatchObject({ from: 'unterlagen-nachfordern', to: 'antrag-gilt-als-zurueckgenommen', timerDays: 28, roles: [] });
    // "ja" after "Genehmigt?" passes a send task, joined around it; the gateway's question goes into the label.
    expect(definition.transitions.find((t) => t.to === 'erlaubnis-erteilt')).toMatchObject({
      from: 'ueber-antrag-entscheiden',
      label: { de: 'Genehmigt? – ja' },
      roles: ['sachbearbeitung-ordnungsamt'],
    });
    // The task in the second lane: its way out is that role's.
    expect(definition.transitions.find((t) => t.from === 'stellungnahme-einholen')?.roles).toEqual(['strassenbaulasttraeger']);

    const reported = unmapped.map((u) => `${u.type} ${u.id} ${u.reason.key}`);
    expect(reported).toEqual(
      expect.arrayContaining([
        'ParallelGateway Gateway_Split bpmn.unmapped.split',
        'ParallelGateway Gateway_Join bpmn.unmapped.split',
        'ServiceTask Activity_Gebuehr bpmn.unmapped.joined',
        'SendTask Activity_Bescheid bpmn.unmapped.joined',
        'SendTask Activity_Erinnern bpmn.unmapped.joined',
        'BoundaryEvent Event_Erinnerung bpmn.unmapped.timerNonInterrupting',
        'StartEvent StartEvent_Antrag bpmn.unmapped.startTrigger',
        'EndEvent Event_Abgelehnt bpmn.unmapped.endTrigger',
        'SequenceFlow Flow_Nein bpmn.unmapped.condition',
        'TextAnnotation TextAnnotation_1h0kx5s bpmn.unmapped.annotation',
      ]),
    );
    expect(unmapped.find((u) => u.id === 'Activity_Gebuehr')?.name).toBe('Gebühr berechnen');
    expect(unmapped.find((u) => u.id === 'Flow_Genehmigt')?.reason.params).toEqual({ condition: `\${genehmigt}` });
  });

  it('reads a Signavio export: the office pool, not the citizen pool; nested lanes; sub-process and message event joined and reported', async () => {
    const result = await importBpmn(fixture('signavio-hundesteuer.bpmn'));
    if (!result.ok) throw new Error(result.refusal.key);
    const { definition, unmapped } = result;
    expect(definition.name.de).toBe('Hundesteuer: Anmeldung');
    expect(definition.key).toBe('hundesteuer-anmeldung');
    expect(definition.roles.map((r) => r.id)).toEqual(['sachbearbeitung-hundesteuer', 'stadtkasse']);
    expect(definition.states.map((s) => s.id)).toEqual([
      'anmeldung-pruefen',
      'rueckfrage-an-halter-in-stellen',
      'steuerbefreiung-pruefen-3-satzung',
      'steuermarke-ausgeben',
      'hund-angemeldet',
    ]);
    // Through the message catch event back to the review, named by the event; through the sub-process to the tag.
    expect(definition.transitions.find((t) => t.from === 'rueckfrage-an-halter-in-stellen')).toMatchObject({
      to: 'anmeldung-pruefen',
      label: { de: 'Antwort eingegangen' },
    });
    expect(definition.transitions.find((t) => t.from === 'steuerbefreiung-pruefen-3-satzung')).toMatchObject({
      to: 'steuermarke-ausgeben',
      label: { de: 'Steuerbescheid erstellen' },
    });
    expect(definition.transitions.find((t) => t.from === 'steuermarke-ausgeben')?.roles).toEqual(['stadtkasse']);
    expect(unmapped.map((u) => `${u.type} ${u.id} ${u.reason.key}`)).toEqual(
      expect.arrayContaining([
        'Process sid-PROC-HALTER bpmn.unmapped.process',
        'MessageFlow sid-MF-ANMELDUNG bpmn.unmapped.messageFlow',
        'SubProcess sid-SUB-BESCHEID bpmn.unmapped.subProcess',
        'IntermediateCatchEvent sid-ANTWORT bpmn.unmapped.joined',
        'DataObjectReference sid-DOR-1 bpmn.unmapped.data',
        'TextAnnotation sid-TA-1 bpmn.unmapped.annotation',
      ]),
    );
    // A data object is reported once, by the reference drawn in the diagram.
    expect(unmapped.filter((u) => u.name === 'Steuerbescheid' && u.type.startsWith('Data'))).toHaveLength(1);
  });

  it('takes a task without an outgoing flow as a final state and says so; a file without a start event starts at its first task', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="${'http://www.omg.org/spec/BPMN/20100524/MODEL'}" id="d" targetNamespace="x">
  <process id="p" name="Kurz">
    <userTask id="a" name="Prüfen" /><userTask id="b" name="Archivieren" />
    <sequenceFlow id="f" sourceRef="a" targetRef="b" name="Fertig" />
  </process>
</definitions>`;
    const result = await importBpmn(xml);
    if (!result.ok) throw new Error(result.refusal.key);
    expect(result.definition.initial).toBe('pruefen');
    expect(result.definition.states[1]).toEqual({ id: 'archivieren', label: { de: 'Archivieren' }, phase: 'closed', final: true });
    expect(result.unmapped.map((u) => u.reason.key)).toEqual(['bpmn.unmapped.noStart', 'bpmn.unmapped.deadEnd']);
  });
});

describe('what a file holds beyond the model', () => {
  it('reports content bpmn-moddle cannot read (an unknown element, a reference to nothing) instead of dropping it', async () => {
    const xml = `<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x">
  <process id="p" name="Mit Fehlern">
    <startEvent id="s" /><userTask id="a" name="Prüfen" /><endEvent id="e" name="Fertig" />
    <zauberAufgabe id="z" name="Unbekannt" />
    <sequenceFlow id="f1" sourceRef="s" targetRef="a" /><sequenceFlow id="f2" sourceRef="a" targetRef="e" />
    <sequenceFlow id="f3" sourceRef="a" targetRef="gibt-es-nicht" />
  </process>
</definitions>`;
    const result = await importBpmn(xml);
    if (!result.ok) throw new Error(result.refusal.key);
    expect(result.unmapped.map((u) => u.reason)).toEqual(
      expect.arrayContaining([
        { key: 'bpmn.unmapped.unknownElement', params: { element: 'zauberAufgabe' } },
        { key: 'bpmn.unmapped.unresolved', params: { ref: 'gibt-es-nicht' } },
      ]),
    );
    expect(result.definition.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['pruefen>fertig']);
  });

  it('gives a foreign file the same definition again after its own export and import', async () => {
    for (const name of ['camunda-sondernutzung.bpmn', 'signavio-hundesteuer.bpmn']) {
      const first = await importBpmn(fixture(name));
      if (!first.ok) throw new Error(first.refusal.key);
      const xml = await exportBpmn(first.definition);
      expect(validateXsd(xml, `again-${name}`)).toBe('');
      expect(await importBpmn(xml)).toEqual({ ok: true, definition: first.definition, unmapped: [] });
    }
  });
});

describe('the decision a foreign file does not name', () => {
  it('offers the transitions out of a deciding state and, once chosen, gives a workflow validation accepts', async () => {
    const result = await importBpmn(fixture('camunda-sondernutzung.bpmn'));
    if (!result.ok) throw new Error(result.refusal.key);
    expect(validateWorkflow(result.definition).map((p) => p.key)).toContain('workflows.problem.noDecision');
    const offered = decisionCandidates(result.definition);
    expect(offered).toEqual(['genehmigt-nein', 'genehmigt-ja']);
    const decided = withDecisions(result.definition, offered);
    expect(validateWorkflow(decided)).toEqual([]);
    expect(decided.transitions.filter((t) => t.effect === 'decide').map((t) => t.id)).toEqual(offered);
  });

  it('offers nothing when the file names its decision, and never replaces an effect a transition has', async () => {
    expect(decisionCandidates(BUILT_IN[0]!)).toEqual([]);
    const fee = BUILT_IN.find((w) => w.key === 'gebuehr')!;
    const marked = withDecisions(fee, ['zahlung-verbuchen']);
    expect(marked.transitions.find((t) => t.id === 'zahlung-verbuchen')?.effect).toBe('payment');
  });

  it('gives the Signavio file a valid workflow once a transition decides', async () => {
    const result = await importBpmn(fixture('signavio-hundesteuer.bpmn'));
    if (!result.ok) throw new Error(result.refusal.key);
    expect(validateWorkflow(withDecisions(result.definition, ['steuerbescheid-erstellen']))).toEqual([]);
  });
});

describe('files that are not BPMN', () => {
  it.each([
    ['empty', '   ', 'bpmn.file.empty'],
    ['plain text', 'Das ist keine Prozessdatei.', 'bpmn.file.notXmlAt'],
    ['broken XML', '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<process id="p">\n</definitions>', 'bpmn.file.notXmlAt'],
    ['other XML', '<?xml version="1.0"?><xdf:root xmlns:xdf="urn:xoev-de:fim:standard:xdatenfelder_3"/>', 'bpmn.file.notBpmn'],
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>', 'bpmn.file.doctype'],
    [
      'BPMN without a process',
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><message id="m"/></definitions>',
      'bpmn.file.noProcess',
    ],
    [
      'a process without tasks',
      '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="x"><process id="p"><startEvent id="s"/><endEvent id="e"/></process></definitions>',
      'bpmn.file.noTasks',
    ],
  ])('refuses %s with a clear message', async (_what, xml, key) => {
    const result = await importBpmn(xml);
    expect(result).toMatchObject({ ok: false, refusal: { key } });
  });

  it('names line and column of broken XML, counted from 1', async () => {
    const result = await importBpmn('<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n<process id="p">\n</definitions>');
    expect(result).toEqual({
      ok: false,
      refusal: { key: 'bpmn.file.notXmlAt', params: expect.objectContaining({ line: expect.any(Number), column: expect.any(Number) }) },
    });
    if (!result.ok) expect(Number(result.refusal.params?.line)).toBeGreaterThanOrEqual(1);
  });
});

describe('helpers', () => {
  it('reads whole days and weeks from ISO 8601 durations, nothing finer', () => {
    expect([durationDays('P28D'), durationDays('P4W'), durationDays('P1W3D'), durationDays(' P10D ')]).toEqual([28, 28, 10, 10]);
    expect([durationDays('PT12H'), durationDays('P1M'), durationDays(`\${frist}`), durationDays('P')]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('makes slugs from German names', () => {
    expect(slugOf('Über Antrag entscheiden')).toBe('ueber-antrag-entscheiden');
    expect(slugOf('Straße & Größe (§ 3)')).toBe('strasse-groesse-3');
    expect(slugOf('Café')).toBe('cafe');
  });
});
