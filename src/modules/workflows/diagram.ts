// The workflow as an SVG picture, drawn on the server so it needs no JavaScript. The layout is layered: a state's
// row is its longest path from the initial state (back edges left out), states in a row are ordered by the mean
// position of their neighbours to reduce crossings, ties by their order in the definition, so the same definition
// always gives the same picture. Arrows between neighbouring rows are curves; every other arrow runs through the
// gaps between rows and down a lane beside the picture, so no arrow crosses a state's box.
import type { Locale, Translate } from '../../platform/i18n/index.ts';
import type { WorkflowDefinition, WorkflowState, WorkflowTransition } from './schema.ts';

const BOX_W = 200;
const BOX_H = 88;
const H_GAP = 180;
const V_GAP = 120;
const LANE = 18;
const LABEL_ROOM = 200;
const CHAR_W = 6.6;
const LINE_H = 14;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const textOf = (text: { de: string; en?: string } | undefined, locale: Locale) => (text ? (locale === 'en' && text.en) || text.de : '');

/** Up to `lines` lines of at most `width` characters, broken at spaces; a cut last line ends with an ellipsis. */
export function wrap(text: string, width: number, lines = 2): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    if (!line) line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      out.push(line);
      line = word;
    }
  }
  if (line) out.push(line);
  const kept = out.slice(0, lines).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  if (out.length > lines) kept[lines - 1] = `${kept[lines - 1]!.slice(0, width - 1)}…`;
  return kept;
}

export interface Layout {
  layer: Map<string, number>;
  rows: string[][];
}

/** Rows of state ids: the layered, crossing-reduced order the picture uses. */
export function layout(def: WorkflowDefinition): Layout {
  const ids = def.states.map((s) => s.id);
  const known = new Set(ids);
  const edges = def.transitions.filter((t) => known.has(t.from) && known.has(t.to) && t.from !== t.to);
  // Back edges: those closing a cycle in a depth-first walk from the initial state, in definition order.
  const back = new Set<WorkflowTransition>();
  const seen = new Set<string>();
  const onStack = new Set<string>();
  const visit = (id: string) => {
    seen.add(id);
    onStack.add(id);
    for (const e of edges) {
      if (e.from !== id) continue;
      if (onStack.has(e.to)) back.add(e);
      else if (!seen.has(e.to)) visit(e.to);
    }
    onStack.delete(id);
  };
  if (known.has(def.initial)) visit(def.initial);
  for (const id of ids) if (!seen.has(id)) visit(id);
  const forward = edges.filter((e) => !back.has(e));

  // Longest path over the acyclic rest, in topological order (ties by definition order).
  const layer = new Map<string, number>(ids.map((id) => [id, 0]));
  const indegree = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const e of forward) indegree.set(e.to, indegree.get(e.to)! + 1);
  const ready = ids.filter((id) => indegree.get(id) === 0);
  while (ready.length) {
    const id = ready.shift()!;
    for (const e of forward) {
      if (e.from !== id) continue;
      layer.set(e.to, Math.max(layer.get(e.to)!, layer.get(id)! + 1));
      indegree.set(e.to, indegree.get(e.to)! - 1);
      if (indegree.get(e.to) === 0) ready.push(e.to);
    }
  }
  // The initial state heads the picture even when an unreachable state has no way in either.
  if (known.has(def.initial) && layer.get(def.initial)! > 0) layer.set(def.initial, 0);

  const depth = Math.max(0, ...layer.values());
  const rows: string[][] = Array.from({ length: depth + 1 }, () => []);
  for (const id of ids) rows[layer.get(id)!]!.push(id);
  const position = () => new Map(rows.flatMap((row) => row.map((id, i) => [id, i] as const)));
  const neighbours = (id: string, towards: number) =>
    edges.flatMap((e) => (e.from === id ? [e.to] : e.to === id ? [e.from] : [])).filter((n) => layer.get(n) === towards);
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    for (let r = down ? 1 : depth - 1; down ? r <= depth : r >= 0; r += down ? 1 : -1) {
      const pos = position();
      const ref = down ? r - 1 : r + 1;
      const row = rows[r]!;
      const score = new Map(
        row.map((id, i) => {
          const ns = neighbours(id, ref);
          return [id, ns.length ? ns.reduce((sum, n) => sum + pos.get(n)!, 0) / ns.length : i] as const;
        }),
      );
      rows[r] = row
        .map((id, i) => ({ id, i }))
        .sort((a, b) => score.get(a.id)! - score.get(b.id)! || a.i - b.i)
        .map((x) => x.id);
    }
  }
  return { layer, rows };
}

