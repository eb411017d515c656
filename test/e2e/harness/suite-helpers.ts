/**
 * Helpers for an extension test suite that runs inside the VS Code extension
 * host, driven by test/e2e/harness/run-code-server.mjs (real VS Code server +
 * headless Chromium) or test/e2e/harness/run-desktop.mjs (@vscode/test-electron).
 *
 * Protocol (see README.md):
 *  - E2E_RESULTS_FILE    absolute path; the suite writes its results JSON there
 *                        (atomically: tmp file + rename). The harness treats the
 *                        appearance of this file as "suite done". The extension
 *                        host's exit code is NOT reliable in web mode.
 *  - E2E_SCREENSHOT_DIR  absolute directory; the suite writes
 *                        `screenshot-request-<name>.json` there and waits for
 *                        `<name>.png` to appear (the harness takes it with
 *                        Playwright). Unset => screenshots unsupported
 *                        (desktop runner), requestScreenshot() resolves to ''.
 *  - E2E_PROGRESS_FILE   optional; one JSON line per test event is appended so
 *                        the harness can stream progress while the suite runs.
 *
 * Only Node built-ins and mocha are used; `vscode` is required lazily so the
 * module can also be loaded outside the extension host.
 */
import * as fs from 'fs';
import * as path from 'path';

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  title: string;
  fullTitle: string;
  file?: string;
  state: TestState;
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export interface SuiteResults {
  schema: 'e2e-results/1';
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  vscodeVersion?: string;
  stats: { tests: number; passes: number; failures: number; pending: number };
  tests: TestResult[];
  /** Set when the suite itself crashed (e.g. a test file failed to load). */
  error?: { message: string; stack?: string };
}

export interface ScreenshotOptions {
  /** Move the real mouse over the first token with this text (on the first line containing `lineContaining`). */
  hoverOver?: { text: string; lineContaining?: string };
  /** CSS selector the harness waits for (visible) before taking the shot, e.g. '.monaco-hover'. */
  waitForSelector?: string;
  /** What `waitForSelector` waits for: 'visible' (default) or 'hidden' (absent or not shown). */
  waitForState?: 'visible' | 'hidden';
  /** How long to wait for the PNG (default 30 s). */
  timeoutMs?: number;
  /** Screenshot the whole page (default) or only the element matching this selector. */
  clipSelector?: string;
}

export interface RunMochaOptions {
  /** Mocha UI, default 'tdd' (suite/test, as in the VS Code extension template). */
  ui?: 'tdd' | 'bdd';
  /** Per-test timeout in ms, default 20000. */
  timeout?: number;
  /** Base directory for relative globs/files, default: directory of the calling suite index (process.cwd() fallback). */
  cwd?: string;
  /** Override the results file (default: env E2E_RESULTS_FILE). */
  resultsFile?: string;
  /** Throw after writing results when tests failed (default true; makes @vscode/test-electron exit non-zero). */
  throwOnFailure?: boolean;
  grep?: string | RegExp;
}

const env = () => ({
  resultsFile: process.env.E2E_RESULTS_FILE || '',
  screenshotDir: process.env.E2E_SCREENSHOT_DIR || '',
  progressFile: process.env.E2E_PROGRESS_FILE || '',
});

function writeFileAtomic(file: string, data: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, file);
}

function vscodeVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return require('vscode').version as string;
  } catch {
    return undefined;
  }
}

function progress(event: Record<string, unknown>): void {
  const { progressFile } = env();
  if (!progressFile) return;
  try {
    fs.appendFileSync(progressFile, JSON.stringify(event) + '\n');
  } catch {
    /* progress is best effort */
  }
}

function toError(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, stack: err.stack };
  return { message: String(err) };
}

/** Sanitise a screenshot name to `[A-Za-z0-9._-]`. */
export function screenshotFileName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!clean) throw new Error(`invalid screenshot name: ${JSON.stringify(name)}`);
  return clean;
}

/**
 * Ask the harness to take a screenshot of the workbench and wait until it is
 * written. Resolves to the absolute PNG path, or '' when the runner does not
 * support screenshots (E2E_SCREENSHOT_DIR unset, e.g. run-desktop.mjs).
 */
export async function requestScreenshot(name: string, options: ScreenshotOptions = {}): Promise<string> {
  const { screenshotDir } = env();
  if (!screenshotDir) {
    console.warn(`[e2e] screenshot "${name}" skipped: E2E_SCREENSHOT_DIR not set (runner without screenshot support)`);
    return '';
  }
  const base = screenshotFileName(name);
  const png = path.join(screenshotDir, `${base}.png`);
  const request = path.join(screenshotDir, `screenshot-request-${base}.json`);
  fs.mkdirSync(screenshotDir, { recursive: true });
  fs.rmSync(png, { force: true });
  writeFileAtomic(
    request,
    JSON.stringify({ name: base, requestedAt: new Date().toISOString(), ...options }),
  );
  const timeoutMs = options.timeoutMs ?? 30_000;
  await waitForFile(png, timeoutMs, () => {
    // harness reports failures by writing <name>.error.txt instead of the PNG
    const errFile = path.join(screenshotDir, `${base}.error.txt`);
    if (fs.existsSync(errFile)) {
      const msg = fs.readFileSync(errFile, 'utf8');
      fs.rmSync(errFile, { force: true });
      throw new Error(`screenshot "${base}" failed in harness: ${msg}`);
    }
  });
  return png;
}

