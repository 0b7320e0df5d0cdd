// Deciding a case the way a clerk does it in two steps: the decision form leads to the preview of the Bescheid,
// and only its confirmation (the hidden choices, the token and the ticked box) decides.
import type { LightMyRequestResponse } from 'fastify';
import { named } from './html.ts';
import { stepFields, takeStep } from './case-forms.ts';
import type { Browser } from './http.ts';

/** The hidden fields the preview's confirmation form carries (choices and token), read from the page. */
export function previewFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of ['outcome', 'reason', 'day', 'month', 'year', 'token', 'transition', 'lock']) {
    const input = named(html, name).find((tag) => tag.attrs.type === 'hidden');
    if (input) fields[name] = input.attrs.value ?? '';
  }
  return fields;
}

/** Posts the decision form, then confirms the preview; returns both answers. */
export async function decideCase(
  clerk: Browser,
  caseId: string,
  choice: { outcome?: string; reason?: string; day?: string; month?: string; year?: string },
  confirm = true,
): Promise<{ preview: LightMyRequestResponse; decided?: LightMyRequestResponse }> {
  let page = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
  // A case just received is taken up first: its workflow offers the decision only in review.
  if (!page.body.includes('/entscheidung/vorschau"') && stepFields(page.body, 'uebernehmen')) {
    await takeStep(clerk, caseId, 'uebernehmen');
    page = await clerk.get(`/verwaltung/vorgaenge/${caseId}`);
  }
  const decision = /<form\b[^>]*action="[^"]*\/entscheidung\/vorschau"[\s\S]*?<\/form>/.exec(page.body)?.[0] ?? '';
  const fields = {
    transition: /name="transition" value="([^"]*)"/.exec(decision)?.[1] ?? '',
    lock: /name="lock" value="([^"]*)"/.exec(decision)?.[1] ?? '',
    ...(Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== undefined)) as Record<string, string>),
  };
  const preview = await clerk.post(`/verwaltung/vorgaenge/${caseId}/entscheidung/vorschau`, fields, page.body);
  if (preview.statusCode !== 200) return { preview };
  const decided = await clerk.post(
    `/verwaltung/vorgaenge/${caseId}/entscheidung`,
    { ...previewFields(preview.body), ...(confirm ? { confirm: 'ja' } : {}) },
    preview.body,
  );
  return { preview, decided };
}
