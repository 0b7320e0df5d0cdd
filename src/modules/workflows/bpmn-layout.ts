// Where an exported workflow's shapes sit (BPMN DI), so a modeller opens the file as a diagram instead of an empty
// canvas: one column per step from the initial state, one band per lane, several states of one lane and column
// stacked. Flows go forward left to right; a flow back (a loop, a return for rework) runs below its shapes.
import type { BpmnModdle, ModdleElement } from 'bpmn-moddle';
import type { PlacedNode } from './bpmn.ts';

const POOL_X = 100;
const POOL_Y = 80;
const HEADER = 30;
const COLUMN = 240;
const ROW = 140;
const TASK = { width: 100, height: 80 };
const EVENT = 36;
const GATEWAY = 50;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function layoutDiagram(
  m: BpmnModdle,
  parts: { collaboration: ModdleElement; participant: ModdleElement; lanes: ModdleElement[]; nodes: PlacedNode[]; flows: ModdleElement[] },
): ModdleElement {
  const { nodes, flows } = parts;
  const laneCount = Math.max(1, parts.lanes.length);

  // Columns: the start event first, then each state one step after the first state that leads to it.
  const column = new Map<string, number>();
  const start = nodes.find((n) => n.kind === 'start');
  const stateNodes = nodes.filter((n) => n.kind === 'task' || n.kind === 'end');
  const next = (state: string) =>
    flows
      .filter((f) => nodes.find((n) => n.element === f.sourceRef)?.state === state)
      .map((f) => nodes.find((n) => n.element === f.targetRef)?.state)
      .filter((s): s is string => !!s && s !== state);
  if (start) {
    const queue: string[] = [start.state];
    column.set(start.state, 1);
    while (queue.length) {
      const s = queue.shift()!;
      for (const t of next(s)) {
        if (column.has(t)) continue;
        column.set(t, column.get(s)! + 1);
        queue.push(t);
      }
    }
  }
  let last = Math.max(1, ...column.values());
  for (const n of stateNodes) if (!column.has(n.state)) column.set(n.state, ++last);

  // Rows within a lane: states of one lane and column are stacked.
  const row = new Map<string, number>();
  const taken = new Map<string, number>();
  for (const n of [...stateNodes].sort((a, b) => column.get(a.state)! - column.get(b.state)!)) {
    const cell = `${n.lane}:${column.get(n.state)}`;
    row.set(n.state, taken.get(cell) ?? 0);
    taken.set(cell, (taken.get(cell) ?? 0) + 1);
  }
  const rowsOf = Array.from({ length: laneCount }, (_, lane) => Math.max(1, ...[...taken].filter(([c]) => c.startsWith(`${lane}:`)).map(([, k]) => k)));
  const laneTop = rowsOf.map((_, i) => POOL_Y + rowsOf.slice(0, i).reduce((sum, r) => sum + r * ROW, 0));
  const height = rowsOf.reduce((sum, r) => sum + r * ROW, 0);
  // The start event has a narrow column of its own before the states' columns.
  const FIRST = POOL_X + HEADER + 120;
  const width = HEADER + 120 + last * COLUMN;

  const cellOf = (n: PlacedNode) => ({
    x: FIRST + (column.get(n.state)! - 1) * COLUMN,
    y: laneTop[n.lane]! + 20 + (n.kind === 'start' ? 0 : row.get(n.state)!) * ROW,
  });
  const boxes = new Map<ModdleElement, Box>();
  const timersOn = new Map<ModdleElement, number>();
  for (const n of nodes) {
    const cell = cellOf(n);
    if (n.kind === 'task') boxes.set(n.element, { ...cell, ...TASK });
    else if (n.kind === 'start' || n.kind === 'end')
      boxes.set(n.element, { x: n.kind === 'start' ? POOL_X + HEADER + 40 : cell.x + 32, y: cell.y + 22, width: EVENT, height: EVENT });
    else if (n.kind === 'gateway') boxes.set(n.element, { x: cell.x + TASK.width + 45, y: cell.y + 15, width: GATEWAY, height: GATEWAY });
  }
  for (const n of nodes.filter((k) => k.kind === 'timer')) {
    const host = boxes.get(n.host!)!;
    const k = timersOn.get(n.host!) ?? 0;
    timersOn.set(n.host!, k + 1);
    boxes.set(n.element, { x: host.x + 60 - k * 40, y: host.y + host.height - EVENT / 2, width: EVENT, height: EVENT });
  }

  const bounds = (b: Box) => m.create('dc:Bounds', { ...b });
  const point = (x: number, y: number) => m.create('dc:Point', { x: Math.round(x), y: Math.round(y) });
  const shapes: ModdleElement[] = [
    m.create('bpmndi:BPMNShape', {
      id: `${parts.participant.id}_di`,
      bpmnElement: parts.participant,
      isHorizontal: true,
      bounds: bounds({ x: POOL_X, y: POOL_Y, width, height }),
    }),
    ...parts.lanes.map((lane, i) =>
      m.create('bpmndi:BPMNShape', {
        id: `${lane.id}_di`,
        bpmnElement: lane,
        isHorizontal: true,
        bounds: bounds({ x: POOL_X + HEADER, y: laneTop[i]!, width: width - HEADER, height: rowsOf[i]! * ROW }),
      }),
    ),
    ...nodes.map((n) =>
      m.create('bpmndi:BPMNShape', {
        id: `${n.element.id}_di`,
        bpmnElement: n.element,
        bounds: bounds(boxes.get(n.element)!),
        ...(n.kind === 'gateway' ? { isMarkerVisible: true } : {}),
      }),
    ),
  ];

  // A flow back to an earlier or the same column runs below both shapes; the offset keeps such flows apart.
  let below = 0;
  const edges = flows.map((f) => {
    const s = boxes.get(f.sourceRef)!;
    const t = boxes.get(f.targetRef)!;
    const fromTimer = f.sourceRef.$type === 'bpmn:BoundaryEvent';
    const sy = s.y + s.height / 2;
    const ty = t.y + t.height / 2;
    let points: ModdleElement[];
    if (t.x > s.x + s.width) {
      const mid = (Math.max(s.x + s.width, fromTimer ? s.x + s.width / 2 : 0) + t.x) / 2;
      points = fromTimer
        ? [
            point(s.x + s.width / 2, s.y + s.height),
            point(s.x + s.width / 2, s.y + s.height + 20),
            point(mid, s.y + s.height + 20),
            point(mid, ty),
            point(t.x, ty),
          ]
        : sy === ty
          ? [point(s.x + s.width, sy), point(t.x, ty)]
          : [point(s.x + s.width, sy), point(mid, sy), point(mid, ty), point(t.x, ty)];
    } else {
      below += 8;
      const low = Math.max(s.y + s.height, t.y + t.height) + 20 + (below % 40);
      points = [
        point(s.x + s.width / 2, s.y + s.height),
        point(s.x + s.width / 2, low),
        point(t.x + t.width / 2, low),
        point(t.x + t.width / 2, t.y + t.height),
      ];
    }
    return m.create('bpmndi:BPMNEdge', { id: `${f.id}_di`, bpmnElement: f, waypoint: points });
  });

  return m.create('bpmndi:BPMNDiagram', {
    id: 'Diagram_1',
    plane: m.create('bpmndi:BPMNPlane', { id: 'Plane_1', bpmnElement: parts.collaboration, planeElement: [...shapes, ...edges] }),
  });
}
