// The clerk's inbox and case page: the service column, the search, the "Antwort eingegangen" badge, the staff's
// words for states, and the case page's fee and history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDateTime } from '../../platform/i18n/format.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { Browser, TINY_PDF } from '../../testing/http.ts';
import { takeStep } from '../../testing/case-forms.ts';
import { decideCase } from '../../testing/decide.ts';
import { fillApplication, submitApplication, VALID_STEPS } from '../../testing/flows.ts';
import { inboxSearchText } from './inbox.ts';
import { historyOf } from './history.ts';

let t: TestApp;
let clerk: Browser;
const applicants: Record<string, { statusPath: string; reference: string; id: string }> = {};
let otherReference = '';

const steps = (first: string, last: string) => ({ ...VALID_STEPS, halter: { ...VALID_STEPS.halter!, vorname: first, nachname: last } });
const rowOf = (html: string, reference: string) => {
  const start = html.indexOf(`>${reference}</a>`);
  expect(start, `${reference} in the inbox`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</tr>', start));
};
const idOf = (html: string, reference: string) => new RegExp(`/verwaltung/vorgaenge/([0-9a-f-]{36})"[^>]*>${reference}<`).exec(html)![1]!;

beforeAll(async () => {
  t = await createTestApp();
  for (const [first, last] of [
    ['Łukasz', 'Żółć-Müller'],
    ['Erika', 'Mustermann'],
  ] as const) {
    const citizen = new Browser(t.app);
    await fillApplication(citizen, undefined, steps(first, last));
    const statusPath = await submitApplication(citizen);
    const page = await citizen.get(statusPath);
    const reference = /GT-\d{4}-\d{6}/.exec(page.body)![0];
    applicants[last] = { statusPath, reference, id: '' };
  }
  // An application for another service of the town, written as the schema owner (as an import would).
  otherReference = 'GT-2026-900001';
  await t.database.admin.exec(`
    INSERT INTO applications (tenant_id, id, reference, service_id, status, answers, applicant_name, applicant_email,
      status_token_hash, idempotency_key, submitted_at, updated_at, retain_until)
    SELECT o.id, gen_random_uuid(), '${otherReference}', s.id, 'in_review', '{}', 'Hans Schmidt_100%', 'hans@example.org',
      md5('inbox-test'), md5('inbox-test-key'), now() - interval '1 day', now() - interval '1 day', current_date + 3650
    FROM organizations o JOIN services s ON s.tenant_id = o.id AND s.slug <> 'hund-anmelden'
    WHERE o.slug = 'guetersloh' ORDER BY s.slug LIMIT 1`);
  clerk = new Browser(t.app);
  await clerk.login('sachbearbeitung@guetersloh.example');
  const inbox = await clerk.get('/verwaltung/');
  for (const a of Object.values(applicants)) a.id = idOf(inbox.body, a.reference);
});
afterAll(() => t?.close());

describe('the inbox', () => {
  it('shows the service of each application and the states in the staff’s words', async () => {
    const [other] = await t.database.admin.query<{ title: string }>(
      `SELECT s.title FROM applications a JOIN services s ON s.tenant_id = a.tenant_id AND s.id = a.service_id WHERE a.reference = '${otherReference}'`,
    );
    const res = await clerk.get('/verwaltung/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<th class="kern-table__header" scope="col">Leistung</th>');
    expect(rowOf(res.body, applicants['Mustermann']!.reference)).toContain('<td class="kern-table__cell">Hund anmelden (Hundesteuer)</td>');
    expect(rowOf(res.body, otherReference)).toContain(`<td class="kern-table__cell">${other!.title}</td>`);
    expect(rowOf(res.body, applicants['Mustermann']!.reference)).toContain('Neu eingegangen');
    expect(rowOf(res.body, otherReference)).toContain('In Bearbeitung');
    // The filter offers the staff's words too, and the services to choose from.
    expect(res.body).toContain('<option value="awaiting_applicant">Wartet auf Antwort</option>');
    expect(res.body).not.toContain('Rückfrage an Sie');
    expect(res.body).toContain('<option value>Alle Leistungen</option>');
  });

  it('finds applications by reference, applicant name (any case) and service, in a GET form that keeps what was typed', async () => {
    const { reference } = applicants['Żółć-Müller']!;
    const byReference = await clerk.get(`/verwaltung/?q=${encodeURIComponent(reference.toLowerCase())}`);
    expect(byReference.body).toContain(`>${reference}</a>`);
    expect(byReference.body).not.toContain(`>${applicants['Mustermann']!.reference}</a>`);
    expect(byReference.body).toContain(`name="q" type="search" value="${reference.toLowerCase()}"`);

    // Part of a reference is searched as text.
    const byNumber = await clerk.get(`/verwaltung/?q=${reference.slice(-6)}`);
    expect(byNumber.body).toContain(`>${reference}</a>`);
    expect(byNumber.body).not.toContain(`>${applicants['Mustermann']!.reference}</a>`);

    const byName = await clerk.get(`/verwaltung/?q=${encodeURIComponent('  żółć ')}`);
    expect(byName.body).toContain(`>${reference}</a>`);
    expect(byName.body).not.toContain(`>${applicants['Mustermann']!.reference}</a>`);
    expect(byName.body).toContain('value="żółć"');

    const byService = await clerk.get(`/verwaltung/?q=${encodeURIComponent('HUNDESTEUER')}`);
    expect(byService.body).toContain(`>${reference}</a>`);
    expect(byService.body).toContain(`>${applicants['Mustermann']!.reference}</a>`);
    expect(byService.body).not.toContain(`>${otherReference}</a>`);
    // The service's English title is searched too.
    expect((await clerk.get('/verwaltung/?q=dog+tax')).body).toContain(`>${reference}</a>`);
  });

  it('takes % and _ in a search as letters, and says so when nothing matches', async () => {
    const percent = await clerk.get(`/verwaltung/?q=${encodeURIComponent('_100%')}`);
    expect(percent.body).toContain(`>${otherReference}</a>`);
    expect(percent.body).not.toContain(`>${applicants['Mustermann']!.reference}</a>`);
    const none = await clerk.get(`/verwaltung/?q=${encodeURIComponent('%')}&status=submitted`);
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain('Keine Anträge passen zu Ihrer Suche.');
    expect(none.body).toContain('Suche und Filter zurücksetzen');
    // Control characters and over-long input are cleaned, not refused.
    const odd = await clerk.get(`/verwaltung/?q=${encodeURIComponent(`Muster\u0000mann${'x'.repeat(300)}`)}`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('\u0000');
  });

  it('filters by service and state together with the search, and keeps search and filters in sorting and paging links', async () => {
    const inbox = await clerk.get('/verwaltung/');
    const dogService = /<option value="([0-9a-f-]{36})">Hund anmelden \(Hundesteuer\)<\/option>/.exec(inbox.body)![1]!;
    const res = await clerk.get(`/verwaltung/?q=mann&leistung=${dogService}&status=submitted&sort=name&dir=asc`);
    expect(res.body).toContain(`>${applicants['Mustermann']!.reference}</a>`);
    expect(res.body).not.toContain(`>${otherReference}</a>`);
    expect(res.body).toContain(`<option value="${dogService}" selected>`);
    expect(res.body).toContain('<option value="submitted" selected>');
    // The sort links keep the search and the filters; the form keeps the sorting.
    expect(res.body).toContain(`href="/verwaltung/?q=mann&amp;status=submitted&amp;leistung=${dogService}&amp;sort=aktenzeichen&amp;dir=desc"`);
    expect(res.body).toContain('<input type="hidden" name="sort" value="name"/>');
    expect(res.body).toContain('<input type="hidden" name="dir" value="asc"/>');
    // A filter value that is not one of the offered is ignored, not an error.
    const unknown = await clerk.get('/verwaltung/?status=bogus&leistung=not-a-service&seite=abc&sort=x');
    expect(unknown.statusCode).toBe(200);
    expect(unknown.body).toContain(`>${otherReference}</a>`);
  });

  it('pages through many results with the search kept', async () => {
    await t.database.admin.exec(`
      INSERT INTO applications (tenant_id, id, reference, service_id, status, answers, applicant_name, applicant_email,
        status_token_hash, idempotency_key, submitted_at, updated_at, retain_until)
      SELECT a.tenant_id, gen_random_uuid(), 'GT-2026-8' || lpad(g::text, 5, '0'), a.service_id, 'submitted', '{}', 'Paula Seitenweise', 'p@example.org',
        md5('page-' || g), md5('page-key-' || g), now() - g * interval '1 minute', now(), current_date + 3650
      FROM applications a, generate_series(1, 60) AS g WHERE a.reference = '${otherReference}'`);
    const first = await clerk.get('/verwaltung/?q=seitenweise&sort=aktenzeichen&dir=asc');
    expect(first.body.match(/>GT-2026-8\d{5}</g)?.length).toBe(50);
    expect(first.body).toContain('GT-2026-800001');
    expect(first.body).toContain('href="/verwaltung/?q=seitenweise&amp;sort=aktenzeichen&amp;dir=asc&amp;seite=2"');
    const second = await clerk.get('/verwaltung/?q=seitenweise&sort=aktenzeichen&dir=asc&seite=2');
    expect(second.body.match(/>GT-2026-8\d{5}</g)?.length).toBe(10);
    expect(second.body).toContain('GT-2026-800060');
    expect(second.body).toContain('href="/verwaltung/?q=seitenweise&amp;sort=aktenzeichen&amp;dir=asc"');
  });
});

describe('the "Antwort eingegangen" badge', () => {
  it('appears when the applicant answered and goes once a clerk has opened the case', async () => {
    const a = applicants['Żółć-Müller']!;
    // The case is taken up first: its workflow offers the question in review.
    expect((await takeStep(clerk, a.id, 'uebernehmen')).statusCode).toBe(303);
    const asked = await takeStep(clerk, a.id, 'nachfragen', { question: 'Bitte reichen Sie den Impfpass nach.' });
    expect(asked.statusCode).toBe(303);
    const waiting = await clerk.get('/verwaltung/?status=awaiting_applicant');
    expect(rowOf(waiting.body, a.reference)).toContain('Wartet auf Antwort');
    expect(rowOf(waiting.body, a.reference)).not.toContain('Antwort eingegangen');
    expect((await clerk.get(`/verwaltung/vorgaenge/${a.id}`)).body).toContain('Wartet auf Antwort');

    const citizen = new Browser(t.app);
    const answered = await citizen.postMultipart(`${a.statusPath}/antwort`, { answer: 'Anbei der Impfpass.' }, [
      { field: 'files', filename: 'impfpass.pdf', contentType: 'application/pdf', data: TINY_PDF },
    ]);
    expect(answered.statusCode).toBe(303);

    const inbox = await clerk.get('/verwaltung/');
    expect(rowOf(inbox.body, a.reference)).toContain('Antwort eingegangen');
    expect(rowOf(inbox.body, applicants['Mustermann']!.reference)).not.toContain('Antwort eingegangen');
    // A colleague's inbox shows it as well: no staff member has looked yet.
    const colleague = new Browser(t.app);
    await colleague.login('organisation@guetersloh.example');
    expect(rowOf((await colleague.get('/verwaltung/')).body, a.reference)).toContain('Antwort eingegangen');

    expect((await clerk.get(`/verwaltung/vorgaenge/${a.id}`)).statusCode).toBe(200);
    expect(rowOf((await clerk.get('/verwaltung/')).body, a.reference)).not.toContain('Antwort eingegangen');
    expect(rowOf((await colleague.get('/verwaltung/')).body, a.reference)).not.toContain('Antwort eingegangen');
  });
});

describe('the case page', () => {
  it('shows the fee computed at submission, formatted for the town', async () => {
    const a = applicants['Mustermann']!;
    const [row] = await t.database.admin.query<{ fees: { totalMinor: number } }>(`SELECT fees FROM applications WHERE reference = '${a.reference}'`);
    expect(row!.fees.totalMinor).toBeGreaterThan(0);
    const euros = (row!.fees.totalMinor / 100).toFixed(2).replace('.', ',');
    const page = await clerk.get(`/verwaltung/vorgaenge/${a.id}`);
    expect(page.body).toContain('<h2 class="kern-heading-medium" id="case-fees">Kosten</h2>');
    expect(page.body).toContain(`<strong>${euros}\u00a0€</strong>`);
    expect(page.body).toContain('Berechnet beim Absenden des Antrags am');
  });

  it('says so when no fee was computed', async () => {
    const inbox = await clerk.get(`/verwaltung/?q=${otherReference}`);
    const page = await clerk.get(`/verwaltung/vorgaenge/${idOf(inbox.body, otherReference)}`);
    expect(page.body).toContain('Für diesen Antrag wurden beim Absenden keine Kosten berechnet.');
    // Without an audit entry (imported), the history still starts with its receipt.
    expect(page.body).toContain('Antrag eingegangen');
  });

  it('shows the history with who and when, in the municipality’s time zone', async () => {
    const a = applicants['Żółć-Müller']!;
    const page = await clerk.get(`/verwaltung/vorgaenge/${a.id}`);
    const history = page.body.slice(page.body.indexOf('id="case-history"'));
    const [row] = await t.database.admin.query<{ submitted_at: Date }>(`SELECT submitted_at FROM applications WHERE id = '${a.id}'`);
    const submitted = formatDateTime(new Date(row!.submitted_at), 'Europe/Berlin', 'de');
    expect(history).toContain('Verlauf');
    const order = ['Antrag eingegangen', 'Rückfrage gestellt', 'Antwort eingegangen, mit 1 Datei(en)'].map((text) => history.indexOf(text));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(history).toMatch(
      new RegExp(
        `<time datetime="[^"]+">${submitted}</time></th><td class="kern-table__cell">Antrag eingegangen</td><td class="kern-table__cell">Łukasz Żółć-Müller</td>`,
      ),
    );
    expect(history).toMatch(/Rückfrage gestellt<\/td><td class="kern-table__cell">Sachbearbeitung Stadt Gütersloh<\/td>/);

    const english = await clerk.get(`/verwaltung/vorgaenge/${a.id}?lang=en`);
    expect(english.body).toContain('Question asked');
    await clerk.get(`/verwaltung/vorgaenge/${a.id}?lang=de`);
  });

  it('adds the decision to the history, with the clerk who made it', async () => {
    const a = applicants['Żółć-Müller']!;
    const { decided } = await decideCase(clerk, a.id, { outcome: 'approved', reason: 'Alle Unterlagen liegen vor.' });
    expect(decided?.statusCode).toBe(303);
    const page = await clerk.get(`/verwaltung/vorgaenge/${a.id}`);
    const history = page.body.slice(page.body.indexOf('id="case-history"'));
    expect(history.indexOf('Genehmigt</td><td class="kern-table__cell">Sachbearbeitung Stadt Gütersloh</td>')).toBeGreaterThan(
      history.indexOf('Antwort eingegangen'),
    );
    expect(rowOf((await clerk.get('/verwaltung/?status=approved')).body, a.reference)).toContain('Genehmigt');
  });
});

describe('history of a case', () => {
  const staff = '0190a000-0000-7000-8000-000000000001';
  const other = '0190a000-0000-7000-8000-000000000002';
  const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 9, minutes));

  it('reads every kind of event with who did it, and leaves unknown ones out', () => {
    const entries = historyOf(
      [
        { occurred_at: at(0), actor: 'applicant', action: 'application.submitted', data: {} },
        { occurred_at: at(1), actor: `staff:${staff}`, action: 'application.assigned', data: { to: other } },
        { occurred_at: at(2), actor: `staff:${staff}`, action: 'application.question_asked', data: {} },
        { occurred_at: at(3), actor: 'applicant', action: 'application.question_answered', data: { files: 2 } },
        { occurred_at: at(4), actor: `staff:${other}`, action: 'application.approved', data: {} },
        { occurred_at: at(5), actor: `staff:${other}`, action: 'application.decided', data: { outcome: 'rejected' } },
        { occurred_at: at(6), actor: 'system:retention', action: 'application.something_else', data: {} },
        { occurred_at: at(7), actor: 'staff:not-a-uuid', action: 'application.decided', data: {} },
      ],
      at(0),
    );
    expect(entries.map((e) => e.kind)).toEqual(['received', 'assigned', 'question', 'answer', 'approved', 'rejected', 'decided']);
    expect(entries[1]).toMatchObject({ by: { kind: 'staff', id: staff }, assignee: other });
    expect(entries[3]).toMatchObject({ by: { kind: 'applicant' }, files: 2 });
    expect(entries[6]!.by).toEqual({ kind: 'system' });
  });

  it('shows the case work beside the workflow: paper receipt, notes, tasks, legal holds and the handover', () => {
    const entries = historyOf(
      [
        { occurred_at: at(0), actor: `staff:${staff}`, action: 'application.received_on_paper', data: {} },
        { occurred_at: at(1), actor: `staff:${staff}`, action: 'case.note_added', data: { note: 'n' } },
        { occurred_at: at(2), actor: `staff:${staff}`, action: 'case.task_created', data: {} },
        { occurred_at: at(3), actor: `staff:${other}`, action: 'case.task_completed', data: {} },
        { occurred_at: at(4), actor: `staff:${other}`, action: 'case.task_reopened', data: {} },
        { occurred_at: at(5), actor: `staff:${staff}`, action: 'application.legal_hold_set', data: {} },
        { occurred_at: at(6), actor: `staff:${staff}`, action: 'application.legal_hold_lifted', data: {} },
        { occurred_at: at(7), actor: `staff:${staff}`, action: 'application.handed_over', data: {} },
      ],
      at(0),
    );
    // A paper case's first entry is its receipt on paper, not an invented online one.
    expect(entries.map((e) => e.kind)).toEqual([
      'receivedOnPaper',
      'note',
      'taskCreated',
      'taskCompleted',
      'taskReopened',
      'holdSet',
      'holdLifted',
      'handedOver',
    ]);
  });

  it('starts with the receipt even when the audit log has none', () => {
    const entries = historyOf([], at(0));
    expect(entries).toEqual([{ kind: 'received', at: at(0), by: { kind: 'applicant' } }]);
  });
});

describe('what the inbox searches for', () => {
  it('is the typed text trimmed, in NFC, without control or invisible characters, at most 100 characters', () => {
    expect(inboxSearchText('  Hund\u0000 \u200b anmelden\n ')).toBe('Hund anmelden');
    expect(inboxSearchText('Mu\u0308ller')).toBe('Müller');
    expect(inboxSearchText('x'.repeat(300))).toHaveLength(100);
    expect(inboxSearchText(undefined)).toBe('');
  });
});
