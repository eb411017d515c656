// Suite entry point: VS Code's extension host calls run() (extensionTestsPath).
import { runMochaSuite } from '../../harness/suite-helpers';

export async function run(): Promise<void> {
  await runMochaSuite('*.test.js', { cwd: __dirname, ui: 'tdd', timeout: 30_000 });
}
