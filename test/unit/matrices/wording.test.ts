import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { defaultAssetPaths } from '../../../server/src/assets';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import { SERVICE_MODELS, type MatrixRow, type Text } from '../../../server/src/matrices/types';

/**
 * Every Chinese name, cell note, option text and definition in matrices/model/ is the sources' own wording. The
 * sources are the PDF extractions in test/fixtures/seeds/ (see its README), with their artefacts; where the data
 * reads through an artefact, the exception is listed here with the reason.
 */
const seeds = path.resolve(__dirname, '../../fixtures/seeds');
const section3 = fs.readFileSync(path.join(seeds, 'whitepaper-2020-section3.txt'), 'utf8');
const modes2024 = fs.readFileSync(path.join(seeds, 'caict-2024-service-modes.txt'), 'utf8');

const split = section3.indexOf('## （二）云计算安全责任划分');
/** 三（一）: the definitions, with the bold marks of the extraction removed. */
const definitionsText = section3.slice(0, split);
/** 三（二）: tables 1–5. */
const tablesText = section3.slice(split);

/** The extraction breaks table cells and sentences with spaces and line breaks (vertical cells, page breaks). */
const flat = (text: string): string => text.replace(/\*\*/g, '').replace(/\s+/g, '');
const tablesFlat = flat(tablesText);
const definitionsFlat = flat(definitionsText);
const tableCells = new Set(tablesText.split('\n').flatMap((line) => line.split('\t')).map(flat).filter(Boolean));
/** The names 三（一） sets in bold: the item names of the text. */
const boldTerms = new Set([...definitionsText.matchAll(/\*\*([^*]+)\*\*/g)].map((m) => flat(m[1] ?? '')));

/** Scope names the extraction does not print as a cell, and why the data's name is still the paper's. */
const SCOPE_EXCEPTIONS: Record<string, string> = {
  云服务衍生数据安全:
    'the vertical scope cell is split over a page break and misread: "云服务行" … "生数 据安 全" (行 for 衍); 三（一）6 speaks of 云服务衍生数据 in the same sense',
};

/** Notes that run over a page break, where the extraction prints the rest of the row (its × cell) in between. */
const NOTE_PAGE_BREAKS: Record<string, string> = {
  安全责任最终: 'the 服务市场镜像安全 note: "…安全责任最终 | × | 共担方为第三方服务提供者…"',
};

const { model } = loadKnowledge(defaultAssetPaths().matricesDir);
const allRows: MatrixRow[] = SERVICE_MODELS.flatMap((sm) => [...(model.rows.get(sm) ?? [])]);
const ownRows = allRows.filter((row) => row.inheritedFrom === null);

function sentences(text: string): string[] {
  return text.split(/(?<=。)/).map(flat).filter(Boolean);
}

