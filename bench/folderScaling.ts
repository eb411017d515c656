/**
 * 6. One module folder of many files: `node dist/cli.js scan <dir> --format json` on N small Terraform files in a
 * single folder (each a bucket named through a variable of its own), for a small and a large N, and the ratio of
 * the two times. Every file of a folder is a neighbour of every other (a Terraform module), so the work per file
 * must not grow with the folder: the target is under 10× the time for 10× the files (issue 13: it was quadratic,
 * 500 files 4 s, 5,000 files 401 s).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ms, now, times } from './measure';
import type { Report } from './report';

const CLI = path.resolve(__dirname, '../dist/cli.js');

/** `count` files in one folder, about 150 bytes each. */
export function writeOneFolder(dir: string, count: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const text = `resource "alicloud_oss_bucket" "b${i}" {\n  bucket = var.name_${i}\n  acl    = "private"\n}\nvariable "name_${i}" {\n  default = "bucket-${i}"\n}\n`;
    writeFileSync(path.join(dir, `f${String(i).padStart(5, '0')}.tf`), text);
  }
}

function timedScan(dir: string, count: number): number {
  const started = now();
  const result = spawnSync(process.execPath, [CLI, 'scan', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024 });
  const elapsed = now() - started;
  if (result.status !== 0 && result.status !== 1) throw new Error(`rlens scan exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { findings: { file: string }[]; errors: unknown[] };
  if (report.errors.length > 0) throw new Error(`rlens scan reported errors: ${JSON.stringify(report.errors[0])}`);
  const files = new Set(report.findings.map((finding) => finding.file)).size;
  if (files !== count) throw new Error(`findings in ${files} files, expected ${count}`);
  return elapsed;
}

export function folderScaling(report: Report, small: number, large: number): void {
  report.section(`6. One module folder: rlens scan --format json on ${small} and ${large} files in a single folder (wall time of the whole process, one run each)`);
  const root = mkdtempSync(path.join(tmpdir(), 'rlens-bench-folder-'));
  try {
    writeOneFolder(path.join(root, 'small'), small);
    writeOneFolder(path.join(root, 'large'), large);
    const a = timedScan(path.join(root, 'small'), small);
    const b = timedScan(path.join(root, 'large'), large);
    report.add({ benchmark: `CLI scan, ${small} files in one folder`, figure: ms(a) });
    report.add({ benchmark: `CLI scan, ${large} files in one folder`, figure: `${ms(b)}, ${times(b / a)} the time for ${times(large / small)} the files (target < 10×)` });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (require.main === module) {
  // Alone: npx tsx bench/folderScaling.ts [small=500] [large=5000]
  const [small = '500', large = '5000'] = process.argv.slice(2);
  const { Report } = require('./report') as typeof import('./report');
  const report = new Report();
  folderScaling(report, Number(small), Number(large));
  console.log(report.table());
}
