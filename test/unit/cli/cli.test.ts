import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';

const root = path.resolve(__dirname, '../../..');

async function rlens(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: root, env: { LANG: 'en_US.UTF-8' } });
  return { code, stdout, stderr };
}

describe('rlens CLI', function () {
  this.timeout(60_000);
  it('matrix --service-model iaas --format json lists every row of table 1 with the options of table 2', async () => {
    const { code, stdout } = await rlens('matrix', '--service-model', 'iaas', '--format', 'json');
    assert.strictEqual(code, 0);
    const rows = JSON.parse(stdout) as { id: string; serviceModel: string; provider: string; customer: string; vendor: string; options: unknown[]; item: { zh: string; en: string }; source: { zh: string } }[];
    assert.strictEqual(rows.length, 72);
    assert.ok(rows.every((r) => r.serviceModel === 'iaas' && r.item.zh && r.item.en && r.source.zh.startsWith('表1')));
    assert.strictEqual(rows.filter((r) => r.options.length > 0).length, 7);
    for (const key of ['id', 'category', 'scope', 'item', 'serviceModel', 'provider', 'customer', 'vendor', 'note', 'options', 'source']) assert.ok(key in (rows[0] ?? {}), key);
  });

  it('matrix gives table 3 for paas and tables 4-5 for saas', async () => {
    const paas = JSON.parse((await rlens('matrix', '--service-model', 'paas', '--format', 'json')).stdout) as { source: { zh: string } }[];
    assert.ok(paas.some((r) => r.source.zh.startsWith('表3')));
    const saas = JSON.parse((await rlens('matrix', '--service-model', 'saas', '--format', 'json')).stdout) as { source: { zh: string } }[];
    assert.ok(saas.some((r) => r.source.zh.startsWith('表4')));
    assert.ok(saas.some((r) => r.source.zh.includes('表5')));
  });

  it('matrix --deployment cloud-software makes 数据中心环境安全 the customer\'s', async () => {
    const rows = JSON.parse((await rlens('matrix', '--deployment', 'cloud-software', '--format', 'json')).stdout) as { item: { zh: string }; customer: string }[];
    const environment = rows.filter((r) => r.item.zh === '数据中心环境安全');
    assert.strictEqual(environment.length, 3, 'one per service model');
    assert.ok(environment.every((r) => r.customer === 'yes'));
  });

  it('matrix writes csv and markdown', async () => {
    assert.match((await rlens('matrix', '--format', 'csv')).stdout, /^id,service_model,/);
    assert.match((await rlens('matrix', '--format', 'markdown', '--lang', 'zh-cn')).stdout, /^\| 服务模式 \|/);
  });

  it('explain --format json gives 1-based positions in UTF-16 columns', async () => {
    const { code, stdout } = await rlens('explain', 'examples/terraform/main.tf', '--format', 'json');
    assert.strictEqual(code, 0);
    const { annotations } = JSON.parse(stdout) as { annotations: { file: string; setting: string; resource: { name: string }; range: { start: { line: number; column: number } }; items: { id: string }[] }[] };
    const cidr = annotations.find((a) => a.resource.name === 'allow_ssh' && a.setting === 'cidr_ip');
    assert.ok(cidr);
    assert.strictEqual(cidr.file, 'examples/terraform/main.tf');
    // The line reads `  /* 来源：任意地址 */ cidr_ip = "0.0.0.0/0"`: cidr_ip starts after 16 UTF-16 units.
    assert.strictEqual(cidr.range.start.column, 17);
    assert.deepStrictEqual(cidr.items.map((i) => i.id), ['network.security-group']);
  });

  it('explain prints a table per file', async () => {
    const { code, stdout } = await rlens('explain', 'examples', '--lang', 'zh-cn');
    assert.strictEqual(code, 0);
    assert.match(stdout, /examples\/terraform\/main\.tf/);
    assert.match(stdout, /设置安全组/);
    assert.match(stdout, /个带责任标注的设置/);
  });

  it('explains in the user\'s language why a file was skipped', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-skip-'));
    // A NUL and a byte that is not UTF-8: binary (a NUL alone is text, see docs/input-limits.md).
    fs.writeFileSync(path.join(dir, 'x.tf'), Buffer.from([0x72, 0x00, 0x01, 0xff]));
    assert.match((await rlens('explain', dir, '--lang', 'zh-cn')).stdout, /x\.tf: 已跳过：二进制内容/);
    assert.match((await rlens('explain', dir)).stdout, /x\.tf: skipped: binary content/);
    const json = JSON.parse((await rlens('explain', dir, '--format', 'json')).stdout) as { skipped: { reason: string }[] };
    assert.deepStrictEqual(json.skipped.map((s) => s.reason), ['binary']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with one line on a missing file or a bad argument', async () => {
    const missing = await rlens('explain', 'no/such/file.tf');
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /^rlens: Cannot read no\/such\/file\.tf/);
    assert.strictEqual(missing.stderr.trim().split('\n').length, 1);
    const badFormat = await rlens('matrix', '--format', 'xml');
    assert.strictEqual(badFormat.code, 2);
    assert.match(badFormat.stderr, /--format/);
    const unknown = await rlens('frobnicate');
    assert.strictEqual(unknown.code, 2);
    const option = await rlens('matrix', '--nope');
    assert.strictEqual(option.code, 2);
  });
});
