// `npm start`: builds the bundles, packages the VSIX, summarises who is responsible for the settings of
// examples/ (one line per file), and ends with `rlens scan examples`: its findings, one clickable line each,
// and the counts per severity and party.
//
// Options (for the test in test/unit/cli/start.test.ts): --skip-build, --skip-package, --cli FILE (the CLI
// script, default dist/cli.js), --node-option OPTION (repeatable, given to node before the CLI script).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const values = (name) => argv.flatMap((arg, i) => (arg === name && argv[i + 1] !== undefined ? [argv[i + 1]] : []));
const cli = values('--cli')[0] ?? 'dist/cli.js';
const nodeOptions = values('--node-option');

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
const rlens = (...args) => [...nodeOptions, cli, ...args];

if (!flag('--skip-build')) {
  console.log('▶ Building the extension, language server and CLI…  构建扩展、语言服务器和命令行工具…');
  run(process.execPath, ['esbuild.mjs', '--production']);
}

if (!flag('--skip-package')) {
  console.log(`\n▶ Packaging responsibility-lens-${version}.vsix…  打包扩展…`);
  run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', `responsibility-lens-${version}.vsix`]);
  console.log(`Install it with / 安装：  code --install-extension responsibility-lens-${version}.vsix`);
}

// The annotation part, short: per file, how many settings each party answers for. The whole table is one
// command away (printed below).
console.log('\n▶ Who is responsible for the settings of examples/  examples/ 中各设置的责任方');
const explained = JSON.parse(execFileSync(process.execPath, rlens('explain', 'examples', '--format', 'json'), { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
const LABELS = { customer: 'Customer 客户', shared: 'Shared 共担', negotiable: 'Negotiable 可协商', vendor: 'Security vendor 云安全厂商', provider: 'Provider 云服务商', none: 'Nobody 无' };
const perFile = new Map();
for (const annotation of explained.annotations) {
  const counts = perFile.get(annotation.file) ?? new Map();
  counts.set(annotation.responsibility, (counts.get(annotation.responsibility) ?? 0) + 1);
  perFile.set(annotation.file, counts);
}
const fileWidth = Math.max(0, ...[...perFile.keys()].map((file) => file.length));
for (const [file, counts] of [...perFile].sort(([a], [b]) => (a < b ? -1 : 1))) {
  const total = [...counts.values()].reduce((sum, n) => sum + n, 0);
  const parts = Object.keys(LABELS).filter((party) => counts.has(party)).map((party) => `${LABELS[party]} ${counts.get(party)}`);
  console.log(`  ${file.padEnd(fileWidth)}  ${String(total).padStart(3)}  ${parts.join(' · ')}`);
}
console.log(`  ${explained.annotations.length} annotated settings / 个带责任标注的设置. Full table / 完整表格:  node dist/cli.js explain examples`);

// Last, so it is what the terminal shows: the findings and the summary. Exit code 1 means findings, which the
// examples are made to have; npm start itself succeeds.
console.log('\n▶ rlens scan examples  (customer-owned misconfigurations / 客户责任范围内的错误配置)\n');
const scan = spawnSync(process.execPath, rlens('scan', 'examples'), { stdio: 'inherit' });
if (scan.status !== 0 && scan.status !== 1) process.exit(scan.status ?? 2);
