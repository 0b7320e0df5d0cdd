// Rules as dates: the start event's day in the municipality's zone plus the period, months ending as PostgreSQL counts.
import { describe, expect, it } from 'vitest';
import { addPeriod, dispositionOf, retentionDate } from './retention.ts';

const events = { submittedAt: new Date('2024-01-10T09:00:00Z'), decidedAt: new Date('2024-01-31T23:30:00Z'), closedAt: null };

describe('retention dates', () => {
  it('counts from the start event in the zone of the municipality', () => {
    expect(retentionDate({ startEvent: 'submitted', years: 10, months: 0 }, events, 'Europe/Berlin')).toBe('2034-01-10');
    // 23:30 UTC on 31 January is already 1 February in Berlin.
    expect(retentionDate({ startEvent: 'decided', years: 0, months: 6 }, events, 'Europe/Berlin')).toBe('2024-08-01');
    expect(retentionDate({ startEvent: 'decided', years: 0, months: 6 }, events, 'UTC')).toBe('2024-07-31');
  });

  it('has no date while the start event has not happened', () => {
    expect(retentionDate({ startEvent: 'closed', years: 5, months: 0 }, events, 'Europe/Zurich')).toBeNull();
  });

  it('ends a shorter month on its last day', () => {
    expect(addPeriod('2024-01-31', 0, 1)).toBe('2024-02-29');
    expect(addPeriod('2023-01-31', 0, 1)).toBe('2023-02-28');
    expect(addPeriod('2024-02-29', 1, 0)).toBe('2025-02-28');
    expect(addPeriod('2020-11-15', 2, 3)).toBe('2023-02-15');
  });

  it('decides what happens to a finished case on a day', () => {
    const base = { legal_hold: false, keep_until: '2025-06-30', offer: false, mark: null, transferred_at: null } as never as Parameters<
      typeof dispositionOf
    >[0];
    expect(dispositionOf(base, '2025-06-30')).toBe('keep');
    expect(dispositionOf(base, '2025-07-01')).toBe('delete');
    expect(dispositionOf({ ...base, legal_hold: true }, '2030-01-01')).toBe('held');
    expect(dispositionOf({ ...base, offer: true }, '2025-07-01')).toBe('offer');
    expect(dispositionOf({ ...base, offer: true, mark: 'A' }, '2025-07-01')).toBe('transfer');
    expect(dispositionOf({ ...base, offer: true, mark: 'A', transferred_at: new Date() }, '2025-07-01')).toBe('delete');
    expect(dispositionOf({ ...base, offer: true, mark: 'V' }, '2025-07-01')).toBe('delete');
    expect(dispositionOf({ ...base, keep_until: null }, '2099-01-01')).toBe('keep');
  });
});
