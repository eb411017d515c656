// Entry point the extension host calls (extensionTestsPath): runs every *.test.js next to this file.
import { runMochaSuite } from '../harness/suite-helpers';

export async function run(): Promise<void> {
  await runMochaSuite('*.test.js', { cwd: __dirname, ui: 'tdd', timeout: 60_000 });
}
