// `npm run test:e2e`: the extension's suite in a real VS Code (VS Code server from code-server + headless
// Chromium). Builds the bundles and the suite, opens a fresh copy of examples/ as the workspace, and runs
// the harness. `--update-screenshot` copies the hover screenshot to docs/images/ for the README.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, copyFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);

execFileSync('bash', ['scripts/setup-e2e.sh'], { stdio: 'inherit' });
execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });

const suiteDir = path.join(root, 'test/e2e/suite');
await build({
  entryPoints: readdirSync(suiteDir).filter((f) => f.endsWith('.ts')).map((f) => path.join(suiteDir, f)),
  outdir: path.join(root, 'out/e2e/suite'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});

// The copy of examples/ is removed whatever happens: tests passing or failing, the harness timing out, or the
// run being interrupted (the harness is waited for first, so it is not writing into the copy any more).
const workspace = mkdtempSync(path.join(tmpdir(), 'rlens-e2e-workspace-'));
const removeWorkspace = () => rmSync(workspace, { recursive: true, force: true });
let status;
try {
  cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const resultsDir = path.join(root, 'test-results/e2e');
  mkdirSync(resultsDir, { recursive: true });
  status = await runHarness([
    'test/e2e/harness/run-code-server.mjs',
    '--extension', root,
    '--suite', path.join(root, 'out/e2e/suite/index.js'),
    '--workspace', workspace,
    '--results', path.join(resultsDir, 'results.json'),
    '--timeout-ms', '600000',
  ]);
  const screenshot = path.join(resultsDir, 'screenshots/hover-cidr-ip.png');
  if (process.argv.includes('--update-screenshot') && existsSync(screenshot)) {
    mkdirSync('docs/images', { recursive: true });
    copyFileSync(screenshot, 'docs/images/hover-cidr-ip.png');
    console.log('updated docs/images/hover-cidr-ip.png');
  }
} finally {
  removeWorkspace();
}
process.exit(status ?? 1);

/** Runs the harness; a signal to this script is passed on to it, and the script ends only once it has exited. */
function runHarness(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolve(code ?? (signal ? 130 : 1));
    });
    child.on('error', (error) => {
      console.error(`[e2e] cannot start the harness: ${error.message}`);
      resolve(3);
    });
  });
}
