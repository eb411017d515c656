// Times `rlens explain` and `rlens scan` (the bundled CLI, a fresh process each run, so start-up is included) on
// examples/, its largest file and a generated 1 MB Terraform file. Prints the median of N runs.
// Usage: node bench/cli.mjs [runs=5]   (after a build)
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

function time(command, target) {
  const samples = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    let out;
    try {
      out = execFileSync(process.execPath, [cli, command, target, '--format', 'json'], { maxBuffer: 1 << 30 });
    } catch (error) {
      out = error.stdout; // scan exits 1 when it finds something
    }
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    const parsed = JSON.parse(out);
    count = command === 'scan' ? parsed.findings.length : parsed.annotations.length;
  }
  return { ms: median(samples), count };
}

const largest = examples('examples').sort((a, b) => statSync(b).size - statSync(a).size)[0];
const generated = path.join(mkdtempSync(path.join(tmpdir(), 'rlens-bench-')), 'generated-1mb.tf');
writeFileSync(generated, generateTerraform(1024 * 1024));

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}; median of ${runs} runs, whole CLI process`);
const examplesKB = examples('examples').reduce((sum, f) => sum + statSync(f).size, 0) / 1024;
for (const [label, target, kb] of [
  [`examples/ (${examples('examples').length} files)`, 'examples', examplesKB],
  [`largest example (${path.relative('.', largest)})`, largest, statSync(largest).size / 1024],
  ['generated Terraform file', generated, statSync(generated).size / 1024],
]) {
  const explain = time('explain', target);
  const scan = time('scan', target);
  console.log(`${label}, ${kb.toFixed(1)} KB: explain ${explain.ms.toFixed(0)} ms (${explain.count} annotations), scan ${scan.ms.toFixed(0)} ms (${scan.count} findings)`);
}
