import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import { quickFixesFor } from '../../../server/src/features/quickFixes';
import { sharedEngine } from '../../helpers/engine';
import { applyOffsets, findingsOf, toOffsets } from '../../helpers/quickFixCheck';

const root = path.resolve(__dirname, '../../..');

describe('rlens scan reads the ignore comment the editor inserts', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-ignore-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('above a line that starts with a /* */ comment (examples/terraform/main.tf), the finding is reported suppressed', async () => {
    const text = fs.readFileSync(path.join(root, 'examples/terraform/main.tf'), 'utf8');
    const line = text.split('\n').findIndex((l) => /^\s*\/\*.*\*\/\s*cidr_ip/.test(l));
    assert.ok(line >= 0);
    const finding = findingsOf(await sharedEngine(), 'cli-ignore', 'main.tf', text).find((f) => f.ruleId === 'sg-ingress-open-sensitive-port' && f.range.start.line === line);
    assert.ok(finding);
    const ignore = quickFixesFor(finding, text, 'terraform').find((f) => f.title.en.includes('rlens:ignore'));
    assert.ok(ignore);
    fs.writeFileSync(path.join(dir, 'main.tf'), applyOffsets(text, toOffsets(text, ignore.changes)));
    let stdout = '';
    await main(['scan', dir, '--format', 'json'], { stdout: (s) => (stdout += s), stderr: () => undefined, cwd: root, env: { LANG: 'en_US.UTF-8' } });
    const report = JSON.parse(stdout) as { findings: { ruleId: string; range: { start: { line: number } }; suppressed?: { by: string } }[] };
    const scanned = report.findings.find((f) => f.ruleId === 'sg-ingress-open-sensitive-port' && f.range.start.line === line + 2);
    assert.strictEqual(scanned?.suppressed?.by, 'rlens:ignore sg-ingress-open-sensitive-port');
  });
});
