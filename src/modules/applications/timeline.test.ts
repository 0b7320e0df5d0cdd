import { describe, expect, it } from 'vitest';
import type { CaseFile } from './applications.ts';
import { mailAddress } from './drafts.ts';
import { timelineOf } from './timeline.ts';

const at = (iso: string) => new Date(iso);
const file = (over: Partial<CaseFile['application']>, messages: Array<{ author: 'office' | 'applicant'; created_at: Date }> = []) =>
  ({
    application: { id: 'a', status: 'submitted', submitted_at: at('2026-03-02T09:00:00Z'), decided_at: null, ...over },
    messages: messages.map((m, i) => ({ id: `m${i}`, ...m })),
    files: [],
  }) as unknown as CaseFile;

describe("an application's timeline", () => {
  it('is only "received" right after submitting', () => {
    expect(timelineOf(file({}), undefined)).toEqual([{ kind: 'received', at: at('2026-03-02T09:00:00Z') }]);
  });

  it('lists taken up, question, answer and decision in the order they happened', () => {
    const events = timelineOf(
      file({ status: 'approved', decided_at: at('2026-03-09T10:00:00Z') }, [
        { author: 'applicant', created_at: at('2026-03-05T08:00:00Z') },
        { author: 'office', created_at: at('2026-03-04T12:00:00Z') },
      ]),
      at('2026-03-03T07:30:00Z'),
    );
    expect(events.map((e) => e.kind)).toEqual(['received', 'in_review', 'question', 'answer', 'approved']);
  });

  it('shows a decision only once the application is decided', () => {
    expect(timelineOf(file({ status: 'in_review', decided_at: at('2026-03-09T10:00:00Z') }), undefined).map((e) => e.kind)).toEqual(['received']);
  });
});

describe('the address the resume link goes to', () => {
  it('is taken trimmed when it can receive mail, and refused otherwise', () => {
    expect(mailAddress('  anna@example.org ')).toBe('anna@example.org');
    for (const bad of ['', 'anna', 'anna@', 'anna(at)example.org', 'a b@example.org', 'anna@example', `${'a'.repeat(250)}@example.org`, 42, undefined]) {
      expect(mailAddress(bad), String(bad)).toBeUndefined();
    }
  });
});
