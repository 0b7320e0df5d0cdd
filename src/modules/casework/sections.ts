// What the case page shows of case work, read in the transaction that reads the case: notes, tasks, the
// applicant's other cases, and the handover (where the case went, or where it came from, or where it may go).
import type { Tx } from '../../platform/db/database.ts';
import { staffNames } from '../accounts/index.ts';
import { type Application, type ApplicantCase, isOpenCase, otherCasesOfApplicant } from '../applications/index.ts';
import type { Organization } from '../organizations/index.ts';
import { serviceTitles } from '../services/index.ts';
import { servicesVisibleTo } from '../teams/index.ts';
import type { StaffPrincipal } from '../../platform/http/types.ts';
import { todayIn } from '../../platform/i18n/format.ts';
import { assignableStaff, type Note, notesOf, type Task, tasksOf } from './casework.ts';
import { handoverOf, handoverTargets, type HandoverView } from './handover.ts';

export interface CaseWorkData {
  applicationId: string;
  open: boolean;
  notes: Note[];
  tasks: Task[];
  otherCases: Array<ApplicantCase & { serviceTitle: { de: string; en?: string } }>;
  handovers: HandoverView[];
  targets: Array<{ id: string; name: string; kind: 'region' | 'municipality' }>;
  staff: Array<{ id: string; name: string }>;
  /** Names of the staff the notes and tasks name. */
  names: Map<string, string>;
}

/** With `viewer`, the applicant's other cases are those of services the person may see (the inbox's rule). */
export async function caseWorkFor(
  tx: Tx,
  org: Organization,
  a: Application,
  viewer?: Pick<StaffPrincipal, 'id' | 'role'>,
  now = new Date(),
): Promise<CaseWorkData> {
  const [notes, tasks, others, handovers, people, titles] = await Promise.all([
    notesOf(tx, org.id, a.id),
    tasksOf(tx, org, a.id, now),
    otherCasesOfApplicant(tx, org.id, a),
    handoverOf(tx, org.id, a.id),
    assignableStaff(tx, org, a.service_id, now),
    serviceTitles(tx, org.id),
  ]);
  const visible = viewer ? await servicesVisibleTo(tx, org.id, viewer, todayIn(org.time_zone, now)) : 'all';
  const shown = visible === 'all' ? others : others.filter((c) => visible.includes(c.serviceId));
  const open = isOpenCase(a);
  const targets = open ? (await handoverTargets(tx, org)).map((o) => ({ id: o.id, name: o.name, kind: o.kind })) : [];
  const names = await staffNames(tx, [...notes.map((n) => n.authorId), ...tasks.flatMap((t) => [t.assigneeId, t.createdBy])]);
  return {
    applicationId: a.id,
    open,
    notes,
    tasks,
    otherCases: shown.map((c) => ({ ...c, serviceTitle: titles.find((s) => s.id === c.serviceId)?.title ?? { de: '–' } })),
    handovers,
    targets,
    staff: people.map((s) => ({ id: s.id, name: s.name })),
    names,
  };
}
