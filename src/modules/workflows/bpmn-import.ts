// BPMN 2.0 XML read into a workflow definition: Rathaus' own exports exactly (their `rathaus:` extension data),
// other modellers' files (Camunda Modeler, Signavio, ADONIS …) as far as BPMN's elements carry the meaning.
//   user task, task, manual task → a state; receive task → a state waiting for the applicant; end event → a final state;
//   sequence flow, through exclusive gateways → a transition; interrupting timer boundary event in whole days or
//   weeks → a timer transition; lane → a role (a state's ways out are the role of the lane its task sits in).
// Whatever else the file holds (parallel gateways, message events, sub-processes, script or service tasks, pools
// beyond the first, conditions …) is listed with its id, type and name; flows that run through such an element are
// joined around it, so the states behind it stay reachable, and the list says so.
import type { ModdleElement } from 'bpmn-moddle';
import type { Message, MessageKey } from '../../platform/i18n/index.ts';
import { defined, newModdle } from './bpmn.ts';
import { PHASES, type Guard, type Phase, type WorkflowDefinition, type WorkflowRole, type WorkflowState, type WorkflowTransition } from './schema.ts';

export interface UnmappedElement {
  /** The element's id in the file. */
  id: string;
  /** Its BPMN type without prefix, as the standard names it: `ParallelGateway`, `ScriptTask`. */
  type: string;
  name?: string;
  /** What happened to it, for the organiser. */
  reason: Message;
}

export type BpmnImport = { ok: true; definition: WorkflowDefinition; unmapped: UnmappedElement[] } | { ok: false; refusal: Message };

const STATE_TASKS = new Set(['bpmn:UserTask', 'bpmn:Task', 'bpmn:ManualTask', 'bpmn:ReceiveTask']);
const SUB_PROCESSES = new Set(['bpmn:SubProcess', 'bpmn:AdHocSubProcess', 'bpmn:Transaction', 'bpmn:CallActivity']);
const SPLITS = new Set(['bpmn:ParallelGateway', 'bpmn:InclusiveGateway', 'bpmn:ComplexGateway', 'bpmn:EventBasedGateway']);
/** Drawn for people, not steps of the process: an annotation is reported, its association line is not. */
const SILENT = new Set(['bpmn:SequenceFlow', 'bpmn:Association']);

const localType = (type: string) => type.replace(/^bpmn:/, '');
const clean = (s: unknown) => (typeof s === 'string' ? s.replace(/\s+/g, ' ').trim() : '');

/** A lower-case slug from a German name: `Antrag prüfen` → `antrag-pruefen`. */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
}

/**
 * BPMN has no notion of the Bescheid: a foreign file's workflow has no transition that decides, which a workflow
 * needs. The transitions that look like one (their label or their state speaks of deciding or granting) are
 * offered checked; the organiser confirms or changes the choice before the import is saved.
 */
export function decisionCandidates(def: WorkflowDefinition): string[] {
  if (def.transitions.some((t) => t.effect === 'decide')) return [];
  const deciding = /entscheid|genehmig/i;
  const stateLabel = (id: string) => def.states.find((s) => s.id === id)?.label.de ?? '';
  return def.transitions.filter((t) => !t.effect && t.trigger !== 'timer' && (deciding.test(t.label.de) || deciding.test(stateLabel(t.from)))).map((t) => t.id);
}

/** The definition with the chosen transitions deciding; transitions that have an effect of their own keep it. */
export function withDecisions(def: WorkflowDefinition, transitionIds: readonly string[]): WorkflowDefinition {
  return { ...def, transitions: def.transitions.map((t) => (transitionIds.includes(t.id) && !t.effect ? { ...t, effect: 'decide' } : t)) };
}

const extOf = (element: ModdleElement | undefined, type: string): ModdleElement | undefined =>
  element?.extensionElements?.values?.find((v: ModdleElement) => v.$type === type);

