import * as assert from 'assert';
import * as path from 'path';
import { main } from '../../../server/src/cli/main';

const root = path.resolve(__dirname, '../../..');

async function rlens(...args: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd: root, env: { LANG: 'en_US.UTF-8' } });
  assert.strictEqual(code, 0, stderr);
  return stdout;
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') record.push(field), (field = '');
    else if (c === '\n') record.push(field), records.push(record), (record = []), (field = '');
    else field += c;
  }
  record.push(field);
  records.push(record);
  return records;
}

/** The cells of a markdown table row, honouring `\|` inside a cell. */
function markdownCells(line: string): string[] {
  return line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim());
}

function markdownRow(markdown: string, ...needles: string[]): string[] {
  const line = markdown.split('\n').find((l) => needles.every((n) => l.includes(` ${n} `) || l.includes(n)));
  assert.ok(line, `no row with ${needles.join(', ')}`);
  return markdownCells(line);
}

describe('rlens matrix: the tables\' exact wording, notes and options in every format', function () {
  // Each run loads and validates the whole of matrices/.
  this.timeout(30000);

  it('markdown carries the cell notes and the option texts, one row per line with ten cells', async () => {
    const en = await rlens('matrix', '--service-model', 'iaas', '--format', 'markdown');
    const lines = en.trimEnd().split('\n');
    assert.deepStrictEqual(markdownCells(lines[0] ?? ''), ['Model', 'Category', 'Scope', 'Item', 'Provider', 'Customer', 'Vendor', 'Notes', 'Negotiable options', 'Source']);
    for (const line of lines.slice(2)) assert.strictEqual(markdownCells(line).length, 10, line);
    assert.strictEqual(lines.length - 2, 72, 'every row of table 1');

    const securityGroup = markdownRow(en, 'Setting security groups');
    assert.strictEqual(securityGroup[7], 'Provider: Bears the responsibility of providing the security-group function to the cloud service customer.');
    const monitoring = markdownRow(en, '| Cloud host security monitoring |');
    assert.strictEqual(
      monitoring[8],
      'a) provider: ——; customer: Deploy security products or tools inside the cloud host to monitor and deal with intrusions into the cloud host.<br>' +
        'b) provider: Provide cloud host security products to the cloud service customer.; customer: Deploy security products or tools inside the cloud host to monitor and deal with intrusions into the cloud host.<br>' +
        'c) provider: Build the security-monitoring function in by default when the cloud service customer purchases a cloud host.; customer: ——',
    );

    const zh = await rlens('matrix', '--service-model', 'iaas', '--format', 'markdown', '--lang', 'zh-cn');
    const realName = markdownRow(zh, '| 实名备案 |');
    assert.deepStrictEqual(realName.slice(1, 4), ['IAM 安全', '云服务', '实名备案']);
    assert.strictEqual(
      realName[7],
      '云服务提供者：承担云服务客户实名备案审核的责任，在云服务客户备案前为其提供云服务的，安全责任由云服务提供者承担<br>' +
        '云服务客户：承担完成实名备案的责任，因实名备案材料造假，云服务提供者依法停止对其提供云服务的，责任由云服务客户自行承担',
    );
    const vulnerability = markdownRow(zh, '| 公共镜像安全 | 镜像漏洞管理 |');
    assert.strictEqual(vulnerability[8], 'a) 云服务提供者：将安全漏洞信息告知已经使用该版本镜像的云服务客户；云服务客户：使用公共镜像创建云主机后，关注云服务提供者和第三方企业机构发布的漏洞公告，及时对镜像存在的安全风险进行处置<br>b) 云服务提供者：对云服务客户存在安全漏洞的镜像进行主动修复；云服务客户：——');
    assert.strictEqual(vulnerability[9], '表1 IaaS 模式下云计算安全责任划分；表2 IaaS 模式下云计算安全责任协商划分参考 第 1 项');
  });

  it('prints the tables\' item names: 数据安全, 镜像制作安全 / 镜像版本管理 under 公共镜像安全', async () => {
    const zh = await rlens('matrix', '--service-model', 'iaas', '--format', 'markdown', '--lang', 'zh-cn');
    assert.strictEqual(zh.split('\n').filter((l) => l.includes('| 数据安全 | ') && markdownCells(l)[3] === '数据安全').length, 4);
    assert.ok(!zh.includes('数据安全管理 |') && !zh.includes('公共镜像制作安全') && !zh.includes('公共镜像版本管理'));
    assert.ok(markdownRow(zh, '| 公共镜像安全 | 镜像制作安全 |'));
    assert.ok(markdownRow(zh, '| 公共镜像安全 | 镜像版本管理 |'));
  });

  it('names the adopting table of inherited rows: 表3：同 IaaS 模式, 表4：同PaaS模式', async () => {
    const paas = await rlens('matrix', '--service-model', 'paas', '--format', 'markdown', '--lang', 'zh-cn');
    assert.strictEqual(markdownRow(paas, '| 设置安全组 |')[9], '表3 PaaS 模式下云计算安全责任划分：同 IaaS 模式（表1 IaaS 模式下云计算安全责任划分）');
    assert.strictEqual(markdownRow(paas, '| 镜像安全 | 镜像制作安全 |')[9], '表3 PaaS 模式下云计算安全责任划分', 'table 3 writes its OS rows itself');
    const saas = await rlens('matrix', '--service-model', 'saas', '--format', 'markdown');
    assert.strictEqual(
      markdownRow(saas, '| Image security | Image building security |')[9],
      'Table 4: division of cloud-computing security responsibilities in the SaaS model: Same as the PaaS model (Table 3: division of cloud-computing security responsibilities in the PaaS model)',
    );
  });

  it('says in the matrix that a deployment mode\'s change is our reading of the 2024 model', async () => {
    const en = await rlens('matrix', '--service-model', 'saas', '--deployment', 'cloud-software-managed', '--format', 'markdown');
    const backup = markdownRow(en, '| Cloud host backup |');
    assert.deepStrictEqual(backup.slice(4, 7), ['supporting', '✓', '×']);
    assert.match(backup[7] ?? '', /^Deployment mode: Our reading of the CAICT 2024 model, not its words/);
    const zh = await rlens('matrix', '--service-model', 'paas', '--deployment', 'cloud-software', '--format', 'markdown', '--lang', 'zh-cn');
    const monitoring = markdownRow(zh, '| 云主机安全监测 |');
    assert.deepStrictEqual(monitoring.slice(4, 7), ['×', '✓', '×']);
    assert.match(monitoring[7] ?? '', /^部署模式：本工具对《云安全责任共担模型》（2024）的解读，并非其原文/);
  });

  it('csv carries the option texts (not only their ids), the notes and both sources', async () => {
    const records = parseCsv((await rlens('matrix', '--format', 'csv')).trimEnd());
    const header = records[0] ?? [];
    for (const record of records) assert.strictEqual(record.length, header.length, record.join(','));
    const column = (record: string[], name: string): string => record[header.indexOf(name)] ?? '';
    const backup = records.find((r) => r[0] === 'os.host-backup' && r[1] === 'iaas');
    assert.ok(backup);
    assert.strictEqual(column(backup, 'options'), 'a b');
    assert.strictEqual(column(backup, 'options_zh'), 'a) 云服务提供者：提供云主机备份功能；云服务客户：合理使用云主机备份功能\nb) 云服务提供者：在云服务客户购买云主机时，默认对云主机开启备份；云服务客户：——');
    assert.match(column(backup, 'options_en'), /^a\) provider: Provide a cloud host backup function\.; customer: Make appropriate use/);
    const destruction = records.find((r) => r[0] === 'data.customer-data.destruction' && r[1] === 'paas');
    assert.ok(destruction);
    assert.match(column(destruction, 'note_zh'), /^云服务提供者：为避免云服务客户误删或未及时续订云服务/);
    assert.strictEqual(column(destruction, 'source_zh'), '表3 PaaS 模式下云计算安全责任划分：同 IaaS 模式（表1 IaaS 模式下云计算安全责任划分）');
    assert.match(column(destruction, 'source_en'), /^Table 3: .*: Same as the IaaS model \(Table 1: /);
    const management = records.find((r) => r[0] === 'data.customer-data.management' && r[1] === 'iaas');
    assert.deepStrictEqual([column(management ?? [], 'item_zh'), column(management ?? [], 'definition_zh')], ['数据安全', '数据安全管理，指数据的分类分级管理机制。数据安全合规，指数据的收集、存储、使用、处理等满足相关法律法规的要求。']);
  });
});