describe('matrices wording: the white paper\'s own words', () => {
  it('names every item as the tables print it (a cell of tables 1–5)', () => {
    const missing = ownRows.filter((row) => !tableCells.has(flat(row.item.zh))).map((row) => `${row.serviceModel} ${row.id}: ${row.item.zh}`);
    assert.deepStrictEqual(missing, []);
  });

  it('names every item as 三（一） names it in bold (so 公共镜像制作安全, an extraction artefact, is not an item)', () => {
    const missing = ownRows.filter((row) => !boldTerms.has(flat(row.item.zh))).map((row) => `${row.serviceModel} ${row.id}: ${row.item.zh}`);
    assert.deepStrictEqual(missing, []);
  });

  it('writes the row 数据安全 in all four data scopes, with both definitions of 三（一）6', () => {
    const rows = allRows.filter((row) => row.category.id === 'data' && row.id.endsWith('.management'));
    assert.strictEqual(new Set(rows.map((r) => r.id)).size, 4, 'customer, derived, provider and personal data');
    for (const row of rows) {
      assert.strictEqual(row.item.zh, '数据安全', row.id);
      assert.match(row.definition?.zh ?? '', /^数据安全管理，指数据的分类分级管理机制。数据安全合规，指数据的收集、存储、使用、处理等满足相关法律法规的要求。$/, row.id);
      assert.match(row.definition?.en ?? '', /Data security management: .*Data security compliance: /, row.id);
    }
    assert.ok(!allRows.some((row) => row.item.zh === '数据安全管理'));
  });

  it('writes 镜像制作安全 / 镜像版本管理 under the scope 公共镜像安全', () => {
    const build = ownRows.find((row) => row.id === 'os.public-image.build');
    const versioning = ownRows.find((row) => row.id === 'os.public-image.versioning');
    assert.deepStrictEqual([build?.scope?.name.zh, build?.item.zh], ['公共镜像安全', '镜像制作安全']);
    assert.deepStrictEqual([versioning?.scope?.name.zh, versioning?.item.zh], ['公共镜像安全', '镜像版本管理']);
    assert.ok(!allRows.some((row) => row.item.zh.startsWith('公共镜像')), 'no item name carries the scope');
  });

  it('puts 实名备案 under 云服务, keeping its id', () => {
    for (const serviceModel of SERVICE_MODELS) {
      const realName = model.rows.get(serviceModel)?.find((row) => row.item.zh === '实名备案');
      assert.ok(realName, serviceModel);
      assert.deepStrictEqual([realName.id, realName.scope?.id, realName.scope?.name.zh], ['iam.real-name', 'service', '云服务'], serviceModel);
    }
  });

  it('names every scope and category as the tables do, or says why not', () => {
    const names = new Set(allRows.flatMap((row) => [row.category.name.zh, ...(row.scope ? [row.scope.name.zh] : [])]));
    const missing = [...names].filter((name) => !tableCells.has(flat(name)) && !tablesFlat.includes(flat(name)) && !(name in SCOPE_EXCEPTIONS));
    assert.deepStrictEqual(missing, []);
    for (const name of Object.keys(SCOPE_EXCEPTIONS)) assert.ok(names.has(name), `exception ${name} is still needed`);
  });

  it('copies every cell note verbatim from the tables', () => {
    const notes = ownRows.flatMap((row) => [row.provider.note, row.customer.note].filter((n): n is Text => n !== null).map((n) => ({ row, note: n.zh })));
    assert.ok(notes.length > 20);
    const found = (note: string): boolean => {
      if (tablesFlat.includes(flat(note))) return true;
      const breakAt = Object.keys(NOTE_PAGE_BREAKS).find((at) => note.includes(at));
      if (breakAt === undefined) return false;
      const cut = note.indexOf(breakAt) + breakAt.length;
      return tablesFlat.includes(flat(note.slice(0, cut))) && tablesFlat.includes(flat(note.slice(cut)));
    };
    const missing = notes.filter(({ note }) => !found(note)).map(({ row, note }) => `${row.serviceModel} ${row.id}: ${note}`);
    assert.deepStrictEqual(missing, []);
  });

  it('copies every negotiable label and option text verbatim from tables 2 and 5', () => {
    const texts = ownRows.flatMap((row) => (row.negotiation ? [row.negotiation.label.zh, ...row.negotiation.options.flatMap((o) => [o.provider?.zh, o.customer?.zh])] : []).filter((x): x is string => !!x));
    assert.ok(texts.length > 30);
    assert.deepStrictEqual(texts.filter((text) => !tablesFlat.includes(flat(text))), []);
  });

  it('quotes every definition sentence from 三（一）', () => {
    const missing = ownRows.flatMap((row) => sentences(row.definition?.zh ?? '').filter((s) => !definitionsFlat.includes(s)).map((s) => `${row.serviceModel} ${row.id}: ${s}`));
    assert.deepStrictEqual(missing, []);
  });

  it('names the adopting table\'s own words for inherited rows (同 IaaS 模式 in table 3, 同IaaS模式 / 同PaaS模式 in table 4)', () => {
    const table3 = tablesText.slice(tablesText.indexOf('表 3 PaaS'), tablesText.indexOf('## 3. SaaS'));
    const table4 = tablesText.slice(tablesText.indexOf('表 4 SaaS'), tablesText.indexOf('表 5 SaaS'));
    for (const row of allRows.filter((r) => r.inheritedFrom)) {
      const words = row.inheritedFrom?.note?.zh ?? '';
      assert.ok((row.serviceModel === 'paas' ? table3 : table4).includes(words), `${row.serviceModel} ${row.id}: "${words}"`);
      assert.match(row.inheritedFrom?.table.zh ?? '', row.serviceModel === 'paas' ? /^表3 / : /^表4 /);
    }
  });
});

