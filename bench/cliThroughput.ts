/**
 * 4. CLI throughput: `node dist/cli.js scan <dir> --format json --workers N` on many small generated files in
 * module folders, wall time of the whole process (start-up included), one worker thread against two.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { median, ms, now, times } from './measure';
import type { Report } from './report';

const CLI = path.resolve(__dirname, '../dist/cli.js');

interface Scan {
  /** The JSON report as written, to check that the number of workers changes nothing. */
  readonly output: string;
  /** Files with findings (every generated file has some) and findings. */
  readonly files: number;
  readonly findings: number;
}

function scan(target: string, workers: number): Promise<Scan> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'scan', target, '--format', 'json', '--workers', String(workers)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      // Exit code 1 means "found something", which generated files always do.
      if (code !== 0 && code !== 1) return reject(new Error(`rlens scan ${target} --workers ${workers} exited ${code}: ${Buffer.concat(err).toString()}`));
      const output = Buffer.concat(out).toString();
      const report = JSON.parse(output) as { findings: { file: string }[]; errors: unknown[] };
      if (report.errors.length > 0) return reject(new Error(`rlens scan ${target} reported errors: ${JSON.stringify(report.errors[0])}`));
      resolve({ output, files: new Set(report.findings.map((finding) => finding.file)).size, findings: report.findings.length });
    });
  });
}

async function timedScan(target: string, workers: number): Promise<{ ms: number; scan: Scan }> {
  const started = now();
  const result = await scan(target, workers);
  return { ms: now() - started, scan: result };
}

export async function cliThroughput(report: Report, root: string, fileCount: number, runs: number): Promise<void> {
  report.section(`4. CLI throughput: rlens scan --format json on ${fileCount} files, --workers 1 and 2 (wall time of whole processes, median of ${runs})`);
  const one: number[] = [];
  const two: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Which goes first alternates, so that a warmer disk cache or a quieter moment favours neither.
    const [first, second] = run % 2 === 0 ? [1, 2] : [2, 1];
    const a = await timedScan(root, first);
    const b = await timedScan(root, second);
    const [single, double] = first === 1 ? [a, b] : [b, a];
    one.push(single.ms);
    two.push(double.ms);
    if (single.scan.files !== fileCount || double.scan.files !== fileCount) throw new Error(`scanned ${single.scan.files} and ${double.scan.files} files, expected ${fileCount}`);
    if (single.scan.output !== double.scan.output) throw new Error('--workers 2 wrote another report than --workers 1');
    if (run === 0) report.note(`${single.scan.findings} findings, the same report byte for byte with 1 and 2 workers`);
  }
  const single = median(one);
  const double = median(two);
  report.add({ benchmark: `CLI scan, ${fileCount} files, --workers 1`, figure: `${ms(single)}, ${((fileCount / single) * 1000).toFixed(0)} files/s` });
  report.add({
    benchmark: `CLI scan, ${fileCount} files, --workers 2`,
    figure: `${ms(double)}, ${((fileCount / double) * 1000).toFixed(0)} files/s, speed-up ${times(single / double)}`,
  });
}
