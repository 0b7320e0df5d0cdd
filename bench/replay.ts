// The database's share of one application, replayed by pgbench: the statements the server logged while one
// application was made, in their transactions, with the ids and numbers it created made fresh on every run.
import { readFile, stat } from 'node:fs/promises';
import pg from 'pg';

export interface LoggedStatement {
  pid: string;
  sql: string;
}

const ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (LOG|DETAIL|ERROR|STATEMENT|WARNING|HINT|CONTEXT|FATAL):\s+([\s\S]*)$/;
const PREFIX = '%m [%p] ';

/**
 * Runs `work` with every statement of the server logged, and returns the statements of other sessions than the
 * caller's, with their parameters written in as literals.
 */
export async function captureStatements(url: string, logFile: string, work: () => Promise<void>): Promise<LoggedStatement[]> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const own = String((await admin.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  await admin.query(`ALTER SYSTEM SET log_line_prefix = '${PREFIX}'`);
  await admin.query("ALTER SYSTEM SET log_statement = 'all'");
  await admin.query('SELECT pg_reload_conf()');
  await new Promise((r) => setTimeout(r, 300));
  const from = (await stat(logFile)).size;
  try {
    await work();
  } finally {
    await admin.query('ALTER SYSTEM RESET log_statement');
    await admin.query('ALTER SYSTEM RESET log_line_prefix');
    await admin.query('SELECT pg_reload_conf()');
    await admin.end();
  }
  const text = (await readFile(logFile)).subarray(from).toString('utf8');
  return parseLog(text).filter((s) => s.pid !== own);
}

/** Statements from a log written with log_statement=all; an extended-protocol statement gets its parameters inlined. */
export function parseLog(text: string): LoggedStatement[] {
  const entries: Array<{ pid: string; kind: string; text: string }> = [];
  for (const line of text.split('\n')) {
    const m = ENTRY.exec(line);
    if (m) entries.push({ pid: m[1]!, kind: m[2]!, text: m[3]! });
    else if (entries.length) entries.at(-1)!.text += `\n${line}`;
  }
  const statements: LoggedStatement[] = [];
  for (const [i, e] of entries.entries()) {
    if (e.kind !== 'LOG') continue;
    const simple = /^statement: ([\s\S]*)$/.exec(e.text);
    const extended = /^execute [^:]*: ([\s\S]*)$/.exec(e.text);
    if (!simple && !extended) continue;
    let sql = (simple ?? extended)![1]!.trim();
    const next = entries[i + 1];
    if (extended && next?.kind === 'DETAIL' && next.pid === e.pid && next.text.startsWith('parameters: ')) {
      sql = inlineParameters(sql, parseParameters(next.text.slice('parameters: '.length)));
    }
    statements.push({ pid: e.pid, sql });
  }
  return statements;
}

function parseParameters(text: string): Map<string, string> {
  const values = new Map<string, string>();
  const re = /\$(\d+) = (NULL|'(?:[^']|'')*')/g;
  for (let m = re.exec(text); m; m = re.exec(text)) values.set(m[1]!, m[2]!);
  return values;
}

function inlineParameters(sql: string, values: Map<string, string>): string {
  return sql.replace(/\$(\d+)\b/g, (whole, n: string) => values.get(n) ?? whole);
}

const REFERENCE = /'([A-Z]{2,3}-\d{4}-\d{6})'/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g;

/** The time a UUIDv7 was made, from its first 48 bits. */
const uuidTime = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);

const HEX64 = /[0-9a-f]{64}/g;
const UPSERT_RETURNING = /^insert into[\s\S]+on conflict[\s\S]+returning [\s\S]+$/i;
const AUDIT_SEQ = /insert into audit_log[\s\S]*?values \('[^']*', '(\d+)'/i;

/**
 * A pgbench script that does what the logged statements did, and can run again and again. What the application
 * made afresh becomes a fresh value on every run: ids (UUIDv7 from the time of the capture) and hashes or tokens
 * (64 hex digits). What the application computed from a row it had just read is computed from that row again:
 * an upsert's RETURNING is kept with \gset, so the audit entry's sequence number follows the head it read and the
 * reference number follows its counter.
 */
export function toPgbenchScript(statements: LoggedStatement[], since: number): { script: string; transactions: number; statements: number } {
  const reference = statements.map((s) => REFERENCE.exec(s.sql)?.[1]).find(Boolean);
  const fresh = new Map<string, string>();
  const hashes = new Map<string, string>();
  for (const s of statements) {
    for (const id of s.sql.match(UUID) ?? []) {
      if (uuidTime(id) >= since && !fresh.has(id)) fresh.set(id, `u${fresh.size + 1}`);
    }
    for (const h of s.sql.match(HEX64) ?? []) {
      if (!/^0+$/.test(h) && !hashes.has(h)) hashes.set(h, `h${hashes.size + 1}`);
    }
  }
  const auditSeq = statements.map((s) => AUDIT_SEQ.exec(s.sql)?.[1]).find(Boolean);
  const made = [
    ...[...fresh.values()].map((v) => `gen_random_uuid() AS ${v}`),
    ...[...hashes.values()].map((v) => `md5(random()::text) || md5(random()::text) AS ${v}`),
  ];
  const lines: string[] = [];
  if (made.length) lines.push(`SELECT ${made.join(', ')} \\gset`);
  let transactions = 0;
  for (const s of statements) {
    let sql = s.sql.replace(/;\s*$/, '');
    for (const [id, v] of fresh) sql = sql.replaceAll(id, `:${v}`);
    for (const [h, v] of hashes) sql = sql.replaceAll(h, `:${v}`);
    if (reference) sql = sql.replaceAll(reference, `${reference.replace(/\d+$/, '')}:r_last_value`);
    if (auditSeq && /audit_log|audit_heads/i.test(sql)) sql = sql.replaceAll(`'${auditSeq}'`, '(:r_last_seq + 1)');
    if (/^(begin|start transaction)\b/i.test(sql)) transactions++;
    lines.push(UPSERT_RETURNING.test(sql) ? `${sql} \\gset r_` : `${sql};`);
  }
  return { script: `${lines.join('\n')}\n`, transactions, statements: statements.length };
}
