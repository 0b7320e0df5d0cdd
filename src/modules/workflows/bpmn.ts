// BPMN 2.0 export of a workflow, and the model both directions share. The export is what KGSt-style process
// modellers open: a pool with one lane per role, states as user tasks, transitions as sequence flows, a state with
// several ways out as an exclusive gateway after its task, timers as boundary events, the initial state after a
// start event. German labels are the BPMN names; everything else a workflow holds (ids, phases, deadlines, guards,
// fields, effects, English labels) travels in a `rathaus:` block of extensionElements, so a round trip keeps it.
//
// A final state is an end event, not a task followed by one: nothing is taken from a final state, so there is no
// work to model there; its phase (and a deadline, if it has one) sit in the end event's extension. Only a final
// state that still has ways out (which validation refuses anyway) is written as a task, to lose none of them.
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { layoutDiagram } from './bpmn-layout.ts';
import type { WorkflowDefinition, WorkflowState, WorkflowTransition } from './schema.ts';

export const BPMN_NS = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
export const RATHAUS_NS = 'https://rathaus.dev/ns/bpmn-workflow/1.0';

const attr = (name: string, type = 'String') => ({ name, isAttr: true, type });

/** The `rathaus:` extension elements as a moddle package: read and written typed, so a strict parse knows them. */
const rathausPackage = {
  name: 'Rathaus',
  prefix: 'rathaus',
  uri: RATHAUS_NS,
  xml: { tagAlias: 'lowerCase' },
  associations: [],
  types: [
    {
      name: 'Workflow',
      superClass: ['Element'],
      properties: [attr('key'), attr('nameEn'), { name: 'descriptions', type: 'Description', isMany: true }],
    },
    { name: 'Description', superClass: ['Element'], properties: [attr('lang'), { name: 'text', isBody: true, type: 'String' }] },
    { name: 'Role', superClass: ['Element'], properties: [attr('id'), attr('labelEn')] },
    {
      name: 'State',
      superClass: ['Element'],
      properties: [attr('id'), attr('phase'), attr('labelEn'), attr('final', 'Boolean'), { name: 'deadline', type: 'Deadline' }],
    },
    { name: 'Deadline', superClass: ['Element'], properties: [attr('days', 'Integer'), attr('from'), attr('warnDays', 'Integer')] },
    {
      name: 'Transition',
      superClass: ['Element'],
      properties: [
        attr('id'),
        attr('roles'),
        attr('trigger'),
        attr('effect'),
        attr('labelEn'),
        { name: 'guards', type: 'Guard', isMany: true },
        { name: 'fields', type: 'Field', isMany: true },
      ],
    },
    { name: 'Guard', superClass: ['Element'], properties: [attr('kind'), attr('field'), attr('transition')] },
    {
      name: 'Field',
      superClass: ['Element'],
      properties: [attr('id'), attr('type'), attr('required', 'Boolean'), attr('label'), attr('labelEn')],
    },
  ],
};

export const newModdle = () => new BpmnModdle({ rathaus: rathausPackage });

