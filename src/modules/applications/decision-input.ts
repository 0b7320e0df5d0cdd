// The decision form's input, read the same way for the preview and for the binding second step: an outcome the
// clerk chose (none is preselected), the reasons, an optional day it takes effect; and the confirmation token that
// ties the second step to exactly the preview the clerk saw.
import { timingSafeEqual } from 'node:crypto';
import type { Message } from '../../platform/i18n/index.ts';
import { derivedToken } from '../../platform/ids.ts';
import { hasControlCharacters, isValidDate } from '../forms/index.ts';

export const MAX_REASON_LENGTH = 4000;

export type DecisionField = 'outcome' | 'reason' | 'effectiveFrom' | 'confirm';
export type DecisionErrors = Partial<Record<DecisionField, Message>>;

/** What the form sends, as typed. */
export interface DecisionBody {
  outcome?: string;
  reason?: string;
  day?: string;
  month?: string;
  year?: string;
  confirm?: string;
  token?: string;
  /** The decide transition of the workflow, and the case's lock version on the page the form came from. */
  transition?: string;
  lock?: string;
}

export interface CheckedDecision {
  outcome: 'approved' | 'rejected';
  reason: string;
  /** "2027-01-01", or null: from notification. */
  effectiveFrom: string | null;
}

const cleanReason = (text: string) => text.toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();

/** Checks the first step's input; every problem is named, none is guessed (no outcome is assumed). */
export function checkDecision(body: DecisionBody): { ok: true; value: CheckedDecision } | { ok: false; errors: DecisionErrors } {
  const errors: DecisionErrors = {};
  const outcome = body.outcome === 'approved' || body.outcome === 'rejected' ? body.outcome : undefined;
  if (!outcome) errors.outcome = { key: 'decisions.error.outcomeMissing' };
  const reason = cleanReason(body.reason ?? '');
  if (!reason) errors.reason = { key: 'decisions.error.reasonMissing' };
  else if (reason.length > MAX_REASON_LENGTH) errors.reason = { key: 'decisions.error.reasonTooLong' };
  else if (hasControlCharacters(reason.replace(/[\n\t]/g, ' '))) errors.reason = { key: 'decisions.error.controlCharacters' };
  const [d, m, y] = [body.day, body.month, body.year].map((v) => (v ?? '').trim());
  let effectiveFrom: string | null = null;
  if (d || m || y) {
    const iso = /^\d{1,2}$/.test(d!) && /^\d{1,2}$/.test(m!) && /^\d{4}$/.test(y!) ? `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` : '';
    if (!iso || !isValidDate(iso)) errors.effectiveFrom = { key: 'decisions.error.effectiveFromInvalid' };
    else effectiveFrom = iso;
  }
  if (!outcome || Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { outcome, reason, effectiveFrom } };
}

/**
 * The token the preview carries: bound to the case, the case's last change, exactly these choices and the remedy
 * the Bescheid names, so the binding step issues what the clerk saw, and a case changed meanwhile (an answer came in) needs a new look.
 */
export function confirmationToken(
  secret: string,
  applicationId: string,
  caseVersion: Date,
  d: CheckedDecision,
  remedy: { kind: string; authority: string; address: string; deadline: string },
): string {
  const named = [remedy.kind, remedy.authority, remedy.address, remedy.deadline];
  return derivedToken(secret, 'decision', JSON.stringify([applicationId, new Date(caseVersion).toISOString(), d.outcome, d.reason, d.effectiveFrom, named]));
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given ?? '');
  return a.length === b.length && timingSafeEqual(a, b);
}
