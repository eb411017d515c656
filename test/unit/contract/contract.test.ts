import * as assert from 'assert';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import { defaultAssetPaths } from '../../../server/src/assets';
import { applyContract } from '../../../server/src/contract/apply';
import { isCalendarDate, readContract, type Contract } from '../../../server/src/contract/contract';
import { contractTemplate } from '../../../server/src/contract/template';
import { applyWaivers, expiredWaivers } from '../../../server/src/contract/waivers';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import { resolveRows, responsibilityOf, RowResolver } from '../../../server/src/matrices/resolve';
import type { Finding } from '../../../server/src/rules/types';
import { sharedEngine } from '../../helpers/engine';

const assets = defaultAssetPaths();
const knowledge = loadKnowledge(assets.matricesDir);
const schemaDir = path.join(assets.matricesDir, 'schema');
const read = (text: string, language: 'en' | 'zh-cn' = 'en') => readContract(text, '/ws/.rlens/contract.yaml', knowledge, schemaDir, language);
const valid = (text: string): Contract => {
  const { contract, problems } = read(text);
  assert.deepStrictEqual(problems.map((p) => p.message), []);
  assert.ok(contract);
  return contract;
};

const FULL = `deploymentMode: cloud-software
negotiable:
  iaas:
    os.host-monitoring: c
    os.public-image.vulnerability: a
vendors:
  - name: Example Security
    contractedBy: customer
    items: [os.host-monitoring, network.security-group]
    serviceModels: [iaas]
reassignments:
  - item: network.security-group
    serviceModel: iaas
    resourceType: alicloud_security_group
    provider: no
    customer: yes
    reason: clause 5.2
waivers:
  - rule: oss-bucket-public-acl
    resource: alicloud_oss_bucket.site
    expires: 2030-01-31
    reason: static website
`;

describe('contract: reading', () => {
  it('reads a valid contract', () => {
    const contract = valid(FULL);
    assert.strictEqual(contract.deploymentMode, 'cloud-software');
    assert.strictEqual(contract.negotiable.get('iaas')?.get('os.host-monitoring'), 'c');
    assert.strictEqual(contract.vendors[0]?.name, 'Example Security');
    assert.strictEqual(contract.reassignments[0]?.reason, 'clause 5.2');
    assert.strictEqual(contract.waivers[0]?.expires, '2030-01-31');
    assert.strictEqual(contract.waivers[0]?.range.start.line, 18, 'the waiver is placed on its `- rule:` line');
  });

  it('places schema errors on the offending key, in English or Chinese', () => {
    const text = 'deploymentMode: moon\nvendor:\n  - name: x\nreassignments:\n  - item: network.security-group\n    customer: yes\n';
    const { contract, problems } = read(text);
    assert.strictEqual(contract, null);
    const mode = problems.find((p) => p.message.startsWith('/deploymentMode'));
    assert.strictEqual(mode?.range.start.line, 0);
    const extra = problems.find((p) => p.message.includes('/vendor'));
    assert.ok(extra, problems.map((p) => p.message).join('\n'));
    assert.deepStrictEqual([extra.range.start.line, extra.range.start.character, extra.range.end.character], [1, 0, 6], 'on the unknown key itself');
    const reason = problems.find((p) => /reason/.test(p.message));
    assert.strictEqual(reason?.range.start.line, 4, 'a missing reason is reported on the reassignment');
    assert.ok(read(text, 'zh-cn').problems.every((p) => /[\u4e00-\u9fff]/.test(p.message)));
  });

  it('rejects unknown items, non-negotiable rows and unknown options, on their keys', () => {
    const { contract, problems } = read(`negotiable:
  iaas:
    os.host-monitoring: d
    network.security-group: a
    no.such-item: a
vendors:
  - { name: V, contractedBy: provider, items: [iam.nothing] }
reassignments:
  - { item: also.nothing, customer: yes, reason: r }
`);
    assert.strictEqual(contract, null);
    const at = (fragment: string) => problems.find((p) => p.message.includes(fragment));
    assert.strictEqual(at('unknown option "d"')?.range.start.line, 2);
    assert.strictEqual(at('"network.security-group" is not negotiable')?.range.start.line, 3);
    assert.deepStrictEqual([at('unknown item "no.such-item"')?.range.start.line, at('unknown item "no.such-item"')?.range.start.character], [4, 4]);
    assert.strictEqual(at('unknown item "iam.nothing"')?.range.start.line, 6);
    assert.strictEqual(at('unknown item "also.nothing"')?.range.start.line, 8);
  });

  it('rejects dates that are not days', () => {
    const notADay = read('waivers:\n  - { rule: r, expires: 2025-01-01, reason: x }\n  - { rule: r, expires: 2025-02-30, reason: x }\n');
    assert.strictEqual(notADay.contract, null);
    assert.ok(notADay.problems.some((p) => p.message.includes('"2025-02-30" is not a date') && p.range.start.line === 2), notADay.problems.map((p) => p.message).join('\n'));
    const notAPattern = read('waivers:\n  - { rule: r, expires: 31/12/2025, reason: x }\n');
    assert.ok(notAPattern.problems.some((p) => p.message.startsWith('/waivers/0/expires') && p.range.start.line === 1));
    assert.strictEqual(isCalendarDate('2024-02-29'), true);
  });

  it('reads the template of "Create contract file" as a valid, empty contract listing every negotiable row', () => {
    const text = contractTemplate(knowledge);
    const contract = valid(text);
    assert.strictEqual(contract.negotiable.get('iaas')?.size ?? 0, 0);
    for (const rows of knowledge.model.rows.values()) for (const row of rows.filter((r) => r.negotiation)) assert.ok(text.includes(`# ${row.id}: `), row.id);
    assert.ok(parseYaml(text));
  });
});