/** Wait for `file` to exist: fs.watch on the parent dir, plus a slow poll as a safety net. */
function waitForFile(file: string, timeoutMs: number, check?: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let watcher: fs.FSWatcher | undefined;
    let poll: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    const done = (err?: Error) => {
      watcher?.close();
      if (poll) clearInterval(poll);
      if (timer) clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const test = () => {
      try {
        check?.();
      } catch (e) {
        done(e as Error);
        return;
      }
      if (fs.existsSync(file)) done();
    };
    try {
      watcher = fs.watch(path.dirname(file), test);
    } catch {
      /* fall back to polling only */
    }
    poll = setInterval(test, 250);
    timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${file}`)), timeoutMs);
    test();
  });
}

/** Write the results JSON where the harness expects it (E2E_RESULTS_FILE). */
export function reportResults(
  results: Omit<SuiteResults, 'schema' | 'stats' | 'vscodeVersion'> & Partial<Pick<SuiteResults, 'stats' | 'vscodeVersion'>>,
  resultsFile: string = env().resultsFile,
): SuiteResults {
  const tests = results.tests;
  const full: SuiteResults = {
    schema: 'e2e-results/1',
    vscodeVersion: results.vscodeVersion ?? vscodeVersion(),
    ...results,
    stats: results.stats ?? {
      tests: tests.length,
      passes: tests.filter((t) => t.state === 'passed').length,
      failures: tests.filter((t) => t.state === 'failed').length + (results.error ? 1 : 0),
      pending: tests.filter((t) => t.state === 'pending').length,
    },
  };
  if (resultsFile) {
    writeFileAtomic(resultsFile, JSON.stringify(full, null, 2) + '\n');
  } else {
    console.warn('[e2e] E2E_RESULTS_FILE not set; results only printed');
  }
  return full;
}

/** Minimal glob → RegExp (`**`, `*`, `?`), enough for `out/test/**\/*.test.js`. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        i++;
        if (glob[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function expandFiles(spec: string | string[], cwd: string): string[] {
  const specs = Array.isArray(spec) ? spec : [spec];
  const out: string[] = [];
  for (const s of specs) {
    const abs = path.resolve(cwd, s);
    if (!/[*?]/.test(s)) {
      out.push(abs);
      continue;
    }
    // walk from the longest wildcard-free prefix
    const parts = abs.split(path.sep);
    const firstWild = parts.findIndex((p) => /[*?]/.test(p));
    const root = parts.slice(0, firstWild).join(path.sep) || path.sep;
    const re = globToRegExp(parts.slice(firstWild).join('/'));
    const walk = (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) {
          if (e.name !== 'node_modules') walk(p);
        } else if (re.test(path.relative(root, p).split(path.sep).join('/'))) out.push(p);
      }
    };
    walk(root);
  }
  return [...new Set(out)].sort();
}

/**
 * Run mocha programmatically inside the extension host, record every test
 * (title, state, error message) and write the results JSON. Call it from the
 * suite index's exported `run()`:
 *
 *   export function run() { return runMochaSuite('**\/*.test.js', { cwd: __dirname }); }
 */
export async function runMochaSuite(testsGlobOrFiles: string | string[], options: RunMochaOptions = {}): Promise<SuiteResults> {
  const started = Date.now();
  const tests: TestResult[] = [];
  const resultsFile = options.resultsFile ?? env().resultsFile;
  let crash: { message: string; stack?: string } | undefined;
  let failures = 0;

  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const Mocha = require('mocha') as typeof import('mocha');
    const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_TEST_BEGIN } = Mocha.Runner.constants;

    class RecordingReporter extends Mocha.reporters.Base {
      constructor(runner: Mocha.Runner, opts?: Mocha.MochaOptions) {
        super(runner, opts);
        const record = (t: Mocha.Test | Mocha.Hook, state: TestState, err?: unknown) => {
          const r: TestResult = {
            title: t.title,
            fullTitle: t.fullTitle(),
            file: t.file,
            state,
            durationMs: t.duration,
            error: err === undefined ? undefined : toError(err),
          };
          tests.push(r);
          const mark = state === 'passed' ? 'PASS' : state === 'failed' ? 'FAIL' : 'SKIP';
          console.log(`[e2e] ${mark} ${r.fullTitle}${r.error ? ` -- ${r.error.message}` : ''}`);
          progress({ event: 'test', ...r, error: r.error?.message });
        };
        runner.on(EVENT_TEST_BEGIN, (t: Mocha.Test) => progress({ event: 'begin', fullTitle: t.fullTitle() }));
        runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => record(t, 'passed'));
        // also fires for failing hooks ("before all" hook ...), which are recorded as failed tests
        runner.on(EVENT_TEST_FAIL, (t: Mocha.Test, err: unknown) => record(t, 'failed', err));
        runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => record(t, 'pending'));
      }
    }

    const mocha = new Mocha({
      ui: options.ui ?? 'tdd',
      timeout: options.timeout ?? 20_000,
      color: false,
      reporter: RecordingReporter as unknown as Mocha.ReporterConstructor,
      grep: options.grep,
    });
    const files = expandFiles(testsGlobOrFiles, options.cwd ?? process.cwd());
    if (files.length === 0) throw new Error(`no test files matched ${JSON.stringify(testsGlobOrFiles)}`);
    for (const f of files) mocha.addFile(f);
    progress({ event: 'start', files });
    failures = await new Promise<number>((resolve) => mocha.run((n) => resolve(n)));
  } catch (err) {
    crash = toError(err);
    console.error('[e2e] suite crashed:', err);
  }

  const results = reportResults(
    {
      startedAt: new Date(started).toISOString(),
      finishedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
      tests,
      error: crash,
    },
    resultsFile,
  );
  progress({ event: 'end', stats: results.stats });

  if ((options.throwOnFailure ?? true) && (crash || failures > 0 || results.stats.failures > 0)) {
    throw new Error(crash ? `suite crashed: ${crash.message}` : `${results.stats.failures} test(s) failed`);
  }
  return results;
}
