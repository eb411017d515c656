import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';

async function rlens(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, env: { LANG: 'en_US.UTF-8' } });
  return { code, stdout, stderr };
}

describe('rlens --contract', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-contract-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('matrix: the contract\'s deployment mode wins over --deployment, and its choices apply', async () => {
    fs.writeFileSync(path.join(dir, 'contract.yaml'), 'deploymentMode: cloud-software\nnegotiable:\n  iaas:\n    os.host-monitoring: c\n');
    const { code, stdout } = await rlens(dir, 'matrix', '--deployment', 'public-cloud', '--contract', 'contract.yaml', '--format', 'json');
    assert.strictEqual(code, 0);
    const rows = JSON.parse(stdout) as { id: string; serviceModel: string; item: { zh: string }; provider: string; customer: string; deploymentMode: string }[];
    const environment = rows.filter((r) => r.item.zh === '数据中心环境安全');
    assert.strictEqual(environment.length, 3);
    assert.ok(environment.every((r) => r.customer === 'yes' && r.deploymentMode === 'cloud-software'));
    const monitoring = rows.find((r) => r.serviceModel === 'iaas' && r.id === 'os.host-monitoring');
    assert.deepStrictEqual([monitoring?.provider, monitoring?.customer], ['yes', 'no']);
  });

  it('a missing contract is exit 2 with a one-line message', async () => {
    const { code, stderr } = await rlens(dir, 'matrix', '--contract', 'missing.yaml');
    assert.strictEqual(code, 2);
    assert.match(stderr, /^rlens: Cannot read the contract missing\.yaml\n$/);
  });

  it('an invalid contract is exit 2 with a one-line message naming the line', async () => {
    fs.writeFileSync(path.join(dir, 'bad.yaml'), 'negotiable:\n  iaas:\n    os.host-monitoring: z\n');
    const { code, stderr } = await rlens(dir, 'scan', '--contract', 'bad.yaml', dir);
    assert.strictEqual(code, 2);
    assert.strictEqual(stderr.trim().split('\n').length, 1, stderr);
    assert.match(stderr, /bad\.yaml:3 .*unknown option "z"/);
  });

  it('scan: waivers suppress, an expired waiver is reported in the contract file', async () => {
    fs.writeFileSync(path.join(dir, 'main.tf'), 'resource "alicloud_oss_bucket" "site" {\n  bucket = "a"\n  acl    = "public-read"\n}\n');
    fs.writeFileSync(
      path.join(dir, 'contract.yaml'),
      'waivers:\n  - { rule: oss-bucket-public-acl, resource: alicloud_oss_bucket.site, expires: 2099-12-31, reason: static site }\n  - { rule: sg-ingress-open-sensitive-port, expires: 2000-01-01, reason: old }\n',
    );
    const { stdout } = await rlens(dir, 'scan', '--contract', 'contract.yaml', '--format', 'json', path.join(dir, 'main.tf'));
    const report = JSON.parse(stdout) as { findings: { ruleId: string; file: string; range: { start: { line: number } }; suppressed?: { by: string; reason: string } }[] };
    const acl = report.findings.find((f) => f.ruleId === 'oss-bucket-public-acl');
    assert.deepStrictEqual(acl?.suppressed, { by: 'contract waiver', reason: 'static site' });
    const expired = report.findings.find((f) => f.ruleId === 'contract-waiver-expired');
    assert.deepStrictEqual([expired?.file, expired?.range.start.line], ['contract.yaml', 3]);
  });
});