interface Box {
  state: WorkflowState;
  x: number;
  y: number;
}

export interface DiagramOptions {
  t: Translate;
  locale: Locale;
  /** Prefix of the element ids, unique on the page. */
  idPrefix?: string;
}

/** What an arrow says: the transition's label, then who takes it or what takes it. */
export function arrowLines(def: WorkflowDefinition, tr: WorkflowTransition, { t, locale }: DiagramOptions): string[] {
  const lines = wrap(textOf(tr.label, locale), 26);
  const trigger = tr.trigger ?? 'manual';
  if (trigger === 'timer') lines.push(...wrap(t('workflows.trigger.timerDays', { days: tr.timerDays ?? 0 }), 28));
  else if (trigger === 'applicantAnswer') lines.push(...wrap(t('workflows.trigger.applicantAnswer'), 28));
  else if (tr.roles.length) lines.push(...wrap(`(${tr.roles.map((r) => textOf(def.roles.find((x) => x.id === r)?.label, locale) || r).join(', ')})`, 28, 1));
  return lines;
}

export function stateLines(s: WorkflowState, { t, locale }: DiagramOptions): { title: string[]; details: string[] } {
  const details = wrap(t('workflows.phaseShort', { phase: t(`workflows.phase.${s.phase}` as Parameters<Translate>[0]) }), 32);
  if (s.deadline)
    details.push(t('workflows.deadlineShort', { days: s.deadline.days, from: t(`workflows.deadlineFrom.${s.deadline.from}` as Parameters<Translate>[0]) }));
  return { title: wrap(textOf(s.label, locale), 24), details };
}