describe('matrices wording: the 2024 modes', () => {
  const text2024 = flat(modes2024);
  /** The seed writes "最最终安全责任主体" (a doubled character); the description writes 最终. */
  const normalised = text2024.replace('最最终', '最终');

  it('quotes each mode\'s name and description from the 2024 text', () => {
    for (const mode of model.modes.values()) {
      assert.ok(text2024.includes(flat(mode.name.zh)), mode.id);
      // A description ends a sentence (。) where the 2024 text goes on to point at its figure ("，责任范围如图 4 所示").
      const missing = sentences(mode.description?.zh ?? '').map((s) => s.replace(/。$/, '')).filter((part) => !normalised.includes(part));
      assert.deepStrictEqual(missing, [], mode.id);
    }
  });

  it('keeps "往往通过采购云安全服务实现" where the 2024 text says it (cloud service and cloud software delivery modes)', () => {
    const said = [...model.modes.values()].filter((mode) => mode.description?.zh.includes('往往通过采购云安全服务实现')).map((mode) => mode.id);
    assert.deepStrictEqual(said, ['public-cloud', 'cloud-software']);
    assert.strictEqual(modes2024.split('往往通过采购云安全服务实现').length - 1, 2, 'the seed says it twice');
  });

  it('never equates government cloud with one mode: every mention says whose data centre', () => {
    for (const mode of model.modes.values()) {
      for (const text of [mode.name, mode.description, mode.remark].filter((x): x is Text => x !== null)) {
        if (/government cloud/i.test(text.en)) assert.match(text.en, /data[- ]centre/, `${mode.id}: ${text.en}`);
        if (text.zh.includes('政务云')) assert.match(text.zh, /数据中心/, `${mode.id}: ${text.zh}`);
      }
    }
    assert.match(model.modes.get('public-cloud')?.remark?.zh ?? '', /表 6 浪潮/, 'the cloud service mode names the Inspur case');
  });
});

describe('the editor\'s mode picker and settings say the same as the data', () => {
  const root = path.resolve(__dirname, '../../..');
  const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');
  const nls = [JSON.parse(read('package.nls.json')), JSON.parse(read('package.nls.zh-cn.json'))] as Record<string, string>[];
  const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
  const picker = read('client/src/deploymentMode.ts');
  const pickerStrings = [...picker.matchAll(/vscode\.l10n\.t\('((?:[^'\\]|\\.)*)'/g)].map((m) => (m[1] ?? '').replace(/\\'/g, "'"));

  it('translates every string of the mode picker', () => {
    assert.ok(pickerStrings.length >= 6);
    assert.deepStrictEqual(pickerStrings.filter((s) => !(s in bundle)), []);
  });

  it('never equates government cloud with one mode, and writes 专有云 as the 2024 text does', () => {
    const texts = [...nls.flatMap((n) => Object.entries(n).filter(([key]) => key.startsWith('config.deploymentMode')).map(([, v]) => v)), ...pickerStrings, ...pickerStrings.map((s) => bundle[s] ?? '')];
    for (const text of texts) {
      if (/government cloud/i.test(text)) assert.match(text, /data centre/, text);
      if (text.includes('政务云')) assert.match(text, /数据中心/, text);
      assert.ok(!text.includes('专属云'), text);
    }
    assert.ok(texts.some((text) => /government cloud run in the provider's data centre/.test(text)), 'the cloud service mode says where a provider-run government cloud belongs');
  });
});
