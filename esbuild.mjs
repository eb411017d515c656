// Bundles the client, the language server, the CLI and its worker thread, and copies the wasm the parser needs beside them.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, chmodSync } from 'node:fs';

const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  // jsonc-parser's UMD build requires its own files at run time; its ESM build bundles cleanly.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: { RLENS_VERSION: JSON.stringify(version), 'import.meta.url': 'importMetaUrl' },
  // web-tree-sitter's module asks for import.meta.url, which a CommonJS bundle must supply itself.
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

mkdirSync('dist/wasm', { recursive: true });
copyFileSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/wasm/tree-sitter.wasm');
copyFileSync('node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/wasm/tree-sitter-terraform.wasm');

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  // dist/cli.js is both the CLI and the script of its scan workers (server/src/cli/entry.ts).
  esbuild.build({ ...common, entryPoints: ['server/src/cli/entry.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${common.banner.js}` } }),
  // The threads of `rlens scan --workers N`; the CLI looks for it next to itself.
]);
chmodSync('dist/cli.js', 0o755);