/** Whole days of an ISO 8601 duration (`P28D`, `P4W`); anything finer or calendar-bound (months, hours) is not a day count. */
export function durationDays(text: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:0+H)?(?:0+M)?(?:0+S)?)?$/.exec(text.trim());
  if (!m || (!m[1] && !m[2])) return undefined;
  return Number(m[1] ?? 0) * 7 + Number(m[2] ?? 0);
}

/** Reads the XML text of an upload; parse failures become the organiser's message, never an exception. */
export async function importBpmn(xml: string): Promise<BpmnImport> {
  const text = xml.replace(/^\uFEFF/, '');
  if (!text.trim()) return { ok: false, refusal: { key: 'bpmn.file.empty' } };
  if (/<!DOCTYPE/i.test(text)) return { ok: false, refusal: { key: 'bpmn.file.doctype' } };
  let parsed: Awaited<ReturnType<ReturnType<typeof newModdle>['fromXML']>>;
  try {
    parsed = await newModdle().fromXML(text);
  } catch (error) {
    const message = String((error as Error).message ?? '');
    if (message.startsWith('failed to parse document as <bpmn:Definitions>')) return { ok: false, refusal: { key: 'bpmn.file.notBpmn' } };
    const where = /line: (\d+)\s+column: (\d+)/.exec(message);
    return where
      ? { ok: false, refusal: { key: 'bpmn.file.notXmlAt', params: { line: Number(where[1]) + 1, column: Number(where[2]) + 1 } } }
      : { ok: false, refusal: { key: 'bpmn.file.notXml' } };
  }
  if (parsed.rootElement?.$type !== 'bpmn:Definitions') return { ok: false, refusal: { key: 'bpmn.file.notBpmn' } };
  try {
    return mapDefinitions(parsed.rootElement, parsed.warnings);
  } catch {
    // A file bpmn-moddle reads but whose references make no sense (a flow into nothing, a cycle of lanes …).
    return { ok: false, refusal: { key: 'bpmn.file.unexpected' } };
  }
}

