// Bundles the smoke suite (TypeScript) into out/ with esbuild. mocha and vscode stay external.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [path.join(here, 'suite/index.ts'), path.join(here, 'suite/smoke.test.ts')],
  outdir: path.join(here, 'out/suite'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log('built', path.join(here, 'out/suite'));
