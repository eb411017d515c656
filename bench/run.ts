/**
 * The benchmarks of issue "Fast on large files…", all from one run: `npm run bench` (full) or
 * `npm run bench:short` (small inputs, to prove in CI that every benchmark works; no time is asserted).
 * Run after a production build (`node esbuild.mjs --production`); the server and CLI benchmarks use dist/.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { Engine } from '../server/src/engine';
import { cliThroughput } from './cliThroughput';
import { folderScaling } from './folderScaling';
import { incrementalVsFull, rosVsYaml, terraformVsHcl2json, type SizeRuns } from './engineBench';
import { writeTerraformWorkspace } from './generate-workspace.mjs';
import { keystrokeLatency } from './keystroke';
import { ms, now } from './measure';
import { Report } from './report';
import { serverMemory } from './serverMemory';

interface Plan {
  readonly terraform: readonly SizeRuns[];
  readonly ros: { readonly kb: number; readonly runs: number };
  readonly keystrokes: { readonly kb: number; readonly edits: number };
  readonly files: number;
  readonly cliRuns: number;
  /** Files in one module folder: a small and a large count (6). */
  readonly folder: readonly [number, number];
}

const FULL: Plan = {
  terraform: [
    { kb: 100, runs: 15 },
    { kb: 1024, runs: 7 },
    { kb: 5120, runs: 3 },
  ],
  ros: { kb: 1024, runs: 7 },
  keystrokes: { kb: 1024, edits: 20 },
  files: 1000,
  cliRuns: 3,
  folder: [500, 5000],
};

const SHORT: Plan = {
  terraform: [{ kb: 50, runs: 3 }],
  ros: { kb: 50, runs: 3 },
  keystrokes: { kb: 50, edits: 3 },
  files: 40,
  cliRuns: 1,
  folder: [20, 200],
};

/** Other processes on the machine skew every figure; the load average says how much was going on. */
function load(): string {
  return loadavg().map((value) => value.toFixed(2)).join(', ');
}

async function main(): Promise<void> {
  const short = process.argv.includes('--short');
  const plan = short ? SHORT : FULL;
  if (!existsSync(path.resolve(__dirname, '../dist/server.js')) || !existsSync(path.resolve(__dirname, '../dist/cli.js'))) {
    throw new Error('dist/ is missing: build first (node esbuild.mjs --production)');
  }
  const started = now();
  console.log(`# Responsibility Lens benchmarks${short ? ' (short mode: small inputs, figures not meaningful)' : ''}`);
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(`date: ${new Date().toISOString()}; load average at start: ${load()}`);

  const report = new Report();
  const engine = await Engine.create();
  await terraformVsHcl2json(engine, report, plan.terraform);
  await rosVsYaml(engine, report, plan.ros.kb, plan.ros.runs);
  await keystrokeLatency(report, plan.keystrokes.kb, plan.keystrokes.edits);
  await incrementalVsFull(engine, report, plan.keystrokes.kb, plan.keystrokes.edits);

  const workspace = mkdtempSync(path.join(tmpdir(), 'rlens-bench-files-'));
  try {
    const files = writeTerraformWorkspace(workspace, plan.files);
    await cliThroughput(report, workspace, files.length, plan.cliRuns);
    await serverMemory(report, files);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }

  folderScaling(report, plan.folder[0], plan.folder[1]);

  console.log(`\n## Summary (whole run ${ms(now() - started)}; load average at the end: ${load()})\n`);
  console.log(report.table());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
