import * as assert from 'assert';
import { main } from '../../../server/src/cli/main';
import { maskSecret } from '../../../server/src/rules/secrets/mask';
import { occurrences, secretNamesWorkspace, type SecretNamesWorkspace } from '../../helpers/secretNames';

async function rlens(cwd: string, ...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (out += s), cwd, env: { LANG: 'en_US.UTF-8' } });
  return { code, out };
}

describe('rlens never prints a key written into a name', function () {
  this.timeout(60_000);
  let workspace: SecretNamesWorkspace;
  before(() => (workspace = secretNamesWorkspace()));
  after(() => workspace.remove());

  for (const format of ['text', 'json', 'sarif', 'junit']) {
    for (const language of ['en', 'zh-cn']) {
      it(`scan --format ${format} --lang ${language}: file names, resource and variable names, ROS ids, ignore and waiver reasons`, async () => {
        const { code, out } = await rlens(workspace.dir, 'scan', workspace.dir, '--contract', workspace.contract, '--format', format, '--lang', language);
        assert.strictEqual(code, 1, 'the workspace has findings');
        assert.strictEqual(occurrences(out, workspace.key), 0, `${format}/${language}: the key is not printed`);
        // The names are there, masked: the test looks at outputs that do carry them.
        assert.ok(occurrences(out, maskSecret(workspace.key)) >= 3, `${format}/${language}: the masked key stands where the names are`);
      });
    }
  }

  it('the JSON report masks each place on its own', async () => {
    const { out } = await rlens(workspace.dir, 'scan', workspace.dir, '--contract', workspace.contract, '--format', 'json');
    const masked = maskSecret(workspace.key);
    const report = JSON.parse(out) as { findings: { ruleId: string; file: string; message: { en: string; zh: string }; resource: { name: string } | null; suppressed?: { reason: string } }[] };
    assert.ok(report.findings.some((f) => f.file === `keys-${masked}.tf`), 'file name');
    assert.ok(report.findings.some((f) => f.resource?.name === `rule_${masked}` && f.suppressed?.reason === `approved together with ${masked}`), 'resource label and ignore reason');
    assert.ok(report.findings.some((f) => f.ruleId === 'variable-secret-not-sensitive' && f.message.en.includes(`password_${masked}`)), 'variable name');
    assert.ok(report.findings.some((f) => f.file === 'template.ros.yaml' && f.resource?.name === masked), 'ROS logical id');
    assert.ok(report.findings.some((f) => f.ruleId === 'contract-waiver-expired' && f.message.en.includes(`until ${masked} is rotated`)), 'waiver reason');
  });

  it('explain, text and JSON', async () => {
    for (const format of ['text', 'json']) {
      const { code, out } = await rlens(workspace.dir, 'explain', workspace.dir, '--format', format);
      assert.strictEqual(code, 0);
      assert.strictEqual(occurrences(out, workspace.key), 0, `explain ${format}: the key is not printed`);
      assert.ok(occurrences(out, maskSecret(workspace.key)) >= 2, `explain ${format}: names shown masked`);
    }
  });
});
