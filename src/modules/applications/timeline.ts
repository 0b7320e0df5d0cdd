// What happened to an application so far, in the order it happened, for the citizen's status page.
import type { Tx } from '../../platform/db/database.ts';
import type { CaseFile } from './applications.ts';
import * as repo from './repository.ts';

export type TimelineKind = 'received' | 'in_review' | 'question' | 'answer' | 'approved' | 'rejected';
export interface TimelineEvent {
  kind: TimelineKind;
  at: Date;
}

/** Received, taken up, each question and answer, decided: oldest first; an event without a date is left out. */
export function timelineOf(file: CaseFile, reviewStarted: Date | undefined): TimelineEvent[] {
  const a = file.application;
  const events: TimelineEvent[] = [{ kind: 'received', at: new Date(a.submitted_at) }];
  if (reviewStarted) events.push({ kind: 'in_review', at: reviewStarted });
  for (const m of file.messages) events.push({ kind: m.author === 'office' ? 'question' : 'answer', at: new Date(m.created_at) });
  if (a.decided_at && (a.status === 'approved' || a.status === 'rejected')) events.push({ kind: a.status, at: new Date(a.decided_at) });
  return events.sort((x, y) => x.at.getTime() - y.at.getTime());
}

export async function applicationTimeline(tx: Tx, tenantId: string, file: CaseFile): Promise<TimelineEvent[]> {
  return timelineOf(file, await repo.reviewStartedAt(tx, tenantId, file.application.id));
}
