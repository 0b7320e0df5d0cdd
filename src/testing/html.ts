// Reading rendered HTML in tests: preact-render-to-string writes regular markup (double-quoted, escaped
// attributes), so a small tag scanner is enough to check ids, labels and ARIA references.
export interface Tag {
  name: string;
  attrs: Record<string, string>;
  index: number;
}

const TAG = /<([a-z][a-z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*\/?>/g;
const ATTR = /([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g;

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

export function tags(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(TAG)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[2] ?? '').matchAll(ATTR)) attrs[a[1]!] = a[2] === undefined ? '' : unescapeHtml(a[2]);
    out.push({ name: m[1]!, attrs, index: m.index });
  }
  return out;
}

export const byId = (html: string, id: string): Tag | undefined => tags(html).find((t) => t.attrs.id === id);
export const named = (html: string, name: string): Tag[] => tags(html).filter((t) => t.attrs.name === name);

/** The text content of the element with this id (tags stripped). */
export function textOf(html: string, id: string): string {
  const tag = byId(html, id);
  if (!tag) return '';
  const start = html.indexOf('>', tag.index) + 1;
  const close = html.indexOf(`</${tag.name}>`, start);
  return unescapeHtml(html.slice(start, close).replace(/<[^>]+>/g, ''));
}

const LABELLED = new Set(['input', 'select', 'textarea', 'output']);

/**
 * What every rendered form must satisfy: unique ids; a label for every control; aria-describedby and label
 * `for` pointing at existing ids. Returns the problems found (empty when none).
 */
export function accessibilityProblems(html: string): string[] {
  const all = tags(html);
  const problems: string[] = [];
  const ids = new Map<string, number>();
  for (const t of all) if (t.attrs.id) ids.set(t.attrs.id, (ids.get(t.attrs.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) problems.push(`id ${id} used ${n} times`);
  const labelled = new Set(all.filter((t) => t.name === 'label' && t.attrs.for).map((t) => t.attrs.for));
  for (const t of all) {
    if (LABELLED.has(t.name) && !['hidden', 'submit'].includes(t.attrs.type ?? '')) {
      if (!t.attrs.id) problems.push(`<${t.name} name="${t.attrs.name}"> has no id`);
      else if (!labelled.has(t.attrs.id)) problems.push(`<${t.name} id="${t.attrs.id}"> has no label`);
    }
    for (const ref of (t.attrs['aria-describedby'] ?? '').split(' ').filter(Boolean)) {
      if (!ids.has(ref)) problems.push(`aria-describedby ${ref} on <${t.name} id="${t.attrs.id}"> points nowhere`);
    }
    if (t.name === 'label' && t.attrs.for && !ids.has(t.attrs.for)) problems.push(`label for ${t.attrs.for} points nowhere`);
  }
  return problems;
}
