// Cases on their workflow through the case page: every transition with its bad input (wrong role, wrong state,
// missing or invalid fields, a stale lock version), the applicant's answer, the timer, four eyes, the fee payment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTenant } from '../../platform/db/database.ts';
import { stepFields, takeStep } from '../../testing/case-forms.ts';
import { decideCase } from '../../testing/decide.ts';
import { fillApplication, submitApplication } from '../../testing/flows.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { accessibilityProblems } from '../../testing/html.ts';
import { Browser, TINY_PDF } from '../../testing/http.ts';
import { STANDARD } from '../workflows/index.ts';
import { storeVersion } from '../workflows/workflows.ts';
import { runWorkflowTimers } from './jobs.ts';

let t: TestApp;
let clerk: Browser;
let admin: Browser;
let tenantId: string;

type Row = {
  status: string;
  workflow_state: string | null;
  workflow_id: string | null;
  lock_version: number;
  assigned_to: string | null;
  due_at: Date | null;
  complete_at: Date | null;
  fee_paid_at: Date | null;
  closed_at: Date | null;
  state_entered_at: Date | null;
};
const row = async (id: string) => (await t.database.admin.query<Row>(`SELECT * FROM applications WHERE id = $1`, [id]))[0]!;
const transitions = async (id: string) =>
  t.database.admin.query<{ actor: string; data: Record<string, unknown> }>(
    `SELECT actor, data FROM audit_log WHERE object_id = $1 AND action = 'application.transition' ORDER BY seq`,
    [id],
  );