const textEl = (x: number, y: number, lines: string[], attrs: string) =>
  `<text x="${x}" y="${y}" ${attrs}>${lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? 0 : LINE_H}">${escapeXml(l)}</tspan>`).join('')}</text>`;

/** A label over a line: a white box behind the text keeps it readable where arrows cross. */
function label(placed: Rect[], x: number, y: number, lines: string[], anchor: 'start' | 'middle' | 'end'): string {
  const width = Math.max(...lines.map((l) => l.length)) * CHAR_W + 8;
  const height = lines.length * LINE_H + 4;
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'start' ? x - 4 : x - width + 4;
  // Labels that would cover one another move down, one step at a time, until they are clear.
  let top = y - 11;
  for (let i = 0; i < 40 && placed.some((p) => left < p.x + p.w && p.x < left + width && top < p.y + p.h && p.y < top + height); i++) top += 6;
  placed.push({ x: left, y: top, w: width, h: height });
  return (
    `<rect x="${r(left)}" y="${r(top)}" width="${r(width)}" height="${height}" class="wf-label-bg" fill="#ffffff" opacity="0.9"/>` +
    textEl(r(x), r(top + 11), lines, `text-anchor="${anchor}" font-size="12" class="wf-edge-label" fill="#1b1b1b"`)
  );
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const r = (n: number) => Math.round(n * 10) / 10;

/** The picture as SVG markup; every text in it is escaped. */
export function renderDiagram(def: WorkflowDefinition, options: DiagramOptions): string {
  const { t, locale } = options;
  const pre = options.idPrefix ?? 'wf';
  const { rows } = layout(def);
  const widest = Math.max(1, ...rows.map((row) => row.length));
  const inner = widest * BOX_W + (widest - 1) * H_GAP;
  const byId = new Map(def.states.map((s) => [s.id, s]));
  const known = new Set(byId.keys());
  const edges = def.transitions.filter((tr) => known.has(tr.from) && known.has(tr.to));
  const lanesLeft: WorkflowTransition[] = [];
  const lanesRight: WorkflowTransition[] = [];
  const layerOf = new Map<string, number>();
  rows.forEach((row, i) => row.forEach((id) => layerOf.set(id, i)));
  for (const tr of edges) {
    const span = layerOf.get(tr.to)! - layerOf.get(tr.from)!;
    if (tr.from === tr.to || span === 1 || span === 0) continue;
    (span > 1 ? lanesLeft : lanesRight).push(tr);
  }
  const left = 20 + (lanesLeft.length ? lanesLeft.length * LANE + LABEL_ROOM : 0);
  const top = 50;
  const boxes = new Map<string, Box>();
  rows.forEach((row, i) => {
    const rowWidth = row.length * BOX_W + (row.length - 1) * H_GAP;
    row.forEach((id, j) => boxes.set(id, { state: byId.get(id)!, x: left + (inner - rowWidth) / 2 + j * (BOX_W + H_GAP), y: top + i * (BOX_H + V_GAP) }));
  });
  const right = left + inner + (lanesRight.length ? lanesRight.length * LANE + LABEL_ROOM : 0) + 60;
  const height = top + rows.length * (BOX_H + V_GAP) - V_GAP + 40;

  const parts: string[] = [];
  const placed: Rect[] = [];
  // Several arrows leaving or entering one side of a box are spread along it.
  const spread = (count: number, index: number) => (count <= 1 ? 0 : ((index - (count - 1) / 2) * BOX_W * 0.6) / (count - 1));
  const outBottom = new Map<string, WorkflowTransition[]>();
  const inTop = new Map<string, WorkflowTransition[]>();
  const push = (map: Map<string, WorkflowTransition[]>, id: string, tr: WorkflowTransition) => map.set(id, [...(map.get(id) ?? []), tr]);
  for (const tr of edges) {
    if (tr.from === tr.to) continue;
    if (layerOf.get(tr.to)! > layerOf.get(tr.from)!) {
      push(outBottom, tr.from, tr);
      push(inTop, tr.to, tr);
    }
  }
  const channelUse = new Map<number, number>();
  const channel = (y: number) => {
    const k = channelUse.get(y) ?? 0;
    channelUse.set(y, k + 1);
    return y + 12 + (k % 6) * 12;
  };
  const selfCount = new Map<string, number>();

  for (const tr of edges) {
    const a = boxes.get(tr.from)!;
    const b = boxes.get(tr.to)!;
    const lines = arrowLines(def, tr, options);
    const cls = `wf-edge wf-edge--${tr.trigger ?? 'manual'}`;
    const dash = tr.trigger && tr.trigger !== 'manual' ? ' stroke-dasharray="6 4"' : '';
    const path = (d: string) => `<path d="${d}" class="${cls}" fill="none" stroke="#4c4c4c" stroke-width="1.5"${dash} marker-end="url(#${pre}-arrow)"/>`;
    if (tr.from === tr.to) {
      const k = selfCount.get(tr.from) ?? 0;
      selfCount.set(tr.from, k + 1);
      const x = a.x + BOX_W;
      const y1 = a.y + 14 + k * 8;
      const y2 = a.y + BOX_H - 14 - k * 8;
      const out = 40 + k * 16;
      parts.push(path(`M ${r(x)} ${r(y1)} C ${r(x + out)} ${r(y1 - 10)}, ${r(x + out)} ${r(y2 + 10)}, ${r(x + 2)} ${r(y2)}`));
      parts.push(label(placed, x + out + 6, a.y + BOX_H / 2 - ((lines.length - 1) * LINE_H) / 2 + 4 + k * 30, lines, 'start'));
      continue;
    }
    const span = layerOf.get(tr.to)! - layerOf.get(tr.from)!;
    if (span === 1) {
      const outs = outBottom.get(tr.from)!;
      const ins = inTop.get(tr.to)!;
      const x1 = a.x + BOX_W / 2 + spread(outs.length, outs.indexOf(tr));
      const x2 = b.x + BOX_W / 2 + spread(ins.length, ins.indexOf(tr));
      const y1 = a.y + BOX_H;
      const y2 = b.y - 2;
      const mid = (y1 + y2) / 2;
      parts.push(path(`M ${r(x1)} ${r(y1)} C ${r(x1)} ${r(mid)}, ${r(x2)} ${r(mid)}, ${r(x2)} ${r(y2)}`));
      parts.push(label(placed, (x1 + x2) / 2, mid - ((lines.length - 1) * LINE_H) / 2 + 4, lines, 'middle'));
      continue;
    }
    if (span === 0) {
      // Beside each other in one row: under both boxes, through the gap below the row.
      const y = channel(a.y + BOX_H);
      const x1 = a.x + BOX_W * 0.75;
      const x2 = b.x + BOX_W * 0.25;
      parts.push(path(`M ${r(x1)} ${r(a.y + BOX_H)} L ${r(x1)} ${r(y)} L ${r(x2)} ${r(y)} L ${r(x2)} ${r(b.y + BOX_H + 2)}`));
      parts.push(label(placed, (x1 + x2) / 2, y + 14, lines, 'middle'));
      continue;
    }
    const leftLane = span > 1;
    const lane = leftLane ? left - 30 - lanesLeft.indexOf(tr) * LANE : left + inner + 30 + lanesRight.indexOf(tr) * LANE;
    if (leftLane) {
      const y1 = channel(a.y + BOX_H);
      const y2 = channel(b.y - V_GAP);
      const x1 = a.x + 16 + (lanesLeft.indexOf(tr) % 4) * 10;
      const x2 = b.x + 16 + (lanesLeft.indexOf(tr) % 4) * 10;
      parts.push(
        path(`M ${r(x1)} ${r(a.y + BOX_H)} L ${r(x1)} ${r(y1)} L ${r(lane)} ${r(y1)} L ${r(lane)} ${r(y2)} L ${r(x2)} ${r(y2)} L ${r(x2)} ${r(b.y - 2)}`),
      );
      parts.push(label(placed, left - 30 - lanesLeft.length * LANE + 8, (y1 + y2) / 2, lines, 'end'));
    } else {
      const y1 = channel(a.y - V_GAP);
      const y2 = channel(b.y + BOX_H);
      const x1 = a.x + BOX_W - 16 - (lanesRight.indexOf(tr) % 4) * 10;
      const x2 = b.x + BOX_W - 16 - (lanesRight.indexOf(tr) % 4) * 10;
      parts.push(
        path(`M ${r(x1)} ${r(a.y)} L ${r(x1)} ${r(y1)} L ${r(lane)} ${r(y1)} L ${r(lane)} ${r(y2)} L ${r(x2)} ${r(y2)} L ${r(x2)} ${r(b.y + BOX_H + 2)}`),
      );
      parts.push(label(placed, left + inner + 30 + lanesRight.length * LANE, (y1 + y2) / 2, lines, 'start'));
    }
  }

  const boxParts: string[] = [];
  for (const { state, x, y } of boxes.values()) {
    const { title, details } = stateLines(state, options);
    const cls = ['wf-state', state.final ? 'wf-state--final' : '', state.id === def.initial ? 'wf-state--initial' : ''].filter(Boolean).join(' ');
    boxParts.push(`<g class="${cls}">`);
    boxParts.push(
      `<rect x="${r(x)}" y="${r(y)}" width="${BOX_W}" height="${BOX_H}" rx="8" fill="#f2f6fa" stroke="#1b4a7a" stroke-width="${state.id === def.initial ? 3 : 1.5}"/>`,
    );
    if (state.final)
      boxParts.push(
        `<rect x="${r(x + 4)}" y="${r(y + 4)}" width="${BOX_W - 8}" height="${BOX_H - 8}" rx="6" fill="none" stroke="#1b4a7a" stroke-width="1.5"/>`,
      );
    boxParts.push(textEl(r(x + BOX_W / 2), r(y + 22), title, 'text-anchor="middle" font-size="13" font-weight="bold" fill="#1b1b1b"'));
    const extra = state.final ? [...details, t('workflows.final')] : details;
    boxParts.push(textEl(r(x + BOX_W / 2), r(y + 26 + title.length * LINE_H), extra.slice(0, 4), 'text-anchor="middle" font-size="11" fill="#3a3a3a"'));
    boxParts.push('</g>');
  }
  const start = boxes.get(def.initial);
  if (start) {
    const cx = start.x + BOX_W / 2;
    boxParts.push(`<circle cx="${r(cx)}" cy="${top - 34}" r="7" fill="#1b4a7a" class="wf-start"/>`);
    boxParts.push(`<path d="M ${r(cx)} ${top - 27} L ${r(cx)} ${top - 3}" stroke="#1b4a7a" stroke-width="1.5" marker-end="url(#${pre}-arrow)"/>`);
  }

  const name = textOf(def.name, locale);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${pre}-title ${pre}-desc" viewBox="0 0 ${r(right)} ${r(height)}" width="${r(right)}" height="${r(height)}" class="wf-diagram" font-family="sans-serif">`,
    `<title id="${pre}-title">${escapeXml(t('workflows.diagram.title', { name }))}</title>`,
    `<desc id="${pre}-desc">${escapeXml(t('workflows.diagram.desc', { states: def.states.length, transitions: def.transitions.length }))}</desc>`,
    `<defs><marker id="${pre}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#4c4c4c"/></marker></defs>`,
    ...boxParts,
    ...parts,
    '</svg>',
  ].join('');
}