function mapDefinitions(definitions: ModdleElement, warnings: Array<Error & { element?: ModdleElement }>): BpmnImport {
  const unmapped: UnmappedElement[] = [];
  const report = (element: ModdleElement, key: MessageKey, params?: Record<string, string | number>) =>
    unmapped.push(
      defined({ id: String(element.id ?? ''), type: localType(element.$type), name: clean(element.name) || undefined, reason: defined({ key, params }) }),
    );

  const roots: ModdleElement[] = definitions.rootElements ?? [];
  const processes = roots.filter((r) => r.$type === 'bpmn:Process');
  const participants: ModdleElement[] = roots.filter((r) => r.$type === 'bpmn:Collaboration').flatMap((c) => c.participants ?? []);
  const tasksIn = (p: ModdleElement) => (p.flowElements ?? []).filter((e: ModdleElement) => STATE_TASKS.has(e.$type)).length;
  // The pool with the most tasks a clerk works is the office's; a citizen's or another authority's pool is reported.
  const process = [...processes].sort((a, b) => tasksIn(b) - tasksIn(a))[0];
  if (!process) return { ok: false, refusal: { key: 'bpmn.file.noProcess' } };
  for (const other of processes.filter((p) => p !== process)) report(other, 'bpmn.unmapped.process');
  for (const c of roots.filter((r) => r.$type === 'bpmn:Collaboration')) for (const flow of c.messageFlows ?? []) report(flow, 'bpmn.unmapped.messageFlow');
  for (const w of warnings) {
    const detail = clean(w.message.split('\n')[0]);
    const unknown = /^unparsable content <([^>\s/]+)/.exec(detail);
    const unresolved = /^unresolved reference <([^>]+)>/.exec(detail);
    const reason: Message = unknown
      ? { key: 'bpmn.unmapped.unknownElement', params: { element: unknown[1]! } }
      : unresolved
        ? { key: 'bpmn.unmapped.unresolved', params: { ref: unresolved[1]! } }
        : { key: 'bpmn.unmapped.unreadable', params: { detail } };
    unmapped.push({ id: String(w.element?.id ?? ''), type: w.element ? localType(w.element.$type) : 'XML', reason });
  }

  // Roles: the lanes (nested lanes by their innermost lanes), or one for case work when the file has none.
  const leafLanes = (sets: ModdleElement[] = []): ModdleElement[] =>
    sets.flatMap((set) => (set.lanes ?? []).flatMap((lane: ModdleElement) => (lane.childLaneSet?.lanes?.length ? leafLanes([lane.childLaneSet]) : [lane])));
  const lanes = leafLanes(process.laneSets);
  const roles: WorkflowRole[] = [];
  const roleOfNode = new Map<ModdleElement, string>();
  const takenRoles = new Set<string>();
  for (const [i, lane] of lanes.entries()) {
    const own = extOf(lane, 'rathaus:Role');
    const name = clean(lane.name);
    const id = unique(own?.id || slugOf(name) || `rolle-${i + 1}`, takenRoles);
    roles.push({ id, label: defined({ de: name || id, en: own?.labelEn }) });
    for (const node of lane.flowNodeRef ?? []) roleOfNode.set(node, id);
  }
  if (!roles.length) roles.push({ id: 'sachbearbeitung', label: { de: 'Sachbearbeitung', en: 'Case work' } });

  const elements: ModdleElement[] = process.flowElements ?? [];
  const nodes = elements.filter((e) => e.$type !== 'bpmn:SequenceFlow' && !SILENT.has(e.$type));
  const flows = elements.filter((e) => e.$type === 'bpmn:SequenceFlow');
  const starts = nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  const timerOf = (n: ModdleElement) => n.eventDefinitions?.find((d: ModdleElement) => d.$type === 'bpmn:TimerEventDefinition');

  // States: tasks and end events, in the file's order.
  const states: WorkflowState[] = [];
  const stateOfNode = new Map<ModdleElement, string>();
  const takenStates = new Set<string>();
  for (const node of nodes) {
    const isEnd = node.$type === 'bpmn:EndEvent';
    if (!isEnd && !STATE_TASKS.has(node.$type)) continue;
    const own = extOf(node, 'rathaus:State');
    const name = clean(node.name);
    const id = unique(own?.id || slugOf(name) || slugOf(String(node.id)) || `schritt-${states.length + 1}`, takenStates);
    const phase: Phase = PHASES.includes(own?.phase as Phase)
      ? (own!.phase as Phase)
      : isEnd
        ? 'closed'
        : node.$type === 'bpmn:ReceiveTask'
          ? 'awaiting_applicant'
          : 'in_review';
    const deadline = own?.deadline;
    states.push(
      defined({
        id,
        label: defined({ de: name || id, en: own?.labelEn }),
        phase,
        final: isEnd || own?.final ? true : undefined,
        deadline: deadline?.days !== undefined ? defined({ days: deadline.days, from: deadline.from ?? 'entered', warnDays: deadline.warnDays }) : undefined,
      }),
    );
    stateOfNode.set(node, id);
    for (const d of node.eventDefinitions ?? []) report(node, 'bpmn.unmapped.endTrigger', { definition: localType(d.$type) });
  }
  if (!states.some((s) => !s.final)) return { ok: false, refusal: { key: 'bpmn.file.noTasks' } };

  // Timer boundary events that become transitions; every other node that is not a state is reported here once.
  const timerDays = new Map<ModdleElement, number>();
  for (const node of nodes) {
    if (stateOfNode.has(node) || node.$type === 'bpmn:ExclusiveGateway') continue;
    if (node.$type === 'bpmn:StartEvent') {
      if (node !== starts[0]) report(node, 'bpmn.unmapped.extraStart');
      for (const d of node.eventDefinitions ?? []) report(node, 'bpmn.unmapped.startTrigger', { definition: localType(d.$type) });
      continue;
    }
    const timer = node.$type === 'bpmn:BoundaryEvent' ? timerOf(node) : undefined;
    if (timer && stateOfNode.has(node.attachedToRef)) {
      const duration = clean(timer.timeDuration?.body);
      const days = durationDays(duration);
      if (node.cancelActivity === false) report(node, 'bpmn.unmapped.timerNonInterrupting');
      else if (days === undefined || days < 1)
        report(node, 'bpmn.unmapped.timerDuration', { duration: duration || clean(timer.timeDate?.body ?? timer.timeCycle?.body) || '–' });
      else {
        timerDays.set(node, days);
        continue;
      }
      continue;
    }
    if (SPLITS.has(node.$type)) report(node, 'bpmn.unmapped.split');
    else if (SUB_PROCESSES.has(node.$type)) report(node, 'bpmn.unmapped.subProcess');
    else if (node.$type === 'bpmn:DataObject' && nodes.some((n) => n.dataObjectRef === node)) continue;
    else if (node.$type === 'bpmn:DataObjectReference' || node.$type === 'bpmn:DataStoreReference' || node.$type === 'bpmn:DataObject')
      report(node, 'bpmn.unmapped.data');
    else if (node.$type === 'bpmn:TextAnnotation') report(node, 'bpmn.unmapped.annotation', { text: clean(node.text) });
    else if (node.outgoing?.length || node.incoming?.length || node.attachedToRef) report(node, 'bpmn.unmapped.joined');
    else report(node, 'bpmn.unmapped.element');
  }
  const collaborationArtifacts = roots.filter((r) => r.$type === 'bpmn:Collaboration').flatMap((c) => c.artifacts ?? []);
  for (const artifact of [...(process.artifacts ?? []), ...collaborationArtifacts]) {
    if (artifact.$type === 'bpmn:TextAnnotation') report(artifact, 'bpmn.unmapped.annotation', { text: clean(artifact.text) });
    else if (artifact.$type === 'bpmn:Group') report(artifact, 'bpmn.unmapped.element');
  }

  const outgoing = (node: ModdleElement): ModdleElement[] => flows.filter((f) => f.sourceRef === node);
  const attached = (node: ModdleElement) => nodes.filter((n) => n.$type === 'bpmn:BoundaryEvent' && n.attachedToRef === node);

  /** The states a flow leads to, through gateways and unmapped elements; the flow nearest the state describes it. */
  const reach = (flow: ModdleElement, path: ModdleElement[], seen: Set<ModdleElement>): Array<{ target: string; flows: ModdleElement[] }> => {
    const target: ModdleElement = flow.targetRef;
    const via = [...path, flow];
    if (!target) return [];
    if (stateOfNode.has(target)) return [{ target: stateOfNode.get(target)!, flows: via }];
    if (seen.has(target)) return [];
    const next = new Set(seen).add(target);
    return [...outgoing(target), ...attached(target).flatMap((b) => outgoing(b))].flatMap((f) => reach(f, via, next));
  };

  const found: Array<{ transition: WorkflowTransition; order: number }> = [];
  const takenTransitions = new Set<string>();
  for (const flow of flows) {
    if (flow.conditionExpression) report(flow, 'bpmn.unmapped.condition', { condition: clean(flow.conditionExpression.body) || '–' });
  }
  const addFrom = (source: ModdleElement, exits: ModdleElement[], timer?: { node: ModdleElement; days: number }) => {
    const from = stateOfNode.get(source)!;
    for (const exit of exits) {
      for (const way of reach(exit, [], new Set([timer?.node ?? source]))) {
        const described = [...way.flows].reverse().find((f) => extOf(f, 'rathaus:Transition')) ?? [...way.flows].reverse().find((f) => clean(f.name));
        const own = described && extOf(described, 'rathaus:Transition');
        const targetState = states.find((s) => s.id === way.target)!;
        const gateway = way.flows
          .map((f) => f.sourceRef)
          .find((n: ModdleElement) => n.$type === 'bpmn:ExclusiveGateway' && clean(n.name) && !extOf(described, 'rathaus:Transition'));
        const flowName = clean(described?.name);
        // "ja" / "nein" after "Vollständig?" mean something only together with the gateway's question.
        // Without a named flow, an element the flows were joined around names the step: "Antwort eingegangen".
        const passed = way.flows
          .slice(1)
          .map((f) => f.sourceRef)
          .reverse()
          .find((n: ModdleElement) => n.$type !== 'bpmn:ExclusiveGateway' && clean(n.name));
        const name =
          (gateway && flowName ? `${clean(gateway.name)} – ${flowName}` : flowName) ||
          (timer ? clean(timer.node.name) : '') ||
          clean(passed?.name) ||
          targetState.label.de;
        const id = unique(own?.id || slugOf(name === targetState.label.de ? '' : name) || `${from}-${way.target}`, takenTransitions);
        const ownRoles = typeof own?.roles === 'string' ? own.roles.split(/\s+/).filter(Boolean) : undefined;
        const trigger = timer ? 'timer' : own?.trigger === 'applicantAnswer' || own?.trigger === 'manual' ? own.trigger : undefined;
        found.push({
          order: flows.indexOf(way.flows[way.flows.length - 1]!),
          transition: defined({
            id,
            from,
            to: way.target,
            label: defined({ de: name, en: own?.labelEn }),
            roles: ownRoles ?? (timer ? [] : [roleOfNode.get(source) ?? roles[0]!.id]),
            trigger,
            timerDays: timer?.days,
            guards: own?.guards?.length ? own.guards.map(guardOf) : undefined,
            fields: own?.fields?.length
              ? own.fields.map((f: ModdleElement) =>
                  defined({
                    id: String(f.id ?? ''),
                    label: defined({ de: clean(f.label), en: f.labelEn }),
                    type: f.type ?? 'text',
                    required: f.required === true,
                  }),
                )
              : undefined,
            effect: own?.effect,
          }) as WorkflowTransition,
        });
      }
    }
  };
  for (const node of nodes) {
    if (!stateOfNode.has(node) || node.$type === 'bpmn:EndEvent') continue;
    addFrom(node, outgoing(node));
    for (const boundary of attached(node)) {
      const days = timerDays.get(boundary);
      if (days !== undefined) addFrom(node, outgoing(boundary), { node: boundary, days });
      else addFrom(node, outgoing(boundary));
    }
  }

  // In the order of the flows that enter each transition's target: an export's order is the definition's.
  const transitions = found.sort((a, b) => a.order - b.order).map((f) => f.transition);

  // The initial state: where the start event leads, else the first task.
  const start = starts[0];
  const firstReached = start ? outgoing(start).flatMap((f) => reach(f, [], new Set([start]))) : [];
  const initial = firstReached[0]?.target ?? states.find((s) => !s.final)!.id;
  if (!start) unmapped.push({ id: '', type: 'StartEvent', reason: { key: 'bpmn.unmapped.noStart', params: { state: initial } } });

  // A task with nothing after it ends the process in BPMN: here it becomes a final state.
  for (const s of states) {
    if (s.final || transitions.some((t) => t.from === s.id)) continue;
    s.final = true;
    if (s.phase === 'in_review') s.phase = 'closed';
    const node = [...stateOfNode].find(([, id]) => id === s.id)![0];
    report(node, 'bpmn.unmapped.deadEnd');
  }

  const own = extOf(process, 'rathaus:Workflow');
  const participant = participants.find((p) => p.processRef === process);
  const name = clean(process.name) || clean(participant?.name) || clean(definitions.name) || clean(process.id);
  const descriptionOf = (lang: string) => own?.descriptions?.find((d: ModdleElement) => d.lang === lang)?.text as string | undefined;
  const descriptionDe = descriptionOf('de') ?? (process.documentation?.[0]?.text as string | undefined)?.trim();
  const definition: WorkflowDefinition = defined({
    key: own?.key || slugOf(name) || 'importiert',
    name: defined({ de: name, en: own?.nameEn }),
    description: descriptionDe ? defined({ de: descriptionDe, en: descriptionOf('en') }) : undefined,
    initial,
    roles,
    states,
    transitions,
  });
  return { ok: true, definition, unmapped };
}

function guardOf(g: ModdleElement): Guard {
  if (g.kind === 'answered') return { kind: 'answered', field: String(g.field ?? '') };
  if (g.kind === 'otherThan') return { kind: 'otherThan', transition: String(g.transition ?? '') };
  return { kind: g.kind } as Guard;
}

function unique(base: string, taken: Set<string>): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
