// Internal notes and tasks on a case: for the office only, never shown to the applicant; every change audited.
import { audit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import { UUID } from '../../platform/db/database.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { newId } from '../../platform/ids.ts';
import { staffOf } from '../accounts/index.ts';
import { servicesVisibleTo } from '../teams/index.ts';
import { hasControlCharacters, isValidDate } from '../forms/index.ts';
import type { Organization } from '../organizations/index.ts';
import * as repo from './repository.ts';
import type { CaseworkErrorKey, NoteErrors, TaskErrors, TaskInput } from './schema.ts';

export const NOTE_MAX = 4000;
export const TITLE_MAX = 300;

const actor = (staff: Pick<StaffPrincipal, 'id'>) => `staff:${staff.id}`;

/** Text as stored: well-formed, NFC, line breaks unified, trimmed; undefined with the reason when it cannot be. */
function cleanText(
  raw: string | undefined,
  max: number,
  keys: { empty: CaseworkErrorKey; long: CaseworkErrorKey },
): { text: string } | { error: CaseworkErrorKey } {
  const text = (raw ?? '').toWellFormed().replace(/\r\n?/g, '\n').normalize('NFC').trim();
  if (!text) return { error: keys.empty };
  if (text.length > max) return { error: keys.long };
  if (hasControlCharacters(text.replace(/[\n\t]/g, ' '))) return { error: 'casework.error.controlCharacters' };
  return { text };
}

// ----- notes -----

export async function addNote(
  tx: Tx,
  tenantId: string,
  applicationId: string,
  staff: Pick<StaffPrincipal, 'id'>,
  body: string | undefined,
  now = new Date(),
): Promise<{ ok: true; id: string } | { ok: false; errors: NoteErrors }> {
  const checked = cleanText(body, NOTE_MAX, { empty: 'casework.error.noteEmpty', long: 'casework.error.noteTooLong' });
  if ('error' in checked) return { ok: false, errors: { note: checked.error } };
  const id = newId();
  await repo.insertNote(tx, { tenant_id: tenantId, id, application_id: applicationId, author_id: staff.id, body: checked.text, created_at: now });
  // The note's text stays out of the audit log: the log is kept longer than the case and cannot be edited.
  await audit(tx, tenantId, { actor: actor(staff), action: 'case.note_added', objectType: 'application', objectId: applicationId, data: { note: id } });
  return { ok: true, id };
}

export const notesOf = async (tx: Tx, tenantId: string, applicationId: string) =>
  (await repo.notesOf(tx, tenantId, applicationId)).map((n) => ({ id: n.id, authorId: n.author_id, body: n.body, createdAt: new Date(n.created_at) }));
export type Note = Awaited<ReturnType<typeof notesOf>>[number];

// ----- tasks -----

/** "2026-12-24" or "24.12.2026" as a calendar day; undefined when it is not one. */
export function parseDueDate(raw: string | undefined): string | undefined {
  const text = (raw ?? '').trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const value = iso ? text : german ? `${german[3]}-${german[2]!.padStart(2, '0')}-${german[1]!.padStart(2, '0')}` : undefined;
  return value && isValidDate(value) ? value : undefined;
}

/**
 * The municipality's active staff who may be given a task on a case of this service, A–Z: those who may see the
 * service (the inbox's rule), so a task never points someone at a case they cannot open.
 */
export async function assignableStaff(tx: Tx, org: Pick<Organization, 'id' | 'time_zone'>, serviceId: string, now = new Date()) {
  const today = todayIn(org.time_zone, now);
  const people = (await staffOf(tx, org.id)).filter((s) => s.active);
  const sees = await Promise.all(
    people.map(async (p) => {
      const visible = await servicesVisibleTo(tx, org.id, p, today);
      return visible === 'all' || visible.includes(serviceId);
    }),
  );
  return people.filter((_p, i) => sees[i]);
}

export async function createTask(
  tx: Tx,
  org: Pick<Organization, 'id' | 'time_zone'>,
  c: { id: string; serviceId: string },
  staff: Pick<StaffPrincipal, 'id'>,
  input: TaskInput,
  now = new Date(),
): Promise<{ ok: true; id: string } | { ok: false; errors: TaskErrors }> {
  const errors: TaskErrors = {};
  const title = cleanText(input.title, TITLE_MAX, { empty: 'casework.error.titleEmpty', long: 'casework.error.titleTooLong' });
  if ('error' in title) errors.title = title.error;
  const people = await assignableStaff(tx, org, c.serviceId, now);
  const assignee = UUID.test(input.assignee ?? '') ? people.find((p) => p.id === input.assignee) : undefined;
  if (!input.assignee) errors.assignee = 'casework.error.assigneeMissing';
  else if (!assignee) errors.assignee = 'casework.error.assigneeUnknown';
  const due = parseDueDate(input.due);
  if (!(input.due ?? '').trim()) errors.due = 'casework.error.dueMissing';
  else if (!due) errors.due = 'casework.error.dueInvalid';
  else if (due < todayIn(org.time_zone, now)) errors.due = 'casework.error.duePast';
  if (Object.keys(errors).length || 'error' in title || !assignee || !due) return { ok: false, errors };
  const id = newId();
  await repo.insertTask(tx, {
    tenant_id: org.id,
    id,
    application_id: c.id,
    title: title.text,
    assignee_id: assignee.id,
    due_on: due,
    created_by: staff.id,
    created_at: now,
  });
  await audit(tx, org.id, {
    actor: actor(staff),
    action: 'case.task_created',
    objectType: 'application',
    objectId: c.id,
    data: { task: id, assignee: assignee.id, due },
  });
  return { ok: true, id };
}

/** Marks a task done, or open again; false when the case has no such task. Audited only when it changes. */
export async function setTaskDone(
  tx: Tx,
  tenantId: string,
  applicationId: string,
  taskId: string,
  staff: Pick<StaffPrincipal, 'id'>,
  done: boolean,
  now = new Date(),
): Promise<boolean> {
  if (!UUID.test(taskId)) return false;
  const task = await repo.lockTask(tx, tenantId, applicationId, taskId);
  if (!task) return false;
  if (!!task.completed_at === done) return true;
  await repo.setTaskDone(tx, tenantId, taskId, done ? { completed_at: now, completed_by: staff.id } : { completed_at: null, completed_by: null });
  await audit(tx, tenantId, {
    actor: actor(staff),
    action: done ? 'case.task_completed' : 'case.task_reopened',
    objectType: 'application',
    objectId: applicationId,
    data: { task: taskId },
  });
  return true;
}

export interface Task {
  id: string;
  applicationId: string;
  title: string;
  assigneeId: string;
  due: string;
  createdBy: string;
  createdAt: Date;
  completedAt: Date | null;
  completedBy: string | null;
  overdue: boolean;
}

const overdue = (due: string, done: boolean, today: string) => !done && due < today;

export async function tasksOf(tx: Tx, org: Pick<Organization, 'id' | 'time_zone'>, applicationId: string, now = new Date()): Promise<Task[]> {
  const today = todayIn(org.time_zone, now);
  return (await repo.tasksOf(tx, org.id, applicationId)).map((t) => ({
    id: t.id,
    applicationId: t.application_id,
    title: t.title,
    assigneeId: t.assignee_id,
    due: t.due_on,
    createdBy: t.created_by,
    createdAt: new Date(t.created_at),
    completedAt: t.completed_at ? new Date(t.completed_at) : null,
    completedBy: t.completed_by,
    overdue: overdue(t.due_on, !!t.completed_at, today),
  }));
}

/** "Meine Aufgaben": the person's open tasks in this municipality, soonest first, the overdue ones marked. */
export async function myTasks(tx: Tx, org: Pick<Organization, 'id' | 'time_zone'>, staffId: string, now = new Date()) {
  const today = todayIn(org.time_zone, now);
  return (await repo.openTasksOf(tx, org.id, staffId)).map((t) => ({
    id: t.id,
    applicationId: t.application_id,
    reference: t.reference,
    serviceId: t.service_id,
    title: t.title,
    due: t.due_on,
    overdue: overdue(t.due_on, false, today),
  }));
}
export type MyTask = Awaited<ReturnType<typeof myTasks>>[number];
