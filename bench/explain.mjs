// Times `rlens explain` (the bundled CLI, a fresh process each run, so start-up is included) on the largest
// example and on a generated 1 MB Terraform file. Prints the median of N runs. Run `npm run build` first.
// Usage: node bench/explain.mjs [runs=5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { generateTerraform } from './generate-terraform.mjs';

const runs = Number(process.argv[2] ?? 5);
const cli = path.resolve('dist/cli.js');

function examples(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? examples(path.join(dir, e.name)) : /\.(tf|tfvars|ya?ml|json)$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(file) {
  const samples = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const out = execFileSync(process.execPath, [cli, 'explain', file, '--format', 'json'], { maxBuffer: 1 << 30 });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    count = JSON.parse(out).annotations.length;
  }
  return { ms: median(samples), count };
}

const largest = examples('examples').sort((a, b) => statSync(b).size - statSync(a).size)[0];
const generated = path.join(mkdtempSync(path.join(tmpdir(), 'rlens-bench-')), 'generated-1mb.tf');
writeFileSync(generated, generateTerraform(1024 * 1024));

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; median of ${runs} runs, whole CLI process`);
for (const [label, file] of [[`largest example (${path.relative('.', largest)})`, largest], ['generated Terraform file', generated]]) {
  const { ms, count } = time(file);
  console.log(`${label}: ${(statSync(file).size / 1024).toFixed(1)} KB, ${count} annotations, ${ms.toFixed(0)} ms`);
}