describe('contract: applying', () => {
  const row = (id: string, contract: Contract | null, mode: 'public-cloud' | 'cloud-software' = 'public-cloud', resourceType?: string) => {
    const found = new RowResolver(knowledge.model, mode, contract).row('iaas', id, resourceType);
    assert.ok(found, id);
    return found;
  };

  it('turns a negotiable row into the chosen option\'s split, keeping the option\'s texts', () => {
    assert.strictEqual(responsibilityOf(row('os.host-monitoring', null)), 'negotiable');
    const contract = valid('negotiable:\n  iaas:\n    os.host-monitoring: a\n    os.public-image.vulnerability: b\n');
    const monitoring = row('os.host-monitoring', contract);
    assert.deepStrictEqual([monitoring.provider.duty, monitoring.customer.duty, monitoring.customer.origin], ['no', 'yes', 'contract']);
    assert.match(monitoring.customer.note?.zh ?? '', /部署安全产品/);
    assert.match(monitoring.contractNote?.en ?? '', /option a\)/);
    const image = row('os.public-image.vulnerability', contract);
    assert.deepStrictEqual([image.provider.duty, image.customer.duty, responsibilityOf(image)], ['yes', 'no', 'provider']);
  });

  it('gives vendors their items, with the vendor named', () => {
    const contract = valid('vendors:\n  - { name: Acme, contractedBy: provider, items: [network.security-group], serviceModels: [iaas], duty: supporting }\n');
    const sg = row('network.security-group', contract);
    assert.deepStrictEqual([sg.vendor.duty, sg.vendor.origin], ['supporting', 'contract']);
    assert.match(sg.vendor.note?.en ?? '', /Acme \(contracted by the provider\)/);
    assert.strictEqual(resolveRows(knowledge.model, 'paas', 'public-cloud', contract).find((r) => r.id === 'network.security-group')?.vendor.duty ?? 'no', 'no', 'only for the named service models');
  });

  it('applies reassignments, resource-scoped ones only to that resource type', () => {
    const contract = valid(FULL.replace('deploymentMode: cloud-software\n', ''));
    assert.strictEqual(row('network.security-group', contract).provider.duty, 'yes', 'not for other resources');
    const scoped = row('network.security-group', contract, 'public-cloud', 'alicloud_security_group');
    assert.deepStrictEqual([scoped.provider.duty, scoped.provider.origin, scoped.customer.duty], ['no', 'contract', 'yes']);
    assert.match(scoped.contractNote?.en ?? '', /clause 5\.2/);
    assert.match(scoped.contractNote?.en ?? '', /Example Security/);
  });

  it('lets the contract\'s deployment mode win over the one asked for', async () => {
    const engine = await sharedEngine();
    try {
      engine.setContract(valid('deploymentMode: cloud-software\n'));
      const environment = engine.resolver('public-cloud').row('iaas', 'physical.datacenter-environment');
      assert.deepStrictEqual([environment?.customer.duty, environment?.customer.origin], ['yes', 'deployment-mode']);
    } finally {
      engine.setContract(null);
    }
  });

  it('leaves rows alone without a contract', () => {
    const plain = resolveRows(knowledge.model, 'iaas', 'public-cloud');
    assert.deepStrictEqual(resolveRows(knowledge.model, 'iaas', 'public-cloud', null), plain);
    assert.strictEqual(applyContract(plain[0]!, null), plain[0]);
  });
});

