import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { defaultAssetPaths } from '../../../server/src/assets';
import { main } from '../../../server/src/cli/main';
import { readContract } from '../../../server/src/contract/contract';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import { resolveRows } from '../../../server/src/matrices/resolve';

/**
 * examples/contracts/: the white paper's table 6 (the Inspur government cloud) as a contract. It must load with the
 * real reader, validate against the schema, say where each reassignment comes from, and be what `rlens matrix
 * --contract` applies; the crosswalk documents every row of table 6.
 */
const root = path.resolve(__dirname, '../../..');
const relative = 'examples/contracts/inspur-government-cloud.yaml';
const file = path.join(root, relative);
const text = fs.readFileSync(file, 'utf8');
const assets = defaultAssetPaths();
const schemaDir = path.join(assets.matricesDir, 'schema');
const knowledge = loadKnowledge(assets.matricesDir);

/** Table 6 as the extraction prints it: seed 001 line N is line N − 812 of the fixture. */
const table6Lines = fs.readFileSync(path.join(root, 'test/fixtures/seeds/whitepaper-2020-appendix2-table6.txt'), 'utf8').split('\n');
const seedLine = (n: number): string => table6Lines[n - 813] ?? '';
/** The rows of table 6: its lines that end in two cells of ✓ / ✗ (环境管理 has one; the extraction lost the other). */
const table6Rows = table6Lines
  .slice(table6Lines.findIndex((l) => l.startsWith('表 6')), table6Lines.findIndex((l) => l.startsWith('### 1.')))
  .filter((l) => /[✓✗]/.test(l))
  .map((l) => l.split('\t').map((c) => c.trim()).filter((c) => c && !/^[✓✗]$/.test(c)).pop()?.replace(/\s+/g, '') ?? '');

async function rlens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: root, env: { LANG: 'en_US.UTF-8' } });
  return { code, stdout, stderr };
}

