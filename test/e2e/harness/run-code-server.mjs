#!/usr/bin/env node
// Runs an extension test suite inside a REAL VS Code (the VS Code server
// shipped in the npm package code-server, see scripts/setup-e2e.sh), opened in
// headless Debian Chromium driven by playwright-core.
//
// usage: node test/e2e/harness/run-code-server.mjs --extension <extDir>
//          --suite <absolute path of compiled suite index.js> --workspace <dir>
//          [--results <file>] [--screenshot-dir <dir>] [--timeout-ms N]
//          [--verbose] [--keep-temp] [--headed]
//
// Exit codes: 0 all tests passed (and at least one ran); 1 tests failed or
// suite crashed; 2 usage/setup error; 3 infrastructure failure or timeout;
// 130 interrupted.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { readResults, printResults } from './results.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '../..', '..');
const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.100.3';
const DEFAULT_VSCODE_DIR = path.join(
  REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`, 'node_modules', 'code-server', 'lib', 'vscode',
);
const require = createRequire(path.join(REPO_ROOT, 'package.json'));

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const log = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);

// ------------------------------------------------------------------ arguments
function parseArgs(argv) {
  const opts = { timeoutMs: 300_000, verbose: false, keepTemp: false, headed: false };
  const take = (i) => {
    if (i + 1 >= argv.length) usage(`missing value for ${argv[i]}`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--extension': opts.extension = take(i); i++; break;
      case '--suite': opts.suite = take(i); i++; break;
      case '--workspace': opts.workspace = take(i); i++; break;
      case '--results': opts.results = take(i); i++; break;
      case '--screenshot-dir': opts.screenshotDir = take(i); i++; break;
      case '--timeout-ms': opts.timeoutMs = Number(take(i)); i++; break;
      case '--verbose': opts.verbose = true; break;
      case '--keep-temp': opts.keepTemp = true; break;
      case '--headed': opts.headed = true; break;
      case '-h': case '--help': usage(); break;
      default: usage(`unknown argument ${a}`);
    }
  }
  if (!opts.extension || !opts.suite || !opts.workspace) usage('--extension, --suite and --workspace are required');
  if (!Number.isFinite(opts.timeoutMs) || opts.timeoutMs <= 0) usage('--timeout-ms must be a positive number');
  opts.extension = path.resolve(opts.extension);
  opts.suite = path.resolve(opts.suite);
  opts.workspace = path.resolve(opts.workspace);
  opts.results = path.resolve(opts.results || path.join(REPO_ROOT, 'test-results', 'e2e', 'results.json'));
  opts.screenshotDir = path.resolve(opts.screenshotDir || path.join(path.dirname(opts.results), 'screenshots'));
  return opts;
}

function usage(err) {
  if (err) console.error(`error: ${err}\n`);
  console.error(`usage: node test/e2e/harness/run-code-server.mjs --extension <extDir> --suite <suite index.js>
         --workspace <dir> [--results <file>] [--screenshot-dir <dir>] [--timeout-ms N]
         [--verbose] [--keep-temp] [--headed]
env: E2E_VSCODE_SERVER_DIR (default ${path.relative(process.cwd(), DEFAULT_VSCODE_DIR)}),
     CHROMIUM_PATH (default: chromium on PATH)`);
  process.exit(err ? 2 : 0);
}

function fail(code, msg) {
  const e = new Error(msg);
  e.exitCode = code;
  return e;
}

// ------------------------------------------------------------------- helpers
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    try {
      const p = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (p) return p;
    } catch { /* not found */ }
  }
  throw fail(2, 'no chromium found (apt-get install chromium, or set CHROMIUM_PATH); run scripts/setup-e2e.sh');
}

/** Calls `onChange` on fs.watch events of `dir` and every `pollMs` (inotify can miss events); returns a stop function. */
function watchDir(dir, onChange, pollMs = 500) {
  let watcher;
  try { watcher = fs.watch(dir, () => onChange()); } catch { /* polling only */ }
  const timer = setInterval(onChange, pollMs);
  return () => { watcher?.close(); clearInterval(timer); };
}

const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.hover.delay': 100,
  'files.hotExit': 'off',
  // The web workbench auto-saves after 1 s by default (the desktop does not): an auto-save racing a test's own
  // save() makes VS Code refuse the latter. Tests that want auto-save turn it on themselves.
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

// ---------------------------------------------------------------------- main
const cleanupTasks = [];
let cleaningUp;
async function cleanup() {
  if (!cleaningUp) {
    cleaningUp = (async () => {
      for (const task of cleanupTasks.reverse()) {
        try { await task(); } catch (e) { console.error(`[e2e] cleanup: ${e.message}`); }
      }
    })();
  }
  return cleaningUp;
}
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    interrupted = true;
    log(`${sig} received, cleaning up`);
    await cleanup();
    process.exit(130);
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const deadline = t0 + opts.timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  const vscodeDir = path.resolve(process.env.E2E_VSCODE_SERVER_DIR || DEFAULT_VSCODE_DIR);
  const serverMain = path.join(vscodeDir, 'out', 'server-main.js');
  if (!fs.existsSync(serverMain)) throw fail(2, `VS Code server not found at ${serverMain}; run scripts/setup-e2e.sh`);
  if (!fs.existsSync(path.join(opts.extension, 'package.json'))) throw fail(2, `no package.json in --extension ${opts.extension}`);
  if (!fs.existsSync(opts.suite)) throw fail(2, `--suite ${opts.suite} does not exist (compiled?)`);
  if (!fs.statSync(opts.workspace, { throwIfNoEntry: false })?.isDirectory()) throw fail(2, `--workspace ${opts.workspace} is not a directory`);
  if (process.versions.node.split('.')[0] !== '20') log(`warning: VS Code ${CODE_SERVER_VERSION} server expects Node 20, running ${process.version}`);
  const { chromium } = require('playwright-core');
  const chromiumPath = findChromium();

  // fresh state for every run
  const tmp = await fsp.mkdtemp(path.join(os.tmpdir(), 'e2e-vscode-'));
  const userDataDir = path.join(tmp, 'user-data');
  const serverDataDir = path.join(tmp, 'server-data');
  const extensionsDir = path.join(tmp, 'extensions');
  // The server, its extension hosts and their children (TypeScript server, git) put temporary files and sockets
  // under TMPDIR: here, so that they go away with the rest.
  const serverTmpDir = path.join(tmp, 'tmp');
  for (const d of [path.join(userDataDir, 'User'), serverDataDir, extensionsDir, serverTmpDir]) await fsp.mkdir(d, { recursive: true });
  await fsp.writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const keepTemp = () => opts.keepTemp;
  cleanupTasks.push(async () => {
    if (keepTemp()) log(`kept temp dir ${tmp}`);
    else await fsp.rm(tmp, { recursive: true, force: true });
  });

  await fsp.mkdir(path.dirname(opts.results), { recursive: true });
  await fsp.mkdir(opts.screenshotDir, { recursive: true });
  const progressFile = path.join(tmp, 'progress.jsonl');
  await fsp.rm(opts.results, { force: true });
  for (const f of await fsp.readdir(opts.screenshotDir)) {
    if (/^screenshot-request-.*\.json$|\.error\.txt$/.test(f)) await fsp.rm(path.join(opts.screenshotDir, f), { force: true });
  }

  // ---------------------------------------------------------------- server
  const serverLogFile = path.join(path.dirname(opts.results), 'server.log');
  const serverLog = fs.createWriteStream(serverLogFile);
  let server;
  let port;
  let serverExit;
  const serverEnv = {
    ...process.env,
    // inherited by the remote extension host, read by suite-helpers.ts
    E2E_RESULTS_FILE: opts.results,
    E2E_SCREENSHOT_DIR: opts.screenshotDir,
    E2E_PROGRESS_FILE: progressFile,
    TMPDIR: serverTmpDir,
  };
  // variables that would make the server/extension host believe it runs inside another VS Code
  for (const k of Object.keys(serverEnv)) {
    if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(k)) delete serverEnv[k];
  }
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    log(`starting VS Code server on 127.0.0.1:${port}`);
    server = spawn(process.execPath, [
      serverMain,
      '--host', '127.0.0.1', '--port', String(port),
      '--without-connection-token', '--accept-server-license-terms',
      '--user-data-dir', userDataDir, '--server-data-dir', serverDataDir, '--extensions-dir', extensionsDir,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    ], {
      cwd: opts.workspace,
      detached: true, // own process group: cleanup kills the server AND its extension host(s)
      stdio: ['ignore', 'pipe', 'pipe'],
      env: serverEnv,
    });
    const thisServer = server;
    cleanupTasks.push(() => killGroup(thisServer));
    serverExit = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
    let out = '';
    const ready = new Promise((resolve) => {
      const onData = (chunk) => {
        const s = chunk.toString();
        serverLog.write(s);
        if (opts.verbose) process.stdout.write(s.replace(/^/gm, '  [server] '));
        out += s;
        if (/Extension host agent listening on/.test(out)) resolve(true);
      };
      server.stdout.on('data', onData);
      server.stderr.on('data', onData);
    });
    const r = await withTimeout(Promise.race([ready, serverExit.then(() => false)]), Math.min(remaining(), 120_000), 'VS Code server start');
    if (r) break;
    if (/EADDRINUSE/.test(out) && attempt < 3) { log('port taken, retrying'); continue; }
    throw fail(3, `VS Code server exited during start-up:\n${out.split('\n').slice(-20).join('\n')}`);
  }
  log('VS Code server ready');
  let shuttingDown = false;
  const serverDied = serverExit.then(({ code, signal }) => {
    if (!shuttingDown) throw fail(3, `VS Code server exited unexpectedly (code ${code}, signal ${signal}); see ${serverLogFile}`);
    return new Promise(() => {});
  });
  serverDied.catch(() => {});

  // --------------------------------------------------------------- browser
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: !opts.headed,
    // playwright's own signal handlers call process.exit() and would skip our cleanup
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--disable-quic', '--no-first-run', '--disable-dev-shm-usage'],
  });
  cleanupTasks.push(() => withTimeout(browser.close(), 10_000, 'browser close').catch(() => {}));
  log(`chromium ${browser.version()} launched`);
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();

  const browserLogFile = path.join(path.dirname(opts.results), 'browser.log');
  const browserLog = fs.createWriteStream(browserLogFile);
  page.on('console', (m) => {
    const line = `[${m.type()}] ${m.text()}`;
    browserLog.write(line + '\n');
    if (opts.verbose) console.log(`  [browser] ${line.replace(/\n/g, '\n  [browser] ')}`);
  });
  page.on('pageerror', (e) => browserLog.write(`[pageerror] ${e.stack || e.message}\n`));

  // The workbench calls window.codeAutomationExit(code) when the extension
  // tests finish (same hook VS Code's own web integration tests use).
  let onAutomationExit;
  let automationExitCode;
  const automationExit = new Promise((resolve) => { onAutomationExit = resolve; });
  await page.exposeFunction('codeAutomationExit', (code) => {
    automationExitCode = code;
    onAutomationExit(code);
  });
  const pageCrashed = new Promise((_, reject) => {
    page.on('crash', () => reject(fail(3, 'the browser page crashed')));
    page.on('close', () => reject(fail(3, 'the browser page closed')));
  });
  pageCrashed.catch(() => {});

  const authority = `127.0.0.1:${port}`;
  const remote = (p) => `vscode-remote://${authority}${p.split(path.sep).join('/')}`;
  const payload = [
    ['extensionDevelopmentPath', remote(opts.extension)],
    ['extensionTestsPath', remote(opts.suite)],
  ];
  const url = `http://${authority}/?folder=${encodeURIComponent(opts.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  if (opts.verbose) log(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.min(remaining(), 120_000) });
  await page.bringToFront();
  let workbenchRendered = false;
  page.waitForSelector('.monaco-workbench', { timeout: remaining() })
    .then(() => { workbenchRendered = true; log('workbench rendered'); }, () => {});

  // ------------------------------------------------ screenshots + progress
  const screenshotQueue = [];
  let screenshotBusy = false;
  const seenRequests = new Set();
  async function takeScreenshots() {
    if (screenshotBusy) return;
    screenshotBusy = true;
    try {
      let files;
      try { files = await fsp.readdir(opts.screenshotDir); } catch { return; }
      for (const f of files) {
        const m = /^screenshot-request-(.+)\.json$/.exec(f);
        if (!m || seenRequests.has(f)) continue;
        seenRequests.add(f);
        screenshotQueue.push(f);
      }
      while (screenshotQueue.length) {
        const f = screenshotQueue.shift();
        const reqFile = path.join(opts.screenshotDir, f);
        let req;
        try { req = JSON.parse(await fsp.readFile(reqFile, 'utf8')); } catch (e) { seenRequests.delete(f); continue; }
        const name = String(req.name).replace(/[^A-Za-z0-9._-]+/g, '-');
        const png = path.join(opts.screenshotDir, `${name}.png`);
        try {
          if (req.hoverOver) {
            // A real mouse hover, as a user makes it: keyboard-triggered hovers close again in headless mode.
            const line = page.locator('.view-line', { hasText: req.hoverOver.lineContaining ?? req.hoverOver.text }).first();
            const token = line.locator('span > span', { hasText: req.hoverOver.text }).first();
            // Click to give the editor real input focus, then hover and ask for the hover with the keyboard
            // chord a user would press (Ctrl+K Ctrl+I): whichever VS Code honours first shows it.
            await token.click({ timeout: 10_000 });
            await token.hover({ timeout: 10_000 });
            await page.keyboard.press('Control+K');
            await page.keyboard.press('Control+I');
          }
          if (req.waitForSelector) {
            const state = req.waitForState === 'hidden' ? 'hidden' : 'visible';
            await page.waitForSelector(req.waitForSelector, { state, timeout: Math.min(req.timeoutMs ?? 30_000, 20_000) });
          }
          // let the renderer paint twice (hover fade-in, layout) before capturing
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const buf = req.clipSelector
            ? await page.locator(req.clipSelector).first().screenshot({ animations: 'disabled' })
            : await page.screenshot({ animations: 'disabled' });
          await fsp.writeFile(`${png}.tmp`, buf);
          await fsp.rename(`${png}.tmp`, png);
          log(`screenshot ${path.relative(process.cwd(), png)}`);
        } catch (e) {
          log(`screenshot ${name} failed: ${e.message.split('\n')[0]}`);
          await fsp.writeFile(path.join(opts.screenshotDir, `${name}.error.txt`), e.message);
        }
        await fsp.rm(reqFile, { force: true });
        seenRequests.delete(f);
      }
    } finally {
      screenshotBusy = false;
    }
  }
  const stopScreenshotWatch = watchDir(opts.screenshotDir, () => { takeScreenshots().catch(() => {}); });
  cleanupTasks.push(stopScreenshotWatch);

  let progressOffset = 0;
  let suiteStarted = false;
  let lastBegun;
  const testsDone = new Set();
  function pumpProgress() {
    let data;
    try {
      const fd = fs.openSync(progressFile, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        if (size <= progressOffset) return;
        const buf = Buffer.alloc(size - progressOffset);
        fs.readSync(fd, buf, 0, buf.length, progressOffset);
        const text = buf.toString('utf8');
        const lastNl = text.lastIndexOf('\n');
        if (lastNl < 0) return;
        progressOffset += Buffer.byteLength(text.slice(0, lastNl + 1));
        data = text.slice(0, lastNl);
      } finally { fs.closeSync(fd); }
    } catch { return; }
    for (const line of data.split('\n')) {
      let ev;
      try { ev = JSON.parse(line); } catch { continue; }
      if (ev.event === 'start' && !suiteStarted) { suiteStarted = true; log(`suite started (${ev.files.length} file(s))`); }
      if (ev.event === 'begin') {
        lastBegun = ev.fullTitle;
        if (opts.verbose) log(`  … ${ev.fullTitle}`);
      }
      if (ev.event === 'test') {
        testsDone.add(ev.fullTitle);
        if (opts.verbose) log(`  ${ev.state} ${ev.fullTitle}${ev.error ? ` -- ${ev.error}` : ''}`);
      }
    }
  }

  // ------------------------------------------------------- wait for result
  log('waiting for the suite to report results');
  const resultsReady = new Promise((resolve) => {
    const check = () => {
      pumpProgress();
      if (fs.existsSync(opts.results)) { stop(); resolve(); }
    };
    const stop = watchDir(path.dirname(opts.results), check, 500);
    cleanupTasks.push(stop);
    check();
  });
  // If the workbench says the tests are over but no results file shows up, the
  // suite did not use the helpers or crashed before writing them.
  const exitedWithoutResults = automationExit.then(async (code) => {
    log(`extension host test runner finished (code ${code})`);
    await new Promise((r) => setTimeout(r, 5_000));
    if (!fs.existsSync(opts.results)) {
      throw fail(1, `the extension tests finished (code ${code}) but no results were written to ${opts.results}; ` +
        'does the suite call runMochaSuite()/reportResults() from suite-helpers?');
    }
    return new Promise(() => {});
  });
  exitedWithoutResults.catch(() => {});

  await withTimeout(Promise.race([resultsReady, serverDied, pageCrashed, exitedWithoutResults]), remaining(),
    'the suite to report results', async () => {
      pumpProgress();
      const state = !workbenchRendered ? 'the workbench never rendered'
        : !suiteStarted ? 'the suite never started (extension activation or suite loading hangs?)'
        : `${testsDone.size} test(s) finished; last test started: ${JSON.stringify(lastBegun ?? '-')}`;
      log(`timeout: ${state}`);
      const shot = path.join(opts.screenshotDir, 'timeout.png');
      await page.screenshot({ path: shot, timeout: 5_000 }).then(() => log(`timeout screenshot: ${shot}`), () => {});
    });
  await takeScreenshots().catch(() => {});

  // The workbench reports the runner's exit code right after run() settles;
  // give it a moment so a run() that rejects after writing results is noticed.
  await Promise.race([automationExit, new Promise((r) => setTimeout(r, Math.min(10_000, remaining())))]);
  shuttingDown = true;

  const results = readResults(opts.results);
  let code = printResults(results, { resultsFile: opts.results, totalSeconds: (Date.now() - t0) / 1000 });
  if (automationExitCode === undefined) log('note: the workbench did not report the test runner exit code');
  else if (automationExitCode !== 0 && code === 0) {
    log(`extension test runner exit code ${automationExitCode} although all reported tests passed: failing the run`);
    code = 1;
  }
  return code;
}

function withTimeout(promise, ms, what, onTimeout) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(async () => {
        try { await onTimeout?.(); } catch { /* ignore */ }
        reject(fail(3, `timed out after ${ms} ms waiting for ${what}`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null) {
    // leader gone; still make sure no orphan (extension host) survives in its group
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* none left */ }
    return;
  }
  const exited = new Promise((r) => child.once('exit', r));
  try { process.kill(-child.pid, 'SIGTERM'); } catch { return; }
  const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 3_000);
  await exited;
  clearTimeout(t);
  try { process.kill(-child.pid, 'SIGKILL'); } catch { /* group empty */ }
}

let exitCode;
try {
  exitCode = await main();
} catch (e) {
  if (!interrupted) console.error(`[e2e] ERROR: ${e.message}`);
  exitCode = e.exitCode ?? 3;
}
if (interrupted) exitCode = 130;
await cleanup();
log(`exit ${exitCode}`);
process.exit(exitCode);
