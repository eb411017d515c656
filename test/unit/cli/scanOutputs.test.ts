import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';
import { sharedEngine } from '../../helpers/engine';
import { sarifValidator } from '../../helpers/sarif';
import { filesUnder, leakedIn, rawSecretsIn } from '../../helpers/secrets';

const root = path.resolve(__dirname, '../../..');

async function rlens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: root, env: { LANG: 'en_US.UTF-8' }, isTTY: true });
  return { code, stdout, stderr };
}

describe('rlens scan on the examples and fixtures', function () {
  this.timeout(60_000);

  it('writes SARIF for examples/ that validates against the SARIF 2.1.0 schema', async () => {
    const { code, stdout } = await rlens('scan', 'examples', '--format', 'sarif');
    assert.strictEqual(code, 1, 'examples/ has findings');
    const validate = sarifValidator();
    const log: unknown = JSON.parse(stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors?.slice(0, 5)));
    const results = (log as { runs: { results: unknown[] }[] }).runs[0]?.results ?? [];
    assert.ok(results.length > 10);
  });

  it('never prints a fixture or example secret unmasked, in any format or language', async () => {
    const engine = await sharedEngine();
    const secrets = rawSecretsIn(engine, filesUnder(path.join(root, 'examples'), path.join(root, 'test/fixtures/rules')));
    assert.ok(secrets.size >= 5, `the inputs hold secrets to look for (${secrets.size})`);
    for (const format of ['text', 'json', 'sarif', 'junit']) {
      for (const language of ['en', 'zh-cn']) {
        const { stdout, stderr } = await rlens('scan', 'examples', 'test/fixtures/rules', '--format', format, '--lang', language);
        assert.ok(stdout.length > 0);
        assert.strictEqual(leakedIn(stdout + stderr, secrets), 0, `${format}/${language}: no raw secret in the output`);
      }
    }
    const explain = await rlens('explain', 'examples', 'test/fixtures/rules', '--format', 'json');
    assert.strictEqual(leakedIn(explain.stdout, secrets), 0, 'explain prints no secret');
  });

  it('uses the severity threshold for the exit code', async () => {
    assert.strictEqual((await rlens('scan', 'test/fixtures/rules/variable-secret-not-sensitive/positive.tf', '--severity-threshold', 'high')).code, 0);
    assert.strictEqual((await rlens('scan', 'test/fixtures/rules/variable-secret-not-sensitive/positive.tf', '--severity-threshold', 'medium')).code, 1);
    assert.strictEqual((await rlens('scan', 'test/fixtures/rules/variable-secret-not-sensitive/negative.tf')).code, 0);
    assert.strictEqual((await rlens('scan', 'no-such-dir')).code, 2);
  });

  it('lists files it cannot read or parse, checks the rest, and does not fail for them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-scan-errors-'));
    fs.writeFileSync(path.join(dir, 'broken.tf'), 'resource "example_thing" "web" {\n  size = 1 +\n}\n');
    fs.writeFileSync(path.join(dir, 'binary.tf'), Buffer.from([0x72, 0x00, 0x01, 0x02, 0xff]));
    fs.writeFileSync(path.join(dir, 'fine.tf'), 'variable "region" {\n  default = "cn-hangzhou"\n}\n');
    const { code, stdout } = await rlens('scan', dir, '--format', 'json');
    const report = JSON.parse(stdout) as { errors: { file: string; message: { en: string; zh: string } }[]; findings: unknown[] };
    assert.strictEqual(code, 0, 'errors alone do not fail the scan');
    assert.deepStrictEqual(report.errors.map((e) => path.basename(e.file)).sort(), ['binary.tf', 'broken.tf']);
    assert.ok(report.errors.every((e) => e.message.en && e.message.zh));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
