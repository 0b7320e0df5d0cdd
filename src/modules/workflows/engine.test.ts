import { describe, expect, it } from 'vitest';
import { FEE_PAYMENT, FOUR_EYES, STANDARD } from './builtins.ts';
import {
  type Actor,
  advance,
  answerTransition,
  type CaseFacts,
  checkTransition,
  deadlineWarning,
  dueDate,
  dueTimer,
  readField,
  start,
  stateForLegacyStatus,
  transitionsFrom,
} from './engine.ts';
import type { WorkflowDefinition } from './schema.ts';

const DAY = 86_400_000;
const submitted = new Date('2026-03-02T08:00:00Z');
const clerk: Actor = { id: 'c1', role: 'clerk', caseRoles: [] };
const otherClerk: Actor = { id: 'c2', role: 'clerk', caseRoles: [] };
const head: Actor = { id: 'h1', role: 'clerk', caseRoles: ['leitung'] };
const cashier: Actor = { id: 'k1', role: 'clerk', caseRoles: ['kasse'] };
const admin: Actor = { id: 'a1', role: 'municipality_admin', caseRoles: [] };

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  state: 'eingang',
  assignedTo: null,
  feesDue: true,
  feePaidAt: null,
  missingFiles: [],
  answers: {},
  lastTakenBy: {},
  submittedAt: submitted,
  stateEnteredAt: submitted,
  completeAt: null,
  ...over,
});

const keys = (def: WorkflowDefinition, f: CaseFacts, actor: Actor, id: string) => {
  const option = transitionsFrom(def, f, actor).find((o) => o.transition.id === id)!;
  return { allowed: option.allowed, reasons: option.reasons.map((r) => r.key) };
};

/** Takes a transition through check and advance, as the case page does, and answers the new facts. */
function take(
  def: WorkflowDefinition,
  f: CaseFacts,
  actor: Actor,
  id: string,
  entered: Record<string, string> = {},
  now = new Date(submitted.getTime() + DAY),
) {
  const r = checkTransition(def, f, actor, id, entered);
  if (!r.ok) throw new Error(JSON.stringify(r));
  const next = advance(def, f, r.transition, 'in_review', now, r.transition.effect === 'decide' ? 'approved' : undefined);
  return {
    next,
    values: r.values,
    facts: {
      ...f,
      state: next.state,
      stateEnteredAt: next.stateEnteredAt,
      completeAt: next.completeAt,
      feePaidAt: next.feePaidAt,
      lastTakenBy: { ...f.lastTakenBy, [id]: actor.id },
    },
  };
}

describe('starting a case', () => {
  it('starts in the initial state with its deadline from submission', () => {
    for (const def of [STANDARD, FOUR_EYES, FEE_PAYMENT]) {
      const s = start(def, submitted);
      expect(s.state).toBe('eingang');
      expect(s.dueAt).toEqual(new Date(submitted.getTime() + 3 * DAY));
    }
  });

  it('places a case from before workflows by its status', () => {
    expect(stateForLegacyStatus(STANDARD, 'submitted')).toBe('eingang');
    expect(stateForLegacyStatus(STANDARD, 'in_review')).toBe('pruefung');
    expect(stateForLegacyStatus(STANDARD, 'awaiting_applicant')).toBe('rueckfrage');
    expect(stateForLegacyStatus(STANDARD, 'rejected')).toBe('entschieden');
  });
});