describe('contract: waivers', () => {
  const BUCKETS = 'resource "alicloud_oss_bucket" "site" {\n  bucket = "a"\n  acl    = "public-read"\n}\nresource "alicloud_oss_bucket" "other" {\n  bucket = "b"\n  acl    = "public-read"\n}\n';
  const waiversOf = (text: string) => valid(text).waivers;
  const today = new Date(2026, 0, 15);

  async function bucketFindings(): Promise<Finding[]> {
    const engine = await sharedEngine();
    const analysis = engine.analyse('waivers.tf', 'waivers.tf', BUCKETS, { mode: 'public-cloud' });
    engine.forget('waivers.tf');
    assert.strictEqual(analysis.status, 'analysed');
    const findings = analysis.status === 'analysed' ? analysis.findings.filter((f) => f.ruleId === 'oss-bucket-public-acl') : [];
    assert.strictEqual(findings.length, 2);
    return findings;
  }

  it('suppresses a rule\'s findings on the named resource until the waiver expires (that day included)', async () => {
    const findings = await bucketFindings();
    const waivers = waiversOf('waivers:\n  - { rule: oss-bucket-public-acl, resource: alicloud_oss_bucket.site, expires: 2026-01-15, reason: static website }\n');
    const result = applyWaivers(findings, waivers, today);
    assert.deepStrictEqual(result.map((f) => [f.resource?.name, f.suppressed?.by, f.suppressed?.reason]), [
      ['site', 'contract waiver', 'static website'],
      ['other', undefined, undefined],
    ]);
    assert.deepStrictEqual(expiredWaivers(waivers, today), []);
  });

  it('suppresses every resource without `resource`', async () => {
    const result = applyWaivers(await bucketFindings(), waiversOf('waivers:\n  - { rule: oss-bucket-public-acl, expires: 2026-12-31, reason: r }\n'), today);
    assert.ok(result.every((f) => f.suppressed));
  });

  it('stops suppressing once expired, and reports the waiver', async () => {
    const waivers = waiversOf('waivers:\n  - { rule: oss-bucket-public-acl, expires: 2026-01-14, reason: r }\n');
    assert.ok(applyWaivers(await bucketFindings(), waivers, today).every((f) => !f.suppressed));
    assert.deepStrictEqual(expiredWaivers(waivers, today).map((w) => [w.rule, w.range.start.line]), [['oss-bucket-public-acl', 1]]);
  });

  it('is applied by the engine after the comment suppressions', async () => {
    const engine = await sharedEngine();
    try {
      engine.setContract(valid('waivers:\n  - { rule: oss-bucket-public-acl, resource: site, expires: 2099-01-01, reason: r }\n'));
      const analysis = engine.analyse('w2.tf', 'w2.tf', BUCKETS, { mode: 'public-cloud' });
      engine.forget('w2.tf');
      const suppressed = analysis.status === 'analysed' ? analysis.findings.filter((f) => f.ruleId === 'oss-bucket-public-acl').map((f) => f.suppressed?.by) : [];
      assert.deepStrictEqual(suppressed, ['contract waiver', undefined], 'a bare name matches the logical id');
    } finally {
      engine.setContract(null);
    }
  });
});
