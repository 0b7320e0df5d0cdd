import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.ts';
import { BUILT_IN, FEE_PAYMENT, FOUR_EYES, STANDARD } from './builtins.ts';
import { layout, renderDiagram, wrap } from './diagram.ts';
import type { WorkflowDefinition } from './schema.ts';

const options = { t: translator('de'), locale: 'de' as const };
const texts = (svg: string) => [...svg.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);

describe('the workflow diagram', () => {
  it.each(BUILT_IN.map((w) => [w.key, w] as const))('%s: every state and every transition appears, with roles, deadlines and final marks', (_k, def) => {
    const svg = renderDiagram(def, options);
    const shown = texts(svg);
    for (const s of def.states) expect(shown.join(' ')).toContain(s.label.de);
    for (const tr of def.transitions) expect(shown.join(' ')).toContain(wrap(tr.label.de, 26)[0]);
    expect(svg.match(/class="wf-state[ "]/g)).toHaveLength(def.states.length);
    expect(svg.match(/class="wf-edge /g)).toHaveLength(def.transitions.length);
    expect(svg.match(/wf-state--final/g)).toHaveLength(def.states.filter((s) => s.final).length);
    expect(shown).toContain('Frist 3 Tage ab Eintritt in den Zustand');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" aria-labelledby="wf-title wf-desc"/);
    expect(svg).toContain(`<title id="wf-title">Ablaufdiagramm: ${def.name.de}</title>`);
    expect(svg).not.toMatch(/style=/);
  });

  it('names the roles on the arrows and what takes a transition not taken by hand', () => {
    const shown = texts(renderDiagram(FOUR_EYES, options));
    expect(shown).toContain('(Leitung)');
    expect(shown).toContain('(Sachbearbeitung, Leitung)');
    expect(texts(renderDiagram(STANDARD, options))).toContain('automatisch nach 28 Tagen');
    expect(texts(renderDiagram(FEE_PAYMENT, options))).toContain('(Kasse)');
  });

  it('draws a transition back to its own state as a loop', () => {
    const svg = renderDiagram(STANDARD, options);
    // "Vollständigkeit feststellen" stays in review: a curve leaving the box's right side and coming back to it.
    const loops = [...svg.matchAll(/<path d="M ([\d.]+) [\d.]+ C [^"]*, ([\d.]+) [\d.]+"/g)].filter((m) => Number(m[2]) - Number(m[1]) === 2);
    expect(loops).toHaveLength(1);
  });

  it('escapes every label: a name or label with markup stays text', () => {
    const def: WorkflowDefinition = structuredClone(STANDARD);
    def.name = { de: '<script>alert(1)</script>' };
    def.states[0]!.label = { de: 'A & B "<img src=x onerror=alert(1)>"' };
    def.transitions[0]!.label = { de: "</text><script>x</script>'" };
    def.roles[0]!.label = { de: '<b>Rolle</b>' };
    const svg = renderDiagram(def, options);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<img');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('A &amp; B &quot;&lt;img');
  });

  it('gives the same picture for the same definition, and orders rows by the longest path from the initial state', () => {
    expect(renderDiagram(FEE_PAYMENT, options)).toBe(renderDiagram(structuredClone(FEE_PAYMENT), options));
    expect(layout(STANDARD).rows).toEqual([['eingang'], ['pruefung'], ['rueckfrage', 'entschieden'], ['abgeschlossen']]);
    const rows = layout(FEE_PAYMENT).rows;
    expect(rows[0]).toEqual(['eingang']);
    expect(rows.flat().sort()).toEqual(FEE_PAYMENT.states.map((s) => s.id).sort());
  });

  it('still draws an invalid definition, leaving out arrows to states that do not exist', () => {
    const def: WorkflowDefinition = structuredClone(STANDARD);
    def.transitions[0]!.to = 'nirgends';
    def.initial = 'fehlt';
    const svg = renderDiagram(def, options);
    expect(svg.match(/class="wf-edge /g)).toHaveLength(def.transitions.length - 1);
    expect(svg.match(/class="wf-state[ "]/g)).toHaveLength(def.states.length);
  });
});