describe('examples/contracts: the Inspur government cloud of table 6', function () {
  this.timeout(60000);

  it('validates against contract.schema.json and loads with the real reader, in the cloud service mode', () => {
    const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(fs.readFileSync(path.join(schemaDir, 'contract.schema.json'), 'utf8')) as object);
    assert.ok(validate(parseYaml(text)), JSON.stringify(validate.errors));
    const { contract, problems } = readContract(text, file, knowledge, schemaDir);
    assert.deepStrictEqual(problems, []);
    assert.ok(contract);
    assert.strictEqual(contract.deploymentMode, 'public-cloud', 'the government cloud runs in the provider\'s data centre: 云服务模式');
    assert.ok(contract.reassignments.length >= 15);
    assert.deepStrictEqual([...(contract.negotiable.get('iaas')?.keys() ?? [])].sort(), ['data.customer-data.migration', 'iam.service.activity-log', 'iam.service.password-policy', 'os.host-backup', 'os.public-image.vulnerability']);
  });

  it('gives each reassignment the table-6 row and seed line it comes from, and the parties that row gives', () => {
    const { contract } = readContract(text, file, knowledge, schemaDir);
    assert.ok(contract);
    const duty = { '✓': 'yes', '✗': 'no' } as const;
    for (const r of contract.reassignments) {
      const cited = /^表6 (\S+) ([✓✗]) ([✓✗])(?: 与 \S+ [✓✗] [✓✗])?（seed 001 第(\d+)(?:–(\d+))?行/.exec(r.reason);
      assert.ok(cited, `${r.item}: the reason names a table-6 row and its line: ${r.reason}`);
      const [, rowPath = '', provider = '', customer = '', from = '', to] = cited;
      const rowName = rowPath.split('/').pop() ?? '';
      const lines = Array.from({ length: Number(to ?? from) - Number(from) + 1 }, (_, i) => seedLine(Number(from) + i));
      const line = lines.find((l) => l.replace(/\s+/g, '').includes(rowName));
      assert.ok(line, `${r.item}: seed 001 l.${from}${to ? `–${to}` : ''} holds the row ${rowName}`);
      assert.deepStrictEqual(line.split('\t').filter((c) => /^[✓✗]$/.test(c.trim())).map((c) => c.trim()), [provider, customer], `${r.item}: the cells of ${rowName}`);
      assert.deepStrictEqual([r.provider, r.customer], [duty[provider as '✓' | '✗'], duty[customer as '✓' | '✗']], `${r.item}: the reassignment gives the row's parties`);
      assert.match(r.reason, /· Table 6, /, `${r.item}: the reason is in English too`);
    }
  });

  it('is what rlens matrix --contract applies', async () => {
    const { code, stdout, stderr } = await rlens('matrix', '--service-model', 'iaas', '--contract', relative, '--format', 'json');
    assert.strictEqual(code, 0, stderr);
    const rows = JSON.parse(stdout) as { id: string; provider: string; customer: string; deploymentMode: string; note: { zh: string; en: string } | null }[];
    const row = (id: string) => {
      const found = rows.find((r) => r.id === id);
      assert.ok(found, id);
      return found;
    };
    assert.ok(rows.every((r) => r.deploymentMode === 'public-cloud'));
    // Table 1 gives data storage ✓ ×; table 6's 数据完整性和保密性 gives ✓ ✓.
    const standard = resolveRows(knowledge.model, 'iaas', 'public-cloud').find((r) => r.id === 'data.customer-data.storage');
    assert.deepStrictEqual([standard?.provider.duty, standard?.customer.duty], ['yes', 'no']);
    const storage = row('data.customer-data.storage');
    assert.deepStrictEqual([storage.provider, storage.customer], ['yes', 'yes']);
    assert.match(storage.note?.zh ?? '', /合同改派：表6 安全计算环境\/数据完整性和保密性 ✓ ✓（seed 001 第841行/);
    // Negotiable rows take the chosen option's split.
    assert.deepStrictEqual([row('os.host-backup').provider, row('os.host-backup').customer], ['yes', 'yes']);
    assert.deepStrictEqual([row('iam.service.activity-log').provider, row('iam.service.activity-log').customer], ['yes', 'no']);
    assert.deepStrictEqual([row('os.host-monitoring').provider, row('os.host-monitoring').customer], ['yes', 'yes']);
    assert.match(row('iam.service.authentication-info').note?.en ?? '', /the text §4 l\.911 lists it as shared/);
  });

  it('leaves the scan and explain of examples/ alone (a contract has no settings)', async () => {
    const explain = await rlens('explain', 'examples', '--format', 'json');
    assert.strictEqual(explain.code, 0, explain.stderr);
    const annotations = (JSON.parse(explain.stdout) as { annotations: { file: string }[] }).annotations;
    assert.ok(annotations.length > 100);
    assert.deepStrictEqual(annotations.filter((a) => a.file.includes('contracts/')), []);
    const scan = await rlens('scan', 'examples', '--format', 'json');
    assert.strictEqual(scan.code, 1, 'the examples keep their deliberate mistakes');
    assert.deepStrictEqual((JSON.parse(scan.stdout) as { findings: { file: string }[] }).findings.filter((f) => f.file.includes('contracts/')), []);
  });

  it('has a crosswalk, in English and Chinese, that names every row of table 6', () => {
    assert.strictEqual(table6Rows.length, 56, 'table 6 has 56 rows');
    for (const doc of ['docs/crosswalk-gbt22239-table6.md', 'docs/crosswalk-gbt22239-table6.zh-cn.md']) {
      const body = fs.readFileSync(path.join(root, doc), 'utf8');
      assert.deepStrictEqual(table6Rows.filter((name) => !body.includes(name)), [], doc);
      assert.match(body, /33/, `${doc}: says how many rows have no counterpart`);
      assert.match(body, /身份鉴别/);
    }
  });
});