const announced = async (id: string) =>
  (
    await t.database.admin.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'case.state_changed' AND payload->>'applicationId' = $1`, [
      id,
    ])
  )[0]!.n;
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;|\s+/g, ' ')
    .replace(/&quot;/g, '"');

/** The dog service of Gütersloh follows this workflow for cases submitted from now on. */
async function useWorkflow(key: string) {
  for (const table of ['services', 'service_versions']) {
    const idColumn = table === 'services' ? 'id' : 'service_id';
    await t.database.admin.query(
      `UPDATE ${table} SET definition = jsonb_set(definition, '{workflow}', to_jsonb($1::text))
       WHERE ${idColumn} IN (SELECT id FROM services WHERE slug = 'hund-anmelden' AND tenant_id = $2)`,
      [key, tenantId],
    );
  }
}

async function newCase() {
  const citizen = new Browser(t.app);
  await fillApplication(citizen);
  const statusPath = await submitApplication(citizen);
  const id = (await t.database.admin.query<{ id: string }>(`SELECT id FROM applications ORDER BY submitted_at DESC LIMIT 1`))[0]!.id;
  return { id, statusPath, citizen };
}

const casePage = (browser: Browser, id: string) => browser.get(`/verwaltung/vorgaenge/${id}`);

beforeAll(async () => {
  t = await createTestApp();
  tenantId = (await t.database.admin.query<{ id: string }>(`SELECT id FROM organizations WHERE slug = 'guetersloh'`))[0]!.id;
  clerk = new Browser(t.app);
  await clerk.login('sachbearbeitung@guetersloh.example');
  admin = new Browser(t.app);
  await admin.login('organisation@guetersloh.example');
});
afterAll(() => t?.close());

describe('the standard workflow on the case page', () => {
  it('starts a submitted case in the initial state with its deadline, and shows state, deadline and next step first', async () => {
    const { id } = await newCase();
    const r = await row(id);
    expect(r).toMatchObject({ status: 'submitted', workflow_state: 'eingang', lock_version: 0 });
    expect(r.workflow_id).not.toBeNull();
    expect(new Date(r.due_at!).getTime() - new Date(r.state_entered_at!).getTime()).toBe(3 * 86_400_000);
    const page = await casePage(clerk, id);
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toContain('Bearbeitungsstand Eingegangen (Standardablauf, Version 1)');
    expect(words).toMatch(/Frist Bald fällig: bis \d{2}\.\d{2}\.\d{4}/);
    expect(words.indexOf('Nächste Schritte')).toBeLessThan(words.indexOf('Angaben zum Hund'));
    expect(stepFields(page.body, 'uebernehmen')).toEqual({ transition: 'uebernehmen', lock: '0' });
    expect(accessibilityProblems(page.body)).toEqual([]);
  });

  it('takes a transition: new state and status, assigned, audited with from and to, announced, lock version raised', async () => {
    const { id } = await newCase();
    const res = await takeStep(clerk, id, 'uebernehmen');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/verwaltung/vorgaenge/${id}?hinweis=schritt&schritt=uebernehmen`);
    const after = await clerk.get(String(res.headers.location));
    expect(text(after.body)).toContain('Erledigt: Übernehmen. Neuer Stand: In Prüfung.');
    const r = await row(id);
    expect(r).toMatchObject({ status: 'in_review', workflow_state: 'pruefung', lock_version: 1, due_at: null });
    expect(r.assigned_to).not.toBeNull();
    const audit = await transitions(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toMatch(/^staff:/);
    expect(audit[0]!.data).toMatchObject({ from: 'eingang', to: 'pruefung', transition: 'uebernehmen', fields: {} });
    expect(await announced(id)).toBe(1);
  });

  it('refuses a replayed form of an earlier state and a save without a lock version; nothing changes', async () => {
    const { id } = await newCase();
    const first = await casePage(clerk, id);
    await takeStep(clerk, id, 'uebernehmen');
    const current = await casePage(clerk, id);
    const lock = stepFields(current.body, 'vollstaendig')!.lock;
    // The old form of the received state, sent again with the current lock version.
    const replay = await clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'uebernehmen', lock }, first.body);
    expect(replay.statusCode).toBe(422);
    expect(text(replay.body)).toContain('Dieser Schritt ist im aktuellen Stand „In Prüfung“ nicht möglich.');
    const unknown = await clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'gibt-es-nicht', lock }, first.body);
    expect(unknown.statusCode).toBe(422);
    expect(text(unknown.body)).toContain('Diesen Schritt gibt es im Ablauf dieses Vorgangs nicht.');
    const noLock = await clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'vollstaendig' }, first.body);
    expect(noLock.statusCode).toBe(409);
    // Asking and deciding go through their own forms, never through the plain step.
    const ask = await clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'nachfragen', lock }, first.body);
    expect(ask.statusCode).toBe(422);
    expect(text(ask.body)).toContain('Dieser Schritt wird über sein eigenes Formular ausgeführt.');
    expect(await row(id)).toMatchObject({ workflow_state: 'pruefung', lock_version: 1, complete_at: null });
    expect(await transitions(id)).toHaveLength(1);
  });

  it('refuses the second of two saves from pages of the same version, keeping what was typed; nothing is overwritten', async () => {
    const { id } = await newCase();
    await takeStep(clerk, id, 'uebernehmen');
    const pageA = await casePage(clerk, id);
    const pageB = await casePage(admin, id);
    const lock = stepFields(pageA.body, 'vollstaendig')!.lock;
    expect(stepFields(pageB.body, 'nachfragen')!.lock).toBe(lock);
    const a = await clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'vollstaendig', lock }, pageA.body);
    expect(a.statusCode).toBe(303);
    const b = await admin.post(
      `/verwaltung/vorgaenge/${id}/rueckfrage`,
      { transition: 'nachfragen', lock, question: 'Bitte den Impfpass, Łukasz.' },
      pageB.body,
    );
    expect(b.statusCode).toBe(409);
    const words = text(b.body);
    expect(words).toContain('Der Vorgang wurde inzwischen geändert');
    expect(b.body).toContain('Bitte den Impfpass, Łukasz.');
    // The page shows the current state: completeness recorded, the review's deadline running.
    expect(words).toMatch(/Vollständig seit \d{2}\.\d{2}\.\d{4}/);
    // The history names the step and where it led, as the workflow version named them.
    expect(words).toContain('Vollständigkeit feststellen – neuer Stand: In Prüfung');
    expect(accessibilityProblems(b.body)).toEqual([]);
    const r = await row(id);
    expect(r).toMatchObject({ workflow_state: 'pruefung', status: 'in_review', lock_version: 2 });
    expect(r.complete_at).not.toBeNull();
    expect(new Date(r.due_at!).getTime() - new Date(r.complete_at!).getTime()).toBe(14 * 86_400_000);
    expect((await t.database.admin.query(`SELECT 1 FROM application_messages WHERE application_id = $1`, [id])).length).toBe(0);
  });

  it('lets only one of two saves sent at the same moment through', async () => {
    const { id } = await newCase();
    const page = await casePage(clerk, id);
    const other = await casePage(admin, id);
    const lock = stepFields(page.body, 'uebernehmen')!.lock;
    const [a, b] = await Promise.all([
      clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'uebernehmen', lock }, page.body),
      admin.post(`/verwaltung/vorgaenge/${id}/zuweisen`, { lock }, other.body),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([303, 409]);
    expect((await row(id)).lock_version).toBe(1);
  });

  it('asks the applicant; the answer on the status page takes the case back into review', async () => {
    const { id, statusPath, citizen } = await newCase();
    await takeStep(clerk, id, 'uebernehmen');
    const empty = await takeStep(clerk, id, 'nachfragen', { question: '   ' });
    expect(empty.statusCode).toBe(422);
    expect(text(empty.body)).toContain('Bitte geben Sie einen Text ein.');
    const asked = await takeStep(clerk, id, 'nachfragen', { question: 'Bitte reichen Sie den Impfpass nach.' });
    expect(asked.statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ workflow_state: 'rueckfrage', status: 'awaiting_applicant' });
    const page = await casePage(clerk, id);
    expect(text(page.body)).toContain('Geschieht von selbst: Antwort eingegangen (wenn die antragstellende Person antwortet)');
    const status = await citizen.get(statusPath);
    expect(status.statusCode).toBe(200);
    const answered = await citizen.postMultipart(`${statusPath}/antwort`, { answer: 'Anbei der Impfpass.' }, [
      { field: 'files', filename: 'impfpass.pdf', contentType: 'application/pdf', data: TINY_PDF },
    ]);
    expect(answered.statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ workflow_state: 'pruefung', status: 'in_review' });
    const audit = await transitions(id);
    expect(audit.at(-1)).toMatchObject({ actor: 'applicant', data: { from: 'rueckfrage', to: 'pruefung', transition: 'antwort' } });
    // No question is open any more: a second answer is refused.
    expect((await citizen.postMultipart(`${statusPath}/antwort`, { answer: 'Noch etwas.' }, [])).statusCode).toBe(422);
  });

  it('takes the timer transition after 28 days without an answer (the clock moved), and not before', async () => {
    const { id } = await newCase();
    await takeStep(clerk, id, 'uebernehmen');
    await takeStep(clerk, id, 'nachfragen', { question: 'Bitte den Impfpass.' });
    const entered = new Date((await row(id)).state_entered_at!);
    await runWorkflowTimers(t.app.db, new Date(entered.getTime() + 27 * 86_400_000));
    expect((await row(id)).workflow_state).toBe('rueckfrage');
    expect(await runWorkflowTimers(t.app.db, new Date(entered.getTime() + 28 * 86_400_000 + 1000))).toBeGreaterThanOrEqual(1);
    expect(await row(id)).toMatchObject({ workflow_state: 'pruefung', status: 'in_review' });
    expect((await transitions(id)).at(-1)).toMatchObject({ actor: 'system:workflow', data: { transition: 'frist-abgelaufen' } });
  });

  it('decides only in review, through the preview; closing ends the case', async () => {
    const { id } = await newCase();
    const early = await casePage(clerk, id);
    expect(early.body).not.toContain('/entscheidung/vorschau"');
    const { decided } = await decideCase(clerk, id, { outcome: 'rejected', reason: 'Nicht versichert.' });
    expect(decided?.statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ status: 'rejected', workflow_state: 'entschieden', closed_at: null });
    const closed = await takeStep(clerk, id, 'abschliessen');
    expect(closed.statusCode).toBe(303);
    const r = await row(id);
    expect(r).toMatchObject({ status: 'rejected', workflow_state: 'abgeschlossen', due_at: null });
    expect(r.closed_at).not.toBeNull();
    const page = await casePage(clerk, id);
    expect(text(page.body)).toContain('Der Vorgang ist abgeschlossen; es gibt keine weiteren Schritte.');
    expect(page.body).not.toContain('/zuweisen"');
  });

  it('moves a case from before workflows onto the standard workflow when it is next worked', async () => {
    const { id } = await newCase();
    await t.database.admin.query(`UPDATE applications SET workflow_id = NULL, workflow_state = NULL, due_at = NULL, state_entered_at = NULL WHERE id = $1`, [
      id,
    ]);
    const page = await casePage(clerk, id);
    expect(text(page.body)).toContain('Bearbeitungsstand Eingegangen (Standardablauf');
    expect((await takeStep(clerk, id, 'uebernehmen')).statusCode).toBe(303);
    const r = await row(id);
    expect(r.workflow_id).not.toBeNull();
    expect(r.workflow_state).toBe('pruefung');
  });

  it('keeps a running case on its version when a new version of the workflow is stored', async () => {
    const { id } = await newCase();
    const before = (await row(id)).workflow_id;
    const changed = { ...STANDARD, states: STANDARD.states.map((s) => (s.id === 'pruefung' ? { ...s, label: { de: 'Sachprüfung', en: 'Review' } } : s)) };
    await inTenant(t.app.db, tenantId, (tx) => storeVersion(tx, tenantId, changed, 2, null));
    await takeStep(clerk, id, 'uebernehmen');
    expect((await row(id)).workflow_id).toBe(before);
    expect(text((await casePage(clerk, id)).body)).toContain('In Prüfung (Standardablauf, Version 1)');
    const next = await newCase();
    expect((await row(next.id)).workflow_id).not.toBe(before);
    await takeStep(clerk, next.id, 'uebernehmen');
    expect(text((await casePage(clerk, next.id)).body)).toContain('Sachprüfung (Standardablauf, Version 2)');
  });
});

