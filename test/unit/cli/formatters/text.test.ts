import * as assert from 'assert';
import { displayWidth, formatText } from '../../../../server/src/cli/formatters/text';
import { MASKED_SECRET, sampleReport } from './sample-report';

const ESC = '\u001b[';

describe('formatText', () => {
  it('groups findings by file in position order: line:col, severity, rule, message, (resource)', () => {
    const lines = formatText(sampleReport(), { language: 'en', color: false }).split('\n');
    const main = lines.indexOf('infra/main.tf');
    const ros = lines.indexOf('ros/存储.yaml');
    assert.ok(main >= 0 && ros > main, lines.join('\n'));
    assert.match(lines[main + 1] ?? '', new RegExp(`^   3:16  HIGH      hardcoded-access-key {10}  AccessKey ${MASKED_SECRET} is written in the template\\.  \\(provider\\.alicloud\\)$`));
    assert.match(lines[main + 2] ?? '', /^ {2}12:13 {2}CRITICAL {2}sg-ingress-open-sensitive-port {2}Ingress from 0\.0\.0\.0\/0 .* {2}\(alicloud_security_group_rule\.web<&"'>\)$/);
    assert.match(lines[ros + 1] ?? '', /^ {3}7:7 {2}MEDIUM {4}oss-bucket-public-read/);
  });

  it('marks suppressed findings with who suppressed them and why', () => {
    const out = formatText(sampleReport(), { language: 'en', color: false });
    const line = out.split('\n').find((l) => l.includes('actiontrail-disabled'));
    assert.ok(line?.endsWith('  [suppressed by rlens:ignore actiontrail-disabled: 测试账号 <sandbox> & "temp"]'), line);
  });

  it('lists files that could not be scanned, without letting control characters reach the terminal', () => {
    const out = formatText(sampleReport(), { language: 'en', color: false });
    assert.ok(out.includes('Files that could not be scanned:\n  broken.tf  Unexpected "}" at line 4\\u{7}\n'), out);
    assert.ok(!out.includes('\u0007'));
  });

  it('ends with one summary line per severity (suppressed counted apart) and the totals', () => {
    const out = formatText(sampleReport(), { language: 'en', color: false });
    const summary = out.slice(out.indexOf('Summary:')).split('\n');
    assert.deepStrictEqual(summary, [
      'Summary:',
      '  Critical: 1',
      '  High: 1',
      '  Medium: 1',
      '  Low: 0 (1 suppressed)',
      '3 finding(s), 1 suppressed, 1 error(s) in 3 file(s) scanned.',
      '',
    ]);
  });

  it('speaks Chinese when asked, with columns aligned by display width', () => {
    const out = formatText(sampleReport(), { language: 'zh-cn', color: false });
    assert.ok(out.includes('模板中写入了 AccessKey LTAI…Yw。'));
    assert.ok(out.includes('无法扫描的文件：\n  broken.tf  第 4 行出现意外的 "}"\\u{7}'));
    assert.ok(out.includes('汇总：\n  严重：1\n  高危：1\n  中危：1\n  低危：0（另有 1 条已抑制）\n共扫描 3 个文件：3 个问题，1 个已抑制，1 个错误。\n'), out);
    assert.ok(out.includes('[已由 rlens:ignore actiontrail-disabled 抑制：测试账号 <sandbox> & "temp"]'));
    for (const group of out.split('\n\n').slice(0, 2)) {
      const rows = group.split('\n').slice(1);
      assert.strictEqual(rows.length, 2, group);
      const ruleColumns = rows.map((l) => displayWidth(l.slice(0, l.search(/[a-z]/))));
      assert.strictEqual(new Set(ruleColumns).size, 1, group);
    }
    assert.strictEqual(displayWidth('严重a'), 5);
  });

  it('colours severities with ANSI codes only when asked, and dims suppressed findings', () => {
    const plain = formatText(sampleReport(), { language: 'en', color: false });
    assert.ok(!plain.includes('\u001b'));
    const coloured = formatText(sampleReport(), { language: 'en', color: true });
    assert.ok(coloured.includes(`${ESC}1;97;41mCRITICAL${ESC}0m`));
    assert.ok(coloured.includes(`${ESC}1;31mHIGH    ${ESC}0m`));
    assert.ok(coloured.includes(`${ESC}33mMEDIUM  ${ESC}0m`));
    const suppressed = coloured.split('\n').find((l) => l.includes('actiontrail-disabled'));
    assert.ok(suppressed?.startsWith(`${ESC}2m`) && suppressed.endsWith(`${ESC}0m`), suppressed);
    assert.strictEqual(suppressed?.split(ESC).length, 3, 'nothing inside the dimmed line resets it');
    assert.strictEqual(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
  });

  it('says so when there is nothing to report', () => {
    assert.strictEqual(formatText(sampleReport({ findings: [], errors: [] }), { language: 'en', color: false }), 'No findings in 3 file(s) scanned.\n');
    assert.strictEqual(formatText(sampleReport({ findings: [], errors: [] }), { language: 'zh-cn', color: true }), '已扫描 3 个文件，未发现问题。\n');
  });
});
