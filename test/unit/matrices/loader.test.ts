import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { defaultAssetPaths } from '../../../server/src/assets';
import { loadKnowledge, MatrixLoadError } from '../../../server/src/matrices/loader';
import type { Knowledge, MatrixRow, ServiceModel } from '../../../server/src/matrices/types';

const matricesDir = defaultAssetPaths().matricesDir;

function rows(knowledge: Knowledge, serviceModel: ServiceModel): readonly MatrixRow[] {
  return knowledge.model.rows.get(serviceModel) ?? [];
}

function row(knowledge: Knowledge, serviceModel: ServiceModel, id: string): MatrixRow {
  const found = rows(knowledge, serviceModel).find((r) => r.id === id);
  assert.ok(found, `no row ${id} in ${serviceModel}`);
  return found;
}

/** Copies made by the tests, removed when the suite ends. */
const copies: string[] = [];

/** A writable copy of matrices/ to break on purpose. */
function copyOfMatrices(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-matrices-'));
  copies.push(dir);
  fs.cpSync(matricesDir, dir, { recursive: true });
  return dir;
}

describe('matrices loader', () => {
  const knowledge = loadKnowledge(matricesDir);

  after(() => {
    for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads the three service models with the seven categories', () => {
    assert.deepStrictEqual(
      knowledge.model.categories.map((c) => c.id),
      ['physical', 'resource', 'os', 'network', 'application', 'data', 'iam'],
    );
    for (const serviceModel of ['iaas', 'paas', 'saas'] as const) assert.ok(rows(knowledge, serviceModel).length > 50, serviceModel);
  });

  it('keeps the white paper wording and cells of table 1 (spot check)', () => {
    const securityGroup = row(knowledge, 'iaas', 'network.security-group');
    assert.strictEqual(securityGroup.item.zh, '设置安全组');
    assert.strictEqual(securityGroup.category.name.zh, '网络控制安全');
    assert.strictEqual(securityGroup.provider.duty, 'yes');
    assert.strictEqual(securityGroup.customer.duty, 'yes');
    assert.strictEqual(securityGroup.provider.note?.zh, '承担为云服务客户提供安全组功能的责任');
    assert.match(securityGroup.table.zh, /^表1/);

    const environment = row(knowledge, 'iaas', 'physical.datacenter-environment');
    assert.deepStrictEqual([environment.item.zh, environment.provider.duty, environment.customer.duty], ['数据中心环境安全', 'yes', 'no']);
    assert.match(environment.provider.note?.zh ?? '', /无论是自建还是租赁/);

    const otherImage = row(knowledge, 'iaas', 'os.other-image.build');
    assert.deepStrictEqual([otherImage.scope?.name.zh, otherImage.provider.duty, otherImage.customer.duty], ['其它来源镜像安全', 'no', 'yes']);

    const credentials = row(knowledge, 'iaas', 'iam.service.credentials');
    assert.deepStrictEqual([credentials.item.zh, credentials.provider.duty, credentials.customer.duty], ['身份认证凭证管理', 'no', 'yes']);
  });

  it('carries the negotiable options of table 2', () => {
    const monitoring = row(knowledge, 'iaas', 'os.host-monitoring');
    assert.strictEqual(monitoring.provider.duty, 'negotiable');
    assert.strictEqual(monitoring.customer.duty, 'negotiable');
    assert.strictEqual(monitoring.negotiation?.number, 2);
    assert.deepStrictEqual(monitoring.negotiation?.options.map((o) => o.id), ['a', 'b', 'c']);
    assert.match(monitoring.negotiation?.table.zh ?? '', /^表2/);
    const vulnerability = row(knowledge, 'iaas', 'os.public-image.vulnerability');
    assert.strictEqual(vulnerability.negotiation?.options[1]?.customer, null, 'option b) leaves the customer nothing (——)');
    const negotiable = rows(knowledge, 'iaas').filter((r) => r.negotiation);
    assert.strictEqual(new Set(negotiable.map((r) => r.negotiation?.number)).size, 7, 'table 2 has seven numbered rows');
  });

  it('lets PaaS inherit the rows marked 同 IaaS 模式 and write its own OS rows', () => {
    const network = row(knowledge, 'paas', 'network.security-group');
    assert.strictEqual(network.inheritedFrom?.serviceModel, 'iaas');
    assert.strictEqual(network.serviceModel, 'paas');
    const image = row(knowledge, 'paas', 'os.image.vulnerability');
    assert.deepStrictEqual([image.inheritedFrom, image.provider.duty, image.customer.duty], [null, 'yes', 'no']);
    assert.match(image.table.zh, /^表3/);
    assert.ok(!rows(knowledge, 'paas').some((r) => r.scope?.id === 'public-image'), 'PaaS has no public-image scope');
  });

  it('gives SaaS its own network rows and table 5 for the activity log', () => {
    const securityGroup = row(knowledge, 'saas', 'network.security-group');
    assert.deepStrictEqual([securityGroup.inheritedFrom, securityGroup.provider.duty, securityGroup.customer.duty], [null, 'yes', 'no']);
    const activityLog = row(knowledge, 'saas', 'iam.console.activity-log');
    assert.match(activityLog.negotiation?.table.zh ?? '', /^表5/);
    assert.strictEqual(row(knowledge, 'saas', 'os.image.build').inheritedFrom?.serviceModel, 'paas');
  });

  it('reports an invalid file with its path and the offending key', () => {
    const dir = copyOfMatrices();
    const file = path.join(dir, 'model', 'categories.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('categories:', 'categories:\n  - id: bogus\n    nmae: { zh: 错, en: wrong }'));
    assert.throws(
      () => loadKnowledge(dir),
      (error: unknown) => {
        assert.ok(error instanceof MatrixLoadError);
        assert.ok(error.errors.some((e) => e.file === 'model/categories.yaml' && e.key.endsWith('/nmae')), error.message);
        return true;
      },
    );
  });

  it('reports a resource map naming an item that does not exist', () => {
    const dir = copyOfMatrices();
    const file = path.join(dir, 'resources', 'alicloud', 'ecs.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('items: [network.security-group]', 'items: [network.no-such-item]'));
    assert.throws(() => loadKnowledge(dir), /resources\/alicloud\/ecs\.yaml: \/resources\/\d+\/settings\/\d+\/items/);
  });

  it('reports YAML that does not parse', () => {
    const dir = copyOfMatrices();
    fs.writeFileSync(path.join(dir, 'model', 'paas.yaml'), 'rows: [unclosed\n');
    assert.throws(() => loadKnowledge(dir), /model\/paas\.yaml/);
  });
});
