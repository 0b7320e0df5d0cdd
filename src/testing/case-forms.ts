// The case page's workflow forms as a clerk uses them: each carries its transition and the case's lock version.
import type { LightMyRequestResponse } from 'fastify';
import type { Browser } from './http.ts';

/** The hidden fields (transition, lock) of the case page's form for this transition, or undefined when it is not offered. */
export function stepFields(html: string, transition: string): Record<string, string> | undefined {
  for (const form of html.match(/<form\b[\s\S]*?<\/form>/g) ?? []) {
    if (!form.includes(`name="transition" value="${transition}"`)) continue;
    const lock = /name="lock" value="(\d+)"/.exec(form)?.[1];
    return lock === undefined ? undefined : { transition, lock };
  }
  return undefined;
}

/** The action of the case page's form for this transition. */
export function stepAction(html: string, transition: string): string | undefined {
  for (const form of html.match(/<form\b[\s\S]*?<\/form>/g) ?? []) {
    if (form.includes(`name="transition" value="${transition}"`)) return /action="([^"]+)"/.exec(form)?.[1];
  }
  return undefined;
}

/** Takes a transition through its form on a freshly loaded case page; `fields` by the transition's field ids. */
export async function takeStep(clerk: Browser, caseId: string, transition: string, fields: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  const page = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
  const hidden = stepFields(page.body, transition);
  if (!hidden) throw new Error(`no form for ${transition} on the case page`);
  const action = stepAction(page.body, transition)!;
  const body = action.endsWith('/schritt') ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [`f_${k}`, v])) : fields;
  return clerk.post(action, { ...hidden, ...body }, page.body);
}

/** The lock version the case page shows (its assign form, or any step form). */
export const lockOn = (html: string) => /name="lock" value="(\d+)"/.exec(html)?.[1] ?? '';
