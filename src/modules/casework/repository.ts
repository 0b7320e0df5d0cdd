// All SQL of the casework module: notes, tasks, handovers and the decision letter's template. Every query names the
// tenant; row-level security holds it to the transaction's too.
import { sql, type Insertable } from 'kysely';
import type { Tx } from '../../platform/db/database.ts';
import type { CaseHandoversTable, CaseNotesTable, CaseTasksTable } from '../../platform/db/tables.ts';

const day = (column: string) => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

// ----- notes -----

export const insertNote = (tx: Tx, row: Insertable<CaseNotesTable>) => tx.insertInto('case_notes').values(row).execute();

export const notesOf = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .selectFrom('case_notes')
    .select(['id', 'author_id', 'body', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();

// ----- tasks -----

const TASK_COLUMNS = ['id', 'application_id', 'title', 'assignee_id', 'created_by', 'created_at', 'completed_at', 'completed_by'] as const;

export const insertTask = (tx: Tx, row: Insertable<CaseTasksTable>) => tx.insertInto('case_tasks').values(row).execute();

export const tasksOf = (tx: Tx, tenantId: string, applicationId: string) =>
  tx
    .selectFrom('case_tasks')
    .select(TASK_COLUMNS)
    .select(day('due_on').as('due_on'))
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .orderBy(sql`completed_at IS NOT NULL`)
    .orderBy('due_on')
    .orderBy('id')
    .execute();

export const lockTask = (tx: Tx, tenantId: string, applicationId: string, id: string) =>
  tx
    .selectFrom('case_tasks')
    .select(TASK_COLUMNS)
    .select(day('due_on').as('due_on'))
    .where('tenant_id', '=', tenantId)
    .where('application_id', '=', applicationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();

export const setTaskDone = (tx: Tx, tenantId: string, id: string, done: { completed_at: Date | null; completed_by: string | null }) =>
  tx.updateTable('case_tasks').set(done).where('tenant_id', '=', tenantId).where('id', '=', id).execute();

/** A person's open tasks with their case, soonest first. */
export const openTasksOf = (tx: Tx, tenantId: string, assigneeId: string, limit = 500) =>
  tx
    .selectFrom('case_tasks as t')
    .innerJoin('applications as a', (j) => j.onRef('a.tenant_id', '=', 't.tenant_id').onRef('a.id', '=', 't.application_id'))
    .select(['t.id', 't.application_id', 't.title', 'a.reference', 'a.service_id'])
    .select(day('t.due_on').as('due_on'))
    .where('t.tenant_id', '=', tenantId)
    .where('t.assignee_id', '=', assigneeId)
    .where('t.completed_at', 'is', null)
    .orderBy('t.due_on')
    .orderBy('t.id')
    .limit(limit)
    .execute();

// ----- handovers -----

export const insertHandover = (tx: Tx, row: Insertable<CaseHandoversTable>) =>
  tx
    .insertInto('case_handovers')
    .values(row)
    .onConflict((oc) => oc.columns(['tenant_id', 'id']).doNothing())
    .execute();

export const handoverOfCase = (tx: Tx, tenantId: string, applicationId: string) =>
  tx.selectFrom('case_handovers').selectAll().where('tenant_id', '=', tenantId).where('application_id', '=', applicationId).execute();

export const handoverById = (tx: Tx, tenantId: string, id: string) =>
  tx.selectFrom('case_handovers').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).where('direction', '=', 'out').executeTakeFirst();

export const lockHandover = (tx: Tx, tenantId: string, id: string) =>
  tx
    .selectFrom('case_handovers')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('direction', '=', 'out')
    .forUpdate()
    .executeTakeFirst();

export const completeHandover = (tx: Tx, tenantId: string, id: string, done: { other_application_id: string; other_reference: string; completed_at: Date }) =>
  tx.updateTable('case_handovers').set(done).where('tenant_id', '=', tenantId).where('id', '=', id).where('direction', '=', 'out').execute();

// ----- decision template -----

export const templateOf = (tx: Tx, tenantId: string) =>
  tx.selectFrom('decision_templates').select(['body', 'updated_at']).where('tenant_id', '=', tenantId).executeTakeFirst();

export const upsertTemplate = (tx: Tx, row: { tenant_id: string; body: string; updated_at: Date; updated_by: string }) =>
  tx
    .insertInto('decision_templates')
    .values(row)
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ body: row.body, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