describe('the standard workflow', () => {
  it('offers taking up in the received state, to every clerk', () => {
    const options = transitionsFrom(STANDARD, facts(), clerk);
    expect(options.map((o) => [o.transition.id, o.allowed])).toEqual([['uebernehmen', true]]);
    const { next } = take(STANDARD, facts(), clerk, 'uebernehmen');
    expect(next).toMatchObject({ state: 'pruefung', phase: 'in_review', status: 'in_review', dueAt: null });
  });

  it('starts the review deadline only once completeness is recorded, and refuses completeness while a file is missing', () => {
    const inReview = facts({ state: 'pruefung', stateEnteredAt: new Date(submitted.getTime() + DAY), assignedTo: 'c1' });
    expect(keys(STANDARD, { ...inReview, missingFiles: ['versicherung'] }, clerk, 'vollstaendig')).toEqual({
      allowed: false,
      reasons: ['workflow.guard.documentsComplete'],
    });
    const now = new Date(submitted.getTime() + 2 * DAY);
    const { next } = take(STANDARD, inReview, clerk, 'vollstaendig', {}, now);
    expect(next.state).toBe('pruefung');
    expect(next.completeAt).toEqual(now);
    expect(next.stateEnteredAt).toEqual(inReview.stateEnteredAt);
    expect(next.dueAt).toEqual(new Date(now.getTime() + 14 * DAY));
  });

  it('asks the applicant, and the answer takes the case back into review', () => {
    const { next, facts: f } = take(STANDARD, facts({ state: 'pruefung' }), clerk, 'nachfragen');
    expect(next).toMatchObject({ state: 'rueckfrage', status: 'awaiting_applicant', dueAt: null });
    expect(answerTransition(STANDARD, f.state)?.id).toBe('antwort');
    expect(answerTransition(STANDARD, 'pruefung')).toBeUndefined();
    // Automatic transitions are listed, never offered by hand.
    expect(keys(STANDARD, f, clerk, 'antwort')).toEqual({ allowed: false, reasons: ['workflow.refused.automatic'] });
    const byHand = checkTransition(STANDARD, f, clerk, 'antwort', {});
    expect(byHand.ok).toBe(false);
  });

  it('takes the timer transition after 28 days without an answer, not before', () => {
    const entered = new Date('2026-03-10T10:00:00Z');
    const waiting = facts({ state: 'rueckfrage', stateEnteredAt: entered });
    expect(dueTimer(STANDARD, waiting, new Date(entered.getTime() + 27 * DAY))).toBeUndefined();
    expect(dueTimer(STANDARD, waiting, new Date(entered.getTime() + 28 * DAY))?.id).toBe('frist-abgelaufen');
    expect(dueTimer(STANDARD, facts({ state: 'pruefung', stateEnteredAt: entered }), new Date(entered.getTime() + 100 * DAY))).toBeUndefined();
  });

  it('decides only an assigned case; the outcome sets the status; closing ends it', () => {
    const unassigned = facts({ state: 'pruefung' });
    expect(keys(STANDARD, unassigned, clerk, 'entscheiden')).toEqual({ allowed: false, reasons: ['workflow.guard.assigned'] });
    const assigned = { ...unassigned, assignedTo: 'c1' };
    const r = checkTransition(STANDARD, assigned, clerk, 'entscheiden', {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const now = new Date(submitted.getTime() + 5 * DAY);
    const decided = advance(STANDARD, assigned, r.transition, 'in_review', now, 'rejected');
    expect(decided).toMatchObject({ state: 'entschieden', phase: 'decided', status: 'rejected', dueAt: new Date(now.getTime() + 30 * DAY), closedAt: null });
    const closing = checkTransition(STANDARD, { ...assigned, state: 'entschieden' }, clerk, 'abschliessen', {});
    expect(closing.ok).toBe(true);
    if (!closing.ok) return;
    const closed = advance(STANDARD, { ...assigned, state: 'entschieden' }, closing.transition, 'rejected', now);
    expect(closed).toMatchObject({ state: 'abgeschlossen', phase: 'closed', status: 'rejected', closedAt: now, dueAt: null });
    expect(transitionsFrom(STANDARD, { ...assigned, state: 'abgeschlossen' }, clerk)).toEqual([]);
  });

  it('refuses a transition of another state (a replayed old form) and an unknown one', () => {
    const r = checkTransition(STANDARD, facts({ state: 'entschieden' }), clerk, 'nachfragen', {});
    expect(r).toEqual({ ok: false, refused: [{ key: 'workflow.refused.state', params: { state: 'Entschieden' } }], fields: {} });
    expect(checkTransition(STANDARD, facts(), clerk, 'gibt-es-nicht', {})).toMatchObject({ ok: false, refused: [{ key: 'workflow.refused.unknown' }] });
  });
});

describe('the four-eyes workflow', () => {
  const inReview = facts({ state: 'pruefung', assignedTo: 'c1' });

  it('needs the proposal entered and the documents complete to send for approval', () => {
    const empty = checkTransition(FOUR_EYES, inReview, clerk, 'zur-freigabe', { vorschlag: '  ' });
    expect(empty).toEqual({ ok: false, refused: [], fields: { vorschlag: { key: 'workflow.field.required', params: { label: 'Entscheidungsvorschlag' } } } });
    expect(keys(FOUR_EYES, { ...inReview, missingFiles: ['a', 'b'] }, clerk, 'zur-freigabe').reasons).toEqual(['workflow.guard.documentsComplete']);
    const ok = take(FOUR_EYES, inReview, clerk, 'zur-freigabe', { vorschlag: 'Genehmigen' });
    expect(ok.values).toEqual({ vorschlag: 'Genehmigen' });
    expect(ok.next).toMatchObject({ state: 'freigabe', phase: 'in_review', status: 'in_review' });
    expect(ok.next.completeAt).not.toBeNull();
  });

  it('lets only the head of team approve, and never the person who proposed', () => {
    const { facts: proposed } = take(FOUR_EYES, inReview, head, 'zur-freigabe', { vorschlag: 'Genehmigen' });
    // A plain clerk lacks the role.
    expect(keys(FOUR_EYES, proposed, clerk, 'entscheiden')).toEqual({ allowed: false, reasons: ['workflow.refused.role'] });
    expect(transitionsFrom(FOUR_EYES, proposed, clerk).find((o) => o.transition.id === 'entscheiden')!.reasons[0]!.params).toEqual({ roles: '„Leitung“' });
    // The head proposed it: the four-eyes guard refuses them.
    expect(keys(FOUR_EYES, proposed, head, 'entscheiden')).toEqual({ allowed: false, reasons: ['workflow.guard.otherThan'] });
    // Another head of team (here the municipality's admin, who holds every role) may.
    expect(keys(FOUR_EYES, proposed, admin, 'entscheiden')).toEqual({ allowed: true, reasons: [] });
    const second = { ...head, id: 'h2' };
    const { next } = take(FOUR_EYES, proposed, second, 'entscheiden');
    expect(next).toMatchObject({ state: 'entschieden', status: 'approved' });
  });

  it('sends back with a reason, which only the head may do', () => {
    const { facts: proposed } = take(FOUR_EYES, inReview, clerk, 'zur-freigabe', { vorschlag: 'Ablehnen' });
    expect(keys(FOUR_EYES, proposed, otherClerk, 'zurueckgeben').reasons).toEqual(['workflow.refused.role']);
    const missing = checkTransition(FOUR_EYES, proposed, head, 'zurueckgeben', {});
    expect(missing.ok).toBe(false);
    const { next } = take(FOUR_EYES, proposed, head, 'zurueckgeben', { begruendung: 'Bitte Nachweis prüfen.' });
    expect(next.state).toBe('pruefung');
  });

  it('counts the review deadline from submission and the approval deadline from entering it', () => {
    const entered = new Date('2026-03-05T09:00:00Z');
    const review = FOUR_EYES.states.find((s) => s.id === 'pruefung')!;
    expect(dueDate(review, { enteredAt: entered, submittedAt: submitted, completeAt: null })).toEqual(new Date(submitted.getTime() + 14 * DAY));
    const { next } = take(FOUR_EYES, inReview, clerk, 'zur-freigabe', { vorschlag: 'x' }, entered);
    expect(next.dueAt).toEqual(new Date(entered.getTime() + 5 * DAY));
    const approval = FOUR_EYES.states.find((s) => s.id === 'freigabe')!;
    expect(deadlineWarning(approval, next.dueAt, new Date(entered.getTime() + 2 * DAY))).toBeNull();
    expect(deadlineWarning(approval, next.dueAt, new Date(entered.getTime() + 3.5 * DAY))).toBe('soon');
    expect(deadlineWarning(approval, next.dueAt, new Date(entered.getTime() + 6 * DAY))).toBe('overdue');
    expect(deadlineWarning(approval, null, new Date())).toBeNull();
  });
});

describe('the fee payment workflow', () => {
  const inReview = facts({ state: 'pruefung', assignedTo: 'c1' });

  it('requests the fee, the cash office books it with amount and date, then the case is decided', () => {
    const requested = take(FEE_PAYMENT, inReview, clerk, 'zahlung-anfordern');
    expect(requested.next).toMatchObject({ state: 'zahlung', phase: 'awaiting_applicant', status: 'awaiting_applicant' });
    expect(requested.next.dueAt).toEqual(new Date(requested.next.stateEnteredAt.getTime() + 30 * DAY));
    const waiting = requested.facts;
    // Only the cash office books.
    expect(keys(FEE_PAYMENT, waiting, clerk, 'zahlung-verbuchen').reasons).toEqual(['workflow.refused.role']);
    const bad = checkTransition(FEE_PAYMENT, waiting, cashier, 'zahlung-verbuchen', { betrag: 'zwölf', buchungstag: '31.02.2026' });
    expect(bad).toMatchObject({
      ok: false,
      refused: [],
      fields: { betrag: { key: 'workflow.field.number' }, buchungstag: { key: 'workflow.field.date' } },
    });
    const now = new Date(submitted.getTime() + 10 * DAY);
    const booked = take(FEE_PAYMENT, waiting, cashier, 'zahlung-verbuchen', { betrag: '1.234,50', buchungstag: '9.3.2026' }, now);
    expect(booked.values).toEqual({ betrag: 1234.5, buchungstag: '2026-03-09' });
    expect(booked.next).toMatchObject({ state: 'entscheidung', feePaidAt: now, status: 'in_review' });
    expect(keys(FEE_PAYMENT, booked.facts, clerk, 'entscheiden')).toEqual({ allowed: true, reasons: [] });
  });

  it('refuses deciding while the fee is unpaid, unless nothing is owed', () => {
    const unpaid = facts({ state: 'entscheidung', assignedTo: 'c1' });
    expect(keys(FEE_PAYMENT, unpaid, clerk, 'entscheiden')).toEqual({ allowed: false, reasons: ['workflow.guard.feePaid'] });
    expect(keys(FEE_PAYMENT, { ...unpaid, feesDue: false }, clerk, 'entscheiden').allowed).toBe(true);
  });

  it('ends the case as withdrawn when not paid within 60 days', () => {
    const entered = new Date('2026-04-01T00:00:00Z');
    const waiting = facts({ state: 'zahlung', stateEnteredAt: entered });
    expect(dueTimer(FEE_PAYMENT, waiting, new Date(entered.getTime() + 59 * DAY))).toBeUndefined();
    const timer = dueTimer(FEE_PAYMENT, waiting, new Date(entered.getTime() + 60 * DAY))!;
    expect(timer.id).toBe('nicht-bezahlt');
    const now = new Date(entered.getTime() + 60 * DAY);
    const next = advance(FEE_PAYMENT, waiting, timer, 'awaiting_applicant', now);
    expect(next).toMatchObject({ state: 'zurueckgenommen', phase: 'closed', closedAt: now, status: 'awaiting_applicant' });
  });
});

describe('guards on answers and typed fields', () => {
  const def: WorkflowDefinition = {
    ...STANDARD,
    transitions: [
      ...STANDARD.transitions,
      {
        id: 'pruefen-mit',
        from: 'eingang',
        to: 'pruefung',
        label: { de: 'Prüfen mit Termin' },
        roles: ['sachbearbeitung'],
        guards: [{ kind: 'answered', field: 'hundename' }],
        fields: [
          { id: 'termin', label: { de: 'Termin' }, type: 'date', required: false },
          { id: 'notiz', label: { de: 'Notiz' }, type: 'text', required: false },
        ],
      },
    ],
  };

  it('refuses while the answer is empty and allows once given', () => {
    expect(keys(def, facts({ answers: { hundename: ' ' } }), clerk, 'pruefen-mit').reasons).toEqual(['workflow.guard.answered']);
    expect(keys(def, facts({ answers: { hundename: 'Bello' } }), clerk, 'pruefen-mit').allowed).toBe(true);
  });

  it('reads optional fields only when entered, and refuses control characters and over-long text', () => {
    const f = def.transitions.at(-1)!.fields!;
    expect(readField(f[0]!, '')).toEqual({});
    expect(readField(f[0]!, '2026-12-24')).toEqual({ value: '2026-12-24' });
    expect(readField(f[1]!, 'a\u0007b').error?.key).toBe('workflow.field.controlCharacters');
    expect(readField(f[1]!, 'x'.repeat(4001)).error?.key).toBe('workflow.field.tooLong');
    expect(readField(f[1]!, 'Zeile 1\r\nZeile 2')).toEqual({ value: 'Zeile 1\nZeile 2' });
  });
});