/** An XML id (an NCName) for a workflow id: slugs are NCName characters already; anything else becomes `_`. */
export const xmlId = (prefix: string, id: string) => `${prefix}_${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

/** What the exporter places: the nodes of the diagram and the flows between them, with their ids. */
export interface PlacedNode {
  element: ModdleElement;
  kind: 'start' | 'task' | 'end' | 'gateway' | 'timer';
  /** The state this node belongs to (for start: the initial state). */
  state: string;
  lane: number;
  /** For a timer: the task it sits on. */
  host?: ModdleElement;
}

/** Drops keys whose value is undefined, so an exported-and-imported definition compares equal to the original. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The role whose lane a state's task sits in: the first role of its first way out that names one. */
function laneOf(def: WorkflowDefinition, stateId: string, incoming = false): number {
  const ts = def.transitions.filter((t) => (incoming ? t.to : t.from) === stateId);
  for (const t of ts) {
    const index = def.roles.findIndex((r) => r.id === t.roles[0]);
    if (index >= 0) return index;
  }
  return 0;
}

export async function exportBpmn(def: WorkflowDefinition): Promise<string> {
  const m = newModdle();
  const ext = (...values: ModdleElement[]) => m.create('bpmn:ExtensionElements', { values });
  const nodes: PlacedNode[] = [];
  const flows: ModdleElement[] = [];
  const byState = new Map<string, ModdleElement>();
  const link = (id: string, source: ModdleElement, target: ModdleElement, props: Record<string, unknown> = {}) => {
    const flow = m.create('bpmn:SequenceFlow', { id, sourceRef: source, targetRef: target, ...props });
    source.outgoing = [...(source.outgoing ?? []), flow];
    target.incoming = [...(target.incoming ?? []), flow];
    flows.push(flow);
    return flow;
  };

  const outOf = (s: WorkflowState) => def.transitions.filter((t) => t.from === s.id);
  for (const s of def.states) {
    const asEnd = s.final && outOf(s).length === 0;
    const stateExt = m.create(
      'rathaus:State',
      defined({
        id: s.id,
        phase: s.phase,
        labelEn: s.label.en,
        final: s.final && !asEnd ? true : undefined,
        deadline: s.deadline && m.create('rathaus:Deadline', defined({ ...s.deadline })),
      }),
    );
    const element = m.create(asEnd ? 'bpmn:EndEvent' : 'bpmn:UserTask', {
      id: xmlId(asEnd ? 'End' : 'Task', s.id),
      name: s.label.de,
      extensionElements: ext(stateExt),
    });
    byState.set(s.id, element);
    nodes.push({ element, kind: asEnd ? 'end' : 'task', state: s.id, lane: laneOf(def, s.id, asEnd) });
  }

  const start = m.create('bpmn:StartEvent', { id: 'StartEvent' });
  nodes.unshift({ element: start, kind: 'start', state: def.initial, lane: laneOf(def, def.initial) });
  const initial = byState.get(def.initial);
  if (initial) link('Flow_start', start, initial);

  const transitionExt = (t: WorkflowTransition) =>
    m.create(
      'rathaus:Transition',
      defined({
        id: t.id,
        roles: t.roles.join(' '),
        trigger: t.trigger,
        effect: t.effect,
        labelEn: t.label.en,
        guards: t.guards?.map((g) => m.create('rathaus:Guard', defined({ ...g }))),
        fields: t.fields?.map((f) =>
          m.create('rathaus:Field', defined({ id: f.id, type: f.type, required: f.required, label: f.label.de, labelEn: f.label.en })),
        ),
      }),
    );

  // Gateways first, then one flow per transition in the definition's order, which the import keeps.
  const exitOf = new Map<string, ModdleElement>();
  for (const s of def.states) {
    const source = byState.get(s.id)!;
    exitOf.set(s.id, source);
    if (outOf(s).filter((t) => t.trigger !== 'timer').length < 2) continue;
    const gateway = m.create('bpmn:ExclusiveGateway', { id: xmlId('Gateway', s.id) });
    nodes.push({ element: gateway, kind: 'gateway', state: s.id, lane: nodes.find((n) => n.element === source)!.lane });
    link(xmlId('Flow', `${s.id}_gateway`), source, gateway);
    exitOf.set(s.id, gateway);
  }
  for (const t of def.transitions) {
    const source = byState.get(t.from);
    const target = byState.get(t.to);
    if (!source || !target) continue;
    const props = { name: t.label.de, extensionElements: ext(transitionExt(t)) };
    if (t.trigger !== 'timer') {
      link(xmlId('Flow', t.id), exitOf.get(t.from)!, target, props);
      continue;
    }
    const timer = m.create('bpmn:BoundaryEvent', {
      id: xmlId('Timer', t.id),
      name: t.label.de,
      attachedToRef: source,
      eventDefinitions: [
        m.create('bpmn:TimerEventDefinition', {
          id: xmlId('TimerDefinition', t.id),
          timeDuration: m.create('bpmn:FormalExpression', { body: `P${t.timerDays ?? 0}D` }),
        }),
      ],
    });
    nodes.push({ element: timer, kind: 'timer', state: t.from, lane: nodes.find((n) => n.element === source)!.lane, host: source });
    link(xmlId('Flow', t.id), timer, target, props);
  }

  const lanes = def.roles.map((r, i) =>
    m.create('bpmn:Lane', {
      id: xmlId('Lane', r.id),
      name: r.label.de,
      flowNodeRef: nodes.filter((n) => n.lane === i).map((n) => n.element),
      extensionElements: ext(m.create('rathaus:Role', defined({ id: r.id, labelEn: r.label.en }))),
    }),
  );
  const descriptions = def.description
    ? (['de', 'en'] as const).flatMap((lang) => (def.description?.[lang] ? [m.create('rathaus:Description', { lang, text: def.description[lang] })] : []))
    : [];
  const process = m.create('bpmn:Process', {
    id: xmlId('Process', def.key),
    name: def.name.de,
    isExecutable: false,
    documentation: def.description ? [m.create('bpmn:Documentation', { text: def.description.de })] : undefined,
    extensionElements: ext(m.create('rathaus:Workflow', defined({ key: def.key, nameEn: def.name.en, descriptions }))),
    laneSets: lanes.length ? [m.create('bpmn:LaneSet', { id: xmlId('LaneSet', def.key), lanes })] : undefined,
    flowElements: [...nodes.map((n) => n.element), ...flows],
  });
  const participant = m.create('bpmn:Participant', { id: xmlId('Participant', def.key), name: def.name.de, processRef: process });
  const collaboration = m.create('bpmn:Collaboration', { id: xmlId('Collaboration', def.key), participants: [participant] });
  const definitions = m.create('bpmn:Definitions', {
    id: xmlId('Definitions', def.key),
    targetNamespace: 'https://rathaus.dev/workflows',
    exporter: 'Rathaus',
    exporterVersion: '1.0',
    rootElements: [collaboration, process],
  });
  definitions.diagrams = [layoutDiagram(m, { collaboration, participant, lanes, nodes, flows })];
  const { xml } = await m.toXML(definitions, { format: true });
  return xml;
}
