// The legal texts a page of this request needs while it renders. Pages render synchronously, so the texts are
// read before the handler runs (see routes.ts) and held for this one request only.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LegalState } from './legal.ts';

const store = new AsyncLocalStorage<{ legal?: LegalState; tenantId: string }>();

/** Runs next with the texts of one tenant available to the page it renders. */
export const withRequestTexts = (tenantId: string, legal: LegalState, next: () => void) => store.run({ tenantId, legal }, next);

/** The texts read for this request, if they belong to this tenant. */
export function requestTexts(tenantId: string): LegalState | undefined {
  const current = store.getStore();
  return current?.tenantId === tenantId ? current.legal : undefined;
}
