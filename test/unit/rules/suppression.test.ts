import * as assert from 'assert';
import { sharedEngine } from '../../helpers/engine';

async function findings(name: string, text: string): Promise<{ ruleId: string; line: number; by: string | undefined }[]> {
  const engine = await sharedEngine();
  const analysis = engine.analyse(name, name, text, { mode: 'public-cloud' });
  engine.forget(name);
  assert.strictEqual(analysis.status, 'analysed');
  return analysis.status === 'analysed' ? analysis.findings.map((f) => ({ ruleId: f.ruleId, line: f.range.start.line + 1, by: f.suppressed?.by })) : [];
}

const bucketAcl = (comment: string): string => `resource "alicloud_oss_bucket_acl" "static" {\n  bucket = "static"\n  acl    = "public-read" ${comment}\n}\n`;

describe('suppression comments', function () {
  this.timeout(30_000);
  it('rlens:ignore on the line, with its reason, suppresses only the named rule', async () => {
    const result = await findings('a.tf', bucketAcl('# rlens:ignore oss-bucket-public-acl static website, reviewed'));
    const acl = result.find((f) => f.ruleId === 'oss-bucket-public-acl');
    assert.strictEqual(acl?.by, 'rlens:ignore oss-bucket-public-acl');
  });

  it('rlens:ignore above a resource suppresses the rule anywhere in that resource', async () => {
    const text = `# rlens:ignore sg-ingress-open-sensitive-port bastion\nresource "alicloud_security_group_rule" "ssh" {\n  type       = "ingress"\n  port_range = "22/22"\n  cidr_ip    = "0.0.0.0/0"\n}\n`;
    const result = await findings('b.tf', text);
    assert.ok(result.some((f) => f.ruleId === 'sg-ingress-open-sensitive-port' && f.by));
  });

  it('honours checkov:skip for a rule that cross-references that Checkov id', async () => {
    const result = await findings('c.tf', bucketAcl('# checkov:skip=CKV_ALI_1:public by design'));
    assert.strictEqual(result.find((f) => f.ruleId === 'oss-bucket-public-acl')?.by, 'checkov:skip=CKV_ALI_1');
  });

  it('ignores a peer comment naming an id the rule does not cross-reference', async () => {
    const result = await findings('d.tf', bucketAcl('# checkov:skip=CKV_ALI_99:unrelated'));
    assert.strictEqual(result.find((f) => f.ruleId === 'oss-bucket-public-acl')?.by, undefined);
  });

  it('honours KICS ignore-line for rules with a KICS cross-reference', async () => {
    const text = `resource "alicloud_oss_bucket_acl" "static" {\n  bucket = "static"\n  # kics-scan ignore-line\n  acl    = "public-read"\n}\n`;
    assert.strictEqual((await findings('e.tf', text)).find((f) => f.ruleId === 'oss-bucket-public-acl')?.by, 'kics-scan ignore-line');
  });

  it('honours trivy:ignore (and the legacy tfsec:ignore) for the secret rule', async () => {
    const key = ['LTAI', 'q8Rm2ZtV7xKp4Wn9Bc3D'].join('');
    for (const tool of ['trivy', 'tfsec']) {
      const text = `resource "alicloud_instance" "web" {\n  # ${tool}:ignore:alibaba-access-key-id\n  user_data = "${key}"\n}\n`;
      const secret = (await findings(`f-${tool}.tf`, text)).find((f) => f.ruleId === 'hardcoded-secret');
      assert.strictEqual(secret?.by, `${tool}:ignore:alibaba-access-key-id`);
    }
  });

  it('honours infraguard:ignore with its reason in YAML', async () => {
    const text = `ROSTemplateFormatVersion: '2015-09-01'\nResources:\n  Web:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      AllocatePublicIP: true\n      # infraguard:ignore=ecs-instance-no-public-ip reason="NAT for the office"\n      InternetMaxBandwidthOut: 10\n`;
    const engine = await sharedEngine();
    const analysis = engine.analyse('g.ros.yaml', 'g.ros.yaml', text, { mode: 'public-cloud' });
    const finding = analysis.status === 'analysed' ? analysis.findings.find((f) => f.ruleId === 'ecs-instance-public-ip') : undefined;
    assert.deepStrictEqual(finding?.suppressed, { by: 'infraguard:ignore=ecs-instance-no-public-ip', reason: 'NAT for the office' });
  });

  it('a comment line above a line that starts with a closed /* */ comment applies to that line of code', async () => {
    const text = `resource "alicloud_security_group_rule" "ssh" {\n  type       = "ingress"\n  port_range = "22/22"\n  # rlens:ignore sg-ingress-open-sensitive-port bastion\n  /* 来源：任意地址 */ cidr_ip = "0.0.0.0/0"\n}\n`;
    const finding = (await findings('h.tf', text)).find((f) => f.ruleId === 'sg-ingress-open-sensitive-port');
    assert.deepStrictEqual(finding && { line: finding.line, by: finding.by }, { line: 5, by: 'rlens:ignore sg-ingress-open-sensitive-port' });
  });

  it('a directive in a /* */ comment before code on its line applies to that line; an unclosed one to the next code', async () => {
    const onLine = `resource "alicloud_oss_bucket_acl" "static" {\n  bucket = "static"\n  /* rlens:ignore oss-bucket-public-acl website */ acl = "public-read"\n}\n`;
    assert.strictEqual((await findings('i.tf', onLine)).find((f) => f.ruleId === 'oss-bucket-public-acl')?.by, 'rlens:ignore oss-bucket-public-acl');
    const unrelated = `resource "alicloud_oss_bucket_acl" "static" {\n  bucket = "static"\n  /* note */ acl = "public-read"\n}\n# rlens:ignore oss-bucket-public-acl elsewhere\nresource "alicloud_oss_bucket_acl" "other" {\n  bucket = "other"\n}\n`;
    assert.strictEqual((await findings('j.tf', unrelated)).find((f) => f.ruleId === 'oss-bucket-public-acl')?.by, undefined);
  });
});
