/**
 * 4. CLI throughput: `node dist/cli.js scan <dir> --format json` on many small generated files, wall time of
 * the whole process (start-up included). The CLI has no worker option: "2 workers" is two CLI processes run
 * at the same time, each on one half of the files (part-1/ and part-2/).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { median, ms, now, times } from './measure';
import type { Report } from './report';

const CLI = path.resolve(__dirname, '../dist/cli.js');

/** Runs one scan; resolves with the number of files it reported findings in (every generated file has some) and of findings. */
function scan(target: string): Promise<{ files: number; findings: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'scan', target, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      // Exit code 1 means "found something", which generated files always do.
      if (code !== 0 && code !== 1) return reject(new Error(`rlens scan ${target} exited ${code}: ${Buffer.concat(err).toString()}`));
      const report = JSON.parse(Buffer.concat(out).toString()) as { findings: { file: string }[]; errors: unknown[] };
      if (report.errors.length > 0) return reject(new Error(`rlens scan ${target} reported errors: ${JSON.stringify(report.errors[0])}`));
      resolve({ files: new Set(report.findings.map((finding) => finding.file)).size, findings: report.findings.length });
    });
  });
}

export async function cliThroughput(report: Report, root: string, fileCount: number, runs: number): Promise<void> {
  report.section(`4. CLI throughput: rlens scan --format json on ${fileCount} files (wall time of whole processes, median of ${runs})`);
  const one: number[] = [];
  const two: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = now();
    const whole = await scan(root);
    one.push(now() - started);
    started = now();
    const halves = await Promise.all([scan(path.join(root, 'part-1')), scan(path.join(root, 'part-2'))]);
    two.push(now() - started);
    const files = halves[0].files + halves[1].files;
    if (whole.files !== fileCount || files !== fileCount) throw new Error(`scanned ${whole.files} and ${files} files, expected ${fileCount}`);
    if (run === 0) report.note(`${whole.findings} findings in one process, ${halves[0].findings + halves[1].findings} in two`);
  }
  const single = median(one);
  const double = median(two);
  report.add({ benchmark: `CLI scan, ${fileCount} files, 1 process`, figure: `${ms(single)}, ${((fileCount / single) * 1000).toFixed(0)} files/s` });
  report.add({
    benchmark: `CLI scan, ${fileCount} files, 2 processes at once (one half each; not a CLI option)`,
    figure: `${ms(double)}, ${((fileCount / double) * 1000).toFixed(0)} files/s, speed-up ${times(single / double)}`,
  });
}
