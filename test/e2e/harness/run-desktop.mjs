#!/usr/bin/env node
// Runs the same suite through @vscode/test-electron's runTests (desktop VS Code,
// Electron). Needs either internet access to download VS Code or an installed
// VS Code given with --vscode-executable / VSCODE_EXECUTABLE_PATH. On Linux
// without a display, wrap it: xvfb-run -a node test/e2e/harness/run-desktop.mjs …
//
// usage: node test/e2e/harness/run-desktop.mjs --extension <extDir> --suite <suite index.js>
//          --workspace <dir> [--results <file>] [--vscode-version 1.100.3]
//          [--vscode-executable <path>]
// Screenshots are not supported here: E2E_SCREENSHOT_DIR is not set, so
// requestScreenshot() resolves to '' and the suite carries on.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { readResults, printResults } from './results.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..', '..');
const require = createRequire(path.join(REPO_ROOT, 'package.json'));
const t0 = Date.now();

function parseArgs(argv) {
  const opts = { version: process.env.VSCODE_VERSION || '1.100.3', executable: process.env.VSCODE_EXECUTABLE_PATH };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) usage(`missing value for ${a}`);
      return argv[++i];
    };
    if (a === '--extension') opts.extension = v();
    else if (a === '--suite') opts.suite = v();
    else if (a === '--workspace') opts.workspace = v();
    else if (a === '--results') opts.results = v();
    else if (a === '--vscode-version') opts.version = v();
    else if (a === '--vscode-executable') opts.executable = v();
    else if (a === '-h' || a === '--help') usage();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.extension || !opts.suite || !opts.workspace) usage('--extension, --suite and --workspace are required');
  for (const k of ['extension', 'suite', 'workspace']) opts[k] = path.resolve(opts[k]);
  opts.results = path.resolve(opts.results || path.join(REPO_ROOT, 'test-results', 'e2e-desktop', 'results.json'));
  return opts;
}

function usage(err) {
  if (err) console.error(`error: ${err}\n`);
  console.error('usage: node test/e2e/harness/run-desktop.mjs --extension <extDir> --suite <suite index.js> --workspace <dir>\n' +
    '         [--results <file>] [--vscode-version X.Y.Z|stable] [--vscode-executable <path>]');
  process.exit(err ? 2 : 0);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opts.suite)) throw Object.assign(new Error(`--suite ${opts.suite} does not exist (compiled?)`), { exitCode: 2 });
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.warn('[e2e-desktop] warning: no DISPLAY; Electron needs one on Linux. Use: xvfb-run -a node test/e2e/harness/run-desktop.mjs …');
  }
  fs.mkdirSync(path.dirname(opts.results), { recursive: true });
  fs.rmSync(opts.results, { force: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-desktop-user-'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'extensions.autoUpdate': false,
    'update.mode': 'none',
  }, null, 2));

  const { runTests } = require('@vscode/test-electron');
  let exitCode;
  try {
    exitCode = await runTests({
      version: opts.executable ? undefined : opts.version,
      vscodeExecutablePath: opts.executable,
      extensionDevelopmentPath: opts.extension,
      extensionTestsPath: opts.suite,
      extensionTestsEnv: { E2E_RESULTS_FILE: opts.results, E2E_DESKTOP: '1' },
      launchArgs: [opts.workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
        '--skip-release-notes', '--disable-telemetry', '--disable-gpu', '--no-sandbox', `--user-data-dir=${userDataDir}`],
    });
  } catch (e) {
    const msg = String(e?.message ?? e);
    if (!opts.executable && /download|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|getaddrinfo|fetch failed|update\.code\.visualstudio\.com|socket/i.test(msg)) {
      throw Object.assign(new Error(
        `could not download VS Code ${opts.version} (${msg.split('\n')[0]}).\n` +
        '  This machine has no access to update.code.visualstudio.com. Either run the suite in the VS Code\n' +
        '  server + headless Chromium harness (node test/e2e/harness/run-code-server.mjs …, after\n' +
        '  scripts/setup-e2e.sh), or point this runner at an installed VS Code with --vscode-executable.'), { exitCode: 3 });
    }
    // runTests rejects with the exit code/signal when VS Code exits non-zero: fall through to the results file
    console.error(`[e2e-desktop] VS Code run failed: ${msg}`);
    exitCode = 1;
  } finally {
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  const results = readResults(opts.results);
  if (!results) throw Object.assign(new Error(`no results were written to ${opts.results} (VS Code exit code ${exitCode})`), { exitCode: 1 });
  const code = printResults(results, { resultsFile: opts.results, totalSeconds: (Date.now() - t0) / 1000 });
  return code || (exitCode ? 1 : 0);
}

try {
  process.exitCode = await main();
} catch (e) {
  console.error(`[e2e-desktop] ERROR: ${e.message}`);
  process.exitCode = e.exitCode ?? 3;
}
