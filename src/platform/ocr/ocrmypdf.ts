// Text recognition for scanned paper with Debian's ocrmypdf and tesseract-ocr-deu: a PDF, TIFF or JPEG goes in, a
// searchable PDF/A and its plain text come out. The program is optional: callers ask `ocrAvailable` first.
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type ScanType = 'application/pdf' | 'image/tiff' | 'image/jpeg';

export interface OcrProgress {
  pagesDone: number;
  pagesTotal: number | null;
}

export type OcrFailure = 'unavailable' | 'damaged' | 'encrypted' | 'failed' | 'timeout';

export type OcrResult = { ok: true; pdf: Buffer; text: string; pages: number; pdfa: boolean } | { ok: false; reason: OcrFailure; detail: string };

export interface OcrOptions {
  command: string;
  language?: string;
  onProgress?: (progress: OcrProgress) => void | Promise<void>;
  timeoutMs?: number;
  /** The resolution assumed for an image that names none (a JPEG without density): an office scanner's usual one. */
  fallbackDpi?: number;
}

const EXTENSION: Record<ScanType, string> = { 'application/pdf': 'pdf', 'image/tiff': 'tif', 'image/jpeg': 'jpg' };

// ocrmypdf's exit codes (ocrmypdf.exceptions.ExitCode).
const EXIT = { ok: 0, inputFile: 2, missingDependency: 3, encrypted: 8, pdfaFailed: 10 } as const;

/** What Pillow, libtiff and pikepdf say about files they cannot decode. */
const DAMAGE = /OSError|truncated|corrupt|cannot identify|UnidentifiedImageError|decoder|PdfError|damaged/i;

const available = new Map<string, Promise<boolean>>();

/** Whether the command runs at all (`--version`); asked once per command and process. */
export function ocrAvailable(command: string): Promise<boolean> {
  let known = available.get(command);
  if (!known) {
    known = new Promise<boolean>((resolve) => {
      const child = spawn(command, ['--version'], { stdio: 'ignore' });
      child.on('error', () => resolve(false));
      child.on('exit', (code) => resolve(code === 0));
    });
    available.set(command, known);
  }
  return known;
}

/** A PDF's page count from poppler's pdfinfo, when it can tell; ocrmypdf logs none while it works one page at a time. */
function pdfPages(file: string): Promise<number | null> {
  return new Promise((resolve) => {
    execFile('pdfinfo', [file], { timeout: 30_000 }, (error, stdout) => {
      const pages = error ? null : /^Pages:\s+(\d+)/m.exec(stdout);
      resolve(pages ? Number(pages[1]) : null);
    });
  });
}

interface Run {
  code: number | null;
  stderr: string;
  spawnError?: NodeJS.ErrnoException;
  timedOut: boolean;
}

function run(command: string, args: string[], timeoutMs: number, onLine: (line: string) => void): Promise<Run> {
  return new Promise((resolve) => {
    let stderr = '';
    let buffered = '';
    let timedOut = false;
    // Its own process group, so a timeout also ends the tesseract and ghostscript processes it started.
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      // Keep the end only: the verbose log of a long document is large, and failures are named at its end.
      stderr = (stderr + chunk).slice(-20_000);
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) onLine(line);
    });
    child.on('error', (spawnError: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ code: null, stderr, spawnError, timedOut });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (buffered) onLine(buffered);
      resolve({ code, stderr, timedOut });
    });
  });
}

/** The last lines of ocrmypdf's log that say something, for the job's record and the server log. */
const lastWords = (stderr: string) =>
  stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^Opened a file$/.test(l))
    .slice(-3)
    .join(' | ')
    .slice(0, 500);

/**
 * Recognises the text of one scan. Progress comes from ocrmypdf's verbose log: it logs "Grafting" per page when
 * that page's text layer is done (and, running several pages at once, the page count when it starts).
 */
export async function recognise(bytes: Buffer, type: ScanType, options: OcrOptions): Promise<OcrResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rathaus-ocr-'));
  try {
    const input = path.join(dir, `scan.${EXTENSION[type]}`);
    const output = path.join(dir, 'ocr.pdf');
    const sidecar = path.join(dir, 'ocr.txt');
    await writeFile(input, bytes);
    const known = type === 'application/pdf' ? await pdfPages(input) : 1;
    const attempt = async (dpi?: number) => {
      let total: number | null = known;
      const done = new Set<number>();
      let reported = Promise.resolve();
      const report = () => {
        // A multi-page TIFF names its pages only as they are done.
        const progress = { pagesDone: done.size, pagesTotal: total === null ? null : Math.max(total, done.size) };
        reported = reported.then(() => options.onProgress?.(progress)).catch(() => undefined);
      };
      const args = [
        '-l',
        options.language ?? 'deu',
        '--output-type',
        'pdfa',
        '--sidecar',
        sidecar,
        // Pages that carry text already (a born-digital PDF, a scan recognised before) keep it.
        '--skip-text',
        // One page at a time: the server shares its cores with the requests it answers.
        '--jobs',
        '1',
        '--verbose',
        '1',
        ...(dpi ? ['--image-dpi', String(dpi)] : []),
        input,
        output,
      ];
      report();
      const result = await run(options.command, args, options.timeoutMs ?? 10 * 60_000, (line) => {
        const start = /Start processing (\d+) pages?/.exec(line);
        if (start) {
          total = Number(start[1]);
          report();
          return;
        }
        const page = /^\s*(\d+) Grafting/.exec(line);
        if (page) {
          done.add(Number(page[1]));
          report();
        }
      });
      await reported;
      return { result, pages: Math.max(done.size, total ?? 0) };
    };

    let { result, pages } = await attempt();
    // A JPEG or TIFF without a resolution: ocrmypdf refuses to guess, so the office scanner's usual one is assumed.
    if (result.code === EXIT.inputFile && type !== 'application/pdf' && /DpiError|--image-dpi/.test(result.stderr)) {
      ({ result, pages } = await attempt(options.fallbackDpi ?? 300));
    }
    if (result.spawnError) {
      return {
        ok: false,
        reason: result.spawnError.code === 'ENOENT' || result.spawnError.code === 'EACCES' ? 'unavailable' : 'failed',
        detail: result.spawnError.message,
      };
    }
    if (result.timedOut) return { ok: false, reason: 'timeout', detail: lastWords(result.stderr) };
    if (result.code === EXIT.ok || result.code === EXIT.pdfaFailed) {
      const [pdf, text] = await Promise.all([readFile(output), readFile(sidecar, 'utf8').catch(() => '')]);
      // The sidecar marks pages without recognised text with a form feed and "[OCR skipped on page(s) …]".
      const clean = text
        .replace(/\[OCR skipped on page\(s\)[^\]]*\]/g, '')
        .replace(/\f/g, '\n')
        .trim();
      return { ok: true, pdf, text: clean, pages: Math.max(pages, 1), pdfa: result.code === EXIT.ok };
    }
    if (result.code === EXIT.inputFile) return { ok: false, reason: 'damaged', detail: lastWords(result.stderr) };
    // A file whose header is whole but whose data is cut off fails while its pages are read, as an "other" error.
    if (DAMAGE.test(result.stderr)) return { ok: false, reason: 'damaged', detail: lastWords(result.stderr) };
    if (result.code === EXIT.encrypted) return { ok: false, reason: 'encrypted', detail: lastWords(result.stderr) };
    if (result.code === EXIT.missingDependency) return { ok: false, reason: 'unavailable', detail: lastWords(result.stderr) };
    return { ok: false, reason: 'failed', detail: `exit ${result.code}: ${lastWords(result.stderr)}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