describe('who may see the case', () => {
  it("answers 404 for a case of a service another team handles, and lets the team's clerk work it", async () => {
    const { id } = await newCase();
    const q = (sql: string, params: unknown[] = []) => t.database.admin.query<{ id: string }>(sql, params);
    const clerkId = (await q(`SELECT id FROM staff_users WHERE email = 'sachbearbeitung@guetersloh.example'`))[0]!.id;
    const other = (await q(`SELECT id FROM services WHERE tenant_id = $1 AND slug <> 'hund-anmelden' LIMIT 1`, [tenantId]))[0]!.id;
    const dog = (await q(`SELECT service_id AS id FROM applications WHERE id = $1`, [id]))[0]!.id;
    const team = '01900000-0000-7000-8000-00000000e001';
    await q(`INSERT INTO teams (tenant_id, id, name, kind) VALUES ($1, $2, 'Bürgerbüro', 'sachgebiet')`, [tenantId, team]);
    await q(`INSERT INTO team_members (tenant_id, team_id, user_id) VALUES ($1, $2, $3)`, [tenantId, team, clerkId]);
    await q(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ($1, $2, $3)`, [tenantId, team, other]);
    try {
      const hidden = await casePage(clerk, id);
      expect(hidden.statusCode).toBe(404);
      const adminPage = await casePage(admin, id);
      expect(adminPage.statusCode).toBe(200);
      const lock = stepFields(adminPage.body, 'uebernehmen')!.lock;
      expect((await clerk.post(`/verwaltung/vorgaenge/${id}/schritt`, { transition: 'uebernehmen', lock })).statusCode).toBe(404);
      expect((await row(id)).workflow_state).toBe('eingang');
      await q(`INSERT INTO team_services (tenant_id, team_id, service_id) VALUES ($1, $2, $3)`, [tenantId, team, dog]);
      expect((await casePage(clerk, id)).statusCode).toBe(200);
    } finally {
      await q(`DELETE FROM team_services WHERE team_id = $1`, [team]);
      await q(`DELETE FROM team_members WHERE team_id = $1`, [team]);
      await q(`DELETE FROM teams WHERE id = $1`, [team]);
    }
  });
});

describe('the four-eyes workflow', () => {
  beforeAll(() => useWorkflow('vier-augen'));

  it('needs the proposal entered; a clerk cannot approve; the proposer cannot approve their own; another head can', async () => {
    const { id } = await newCase();
    await takeStep(clerk, id, 'uebernehmen');
    const missing = await takeStep(clerk, id, 'zur-freigabe', { vorschlag: ' ' });
    expect(missing.statusCode).toBe(422);
    expect(text(missing.body)).toContain('Geben Sie „Entscheidungsvorschlag“ ein.');
    expect(missing.body).toContain('href="#f-step-zur-freigabe-vorschlag"');
    expect(accessibilityProblems(missing.body)).toEqual([]);
    expect((await row(id)).workflow_state).toBe('pruefung');
    expect((await takeStep(clerk, id, 'zur-freigabe', { vorschlag: 'Genehmigen, alles vollständig.' })).statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ workflow_state: 'freigabe', status: 'in_review' });
    expect((await transitions(id)).at(-1)!.data).toMatchObject({ fields: { vorschlag: 'Genehmigen, alles vollständig.' } });

    // The clerk lacks the role: the step is listed as refused, and a posted decision is refused too.
    const page = await casePage(clerk, id);
    expect(text(page.body)).toContain('Freigeben und entscheiden: Dafür fehlt Ihnen die Rolle „Leitung“.');
    const forged = await clerk.post(
      `/verwaltung/vorgaenge/${id}/entscheidung/vorschau`,
      { transition: 'entscheiden', lock: String((await row(id)).lock_version), outcome: 'approved', reason: 'Selbst freigegeben.' },
      page.body,
    );
    expect(forged.statusCode).toBe(422);
    expect(text(forged.body)).toContain('Dafür fehlt Ihnen die Rolle „Leitung“.');
    expect((await row(id)).status).toBe('in_review');

    // The admin holds every role and approves the clerk's proposal.
    const { decided } = await decideCase(admin, id, { outcome: 'approved', reason: 'Freigegeben.' });
    expect(decided?.statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ status: 'approved', workflow_state: 'entschieden' });
  });

  it('refuses the approval to the person who proposed it (four eyes)', async () => {
    const { id } = await newCase();
    await takeStep(admin, id, 'uebernehmen');
    await takeStep(admin, id, 'zur-freigabe', { vorschlag: 'Ablehnen.' });
    const page = await casePage(admin, id);
    expect(text(page.body)).toContain('Den Schritt „Zur Zweitprüfung geben“ haben Sie selbst ausgeführt');
    expect(page.body).not.toContain('/entscheidung/vorschau"');
    // The head of team sends it back with a reason.
    await t.database.admin.query(`UPDATE staff_users SET case_roles = '{leitung}' WHERE email = 'sachbearbeitung@guetersloh.example'`);
    try {
      const noReason = await takeStep(clerk, id, 'zurueckgeben', {});
      expect(noReason.statusCode).toBe(422);
      expect(text(noReason.body)).toContain('Geben Sie „Begründung“ ein.');
      expect((await takeStep(clerk, id, 'zurueckgeben', { begruendung: 'Bitte den Nachweis prüfen.' })).statusCode).toBe(303);
      expect((await row(id)).workflow_state).toBe('pruefung');
    } finally {
      await t.database.admin.query(`UPDATE staff_users SET case_roles = '{}' WHERE email = 'sachbearbeitung@guetersloh.example'`);
    }
  });
});

describe('the fee payment workflow', () => {
  beforeAll(() => useWorkflow('gebuehr'));

  it('requests the fee; only the cash office books it, with amount and date checked; then the case is decided', async () => {
    const { id, statusPath, citizen } = await newCase();
    await takeStep(clerk, id, 'uebernehmen');
    expect((await takeStep(clerk, id, 'zahlung-anfordern')).statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ workflow_state: 'zahlung', status: 'awaiting_applicant' });
    // The citizen sees the state waiting for payment, and no answer form: no question is open.
    const status = await citizen.get(statusPath);
    expect(text(status.body)).toContain('Aktueller Stand: Wartet auf Zahlung.');
    expect(status.body).not.toContain(`action="${statusPath}/antwort"`);
    expect((await citizen.postMultipart(`${statusPath}/antwort`, { answer: 'Schon bezahlt.' }, [])).statusCode).toBe(422);
    const page = await casePage(clerk, id);
    expect(text(page.body)).toContain('Zahlung verbuchen: Dafür fehlt Ihnen die Rolle „Kasse“.');
    expect(text(page.body)).toContain('Geschieht von selbst: Nicht binnen 60 Tagen bezahlt (nach 60 Tagen in diesem Stand)');
    const lock = String((await row(id)).lock_version);
    const forged = await clerk.post(
      `/verwaltung/vorgaenge/${id}/schritt`,
      { transition: 'zahlung-verbuchen', lock, f_betrag: '120', f_buchungstag: '01.12.2026' },
      page.body,
    );
    expect(forged.statusCode).toBe(422);
    expect((await row(id)).fee_paid_at).toBeNull();

    await t.database.admin.query(`UPDATE staff_users SET case_roles = '{kasse}' WHERE email = 'sachbearbeitung@guetersloh.example'`);
    try {
      const bad = await takeStep(clerk, id, 'zahlung-verbuchen', { betrag: 'hundert', buchungstag: '31.02.2026' });
      expect(bad.statusCode).toBe(422);
      const words = text(bad.body);
      expect(words).toContain('Geben Sie „Betrag in Euro oder Franken“ als Zahl ein');
      expect(words).toContain('Geben Sie „Buchungstag“ als Datum im Format TT.MM.JJJJ ein');
      expect(bad.body).toMatch(/name="f_betrag"[^>]*value="hundert"/);
      expect(bad.body).toMatch(/name="f_buchungstag"[^>]*value="31.02.2026"/);
      expect(accessibilityProblems(bad.body)).toEqual([]);
      expect((await takeStep(clerk, id, 'zahlung-verbuchen', { betrag: '120,00', buchungstag: '01.12.2026' })).statusCode).toBe(303);
    } finally {
      await t.database.admin.query(`UPDATE staff_users SET case_roles = '{}' WHERE email = 'sachbearbeitung@guetersloh.example'`);
    }
    const r = await row(id);
    expect(r.workflow_state).toBe('entscheidung');
    expect(r.fee_paid_at).not.toBeNull();
    expect((await transitions(id)).at(-1)!.data).toMatchObject({ transition: 'zahlung-verbuchen', fields: { betrag: 120, buchungstag: '2026-12-01' } });
    const { decided } = await decideCase(clerk, id, { outcome: 'approved', reason: 'Bezahlt und vollständig.' });
    expect(decided?.statusCode).toBe(303);
    expect(await row(id)).toMatchObject({ status: 'approved', workflow_state: 'entschieden' });
  });
});
