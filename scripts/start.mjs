// `npm start`: builds the bundles, prints `rlens explain` for examples/, and packages the VSIX.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

console.log('▶ Building the extension, language server and CLI…');
run(process.execPath, ['esbuild.mjs', '--production']);

console.log('\n▶ rlens explain examples/  (who is responsible for each setting)\n');
run(process.execPath, ['dist/cli.js', 'explain', 'examples']);

console.log(`\n▶ Packaging responsibility-lens-${version}.vsix…`);
run(process.execPath, ['node_modules/@vscode/vsce/vsce', 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', `responsibility-lens-${version}.vsix`]);
console.log(`\nInstall it with:  code --install-extension responsibility-lens-${version}.vsix`);
