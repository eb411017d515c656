import * as assert from 'assert';
import { formatText } from '../../../../server/src/cli/formatters/text';
import type { ReportedFinding } from '../../../../server/src/cli/report';
import { displayWidth, wrap } from '../../../../server/src/cli/terminal';
import { FINDINGS, MASKED_SECRET, sampleReport } from './sample-report';

const ESC = '\u001b[';

/** The finding lines: everything before the blank line that opens the summary. */
function findingLines(out: string): string[] {
  return out.slice(0, out.indexOf('\n\n')).split('\n');
}

describe('formatText', () => {
  it('writes one clickable line per finding: path:line:col: severity rule [party] message (resource), in file order', () => {
    const lines = findingLines(formatText(sampleReport(), { language: 'en', color: false }));
    assert.deepStrictEqual(lines.slice(0, 3), [
      `infra/main.tf:3:16: high hardcoded-access-key [Customer] AccessKey ${MASKED_SECRET} is written in the template. (provider.alicloud)`,
      `infra/main.tf:12:13: critical sg-ingress-open-sensitive-port [Customer] Ingress from 0.0.0.0/0 reaches an administration or database port. (alicloud_security_group_rule.web<&"'>)`,
      'ros/存储.yaml:7:7: medium oss-bucket-public-read [Customer] Bucket ACL public-read lets anyone read the objects. (ALIYUN::OSS::Bucket.Logs)',
    ]);
    for (const line of lines.slice(0, 4)) assert.match(line, /^[^\s:]+:\d+:\d+: (critical|high|medium|low) /, line);
  });

  it('names the party the report\'s responsibility field gives: shared, provider, negotiable', () => {
    const withParties = (parties: ReportedFinding['responsibility']['parties']): ReportedFinding => ({ ...(FINDINGS[0] as ReportedFinding), responsibility: { ...(FINDINGS[0] as ReportedFinding).responsibility, parties } });
    const line = (parties: ReportedFinding['responsibility']['parties'], language: 'en' | 'zh-cn' = 'en') =>
      formatText(sampleReport({ findings: [withParties(parties)], errors: [] }), { language, color: false }).split('\n')[0] ?? '';
    assert.match(line({ provider: 'yes', customer: 'yes', vendor: 'no' }), / \[Shared\] /);
    assert.match(line({ provider: 'yes', customer: 'no', vendor: 'no' }), / \[Provider\] /);
    assert.match(line({ provider: 'negotiable', customer: 'negotiable', vendor: 'no' }), / \[Negotiable\] /);
    assert.match(line({ provider: 'yes', customer: 'yes', vendor: 'no' }, 'zh-cn'), /: 高危 hardcoded-access-key \[共担\] /);
    // A setting-level party and label, when the report carries them, win over the row's duties.
    const settingLevel = { ...(FINDINGS[0] as ReportedFinding), responsibility: { ...(FINDINGS[0] as ReportedFinding).responsibility, party: 'provider', label: { en: 'Provider (contract)', zh: '云商（合同）' } } };
    const out = formatText(sampleReport({ findings: [settingLevel], errors: [] }), { language: 'en', color: false });
    assert.match(out, /: high hardcoded-access-key \[Provider \(contract\)\] /);
    assert.match(out, /By party: Provider 1/);
  });

  it('marks suppressed findings with who suppressed them and why', () => {
    const out = formatText(sampleReport(), { language: 'en', color: false });
    const line = out.split('\n').find((l) => l.includes('actiontrail-disabled'));
    assert.ok(line?.startsWith('ros/存储.yaml:20:5: low actiontrail-disabled [Customer] '), line);
    assert.ok(line?.endsWith(' [suppressed by rlens:ignore actiontrail-disabled: 测试账号 <sandbox> & "temp"]'), line);
  });

  it('lists files that could not be scanned as path: error: message, without letting control characters reach the terminal', () => {
    const out = formatText(sampleReport(), { language: 'en', color: false });
    assert.ok(out.includes('\nbroken.tf: error: Unexpected "}" at line 4\\u{7}\n'), out);
    assert.ok(!out.includes('\u0007'));
  });

  it('makes every string from a file inert: escape sequences, newlines and bidi overrides in paths, ids, names and messages', () => {
    const hostile = '\u001b]52;c;ZXZpbA==\u0007\u001b[2J\r\nX\u202e\u0085';
    const finding: ReportedFinding = {
      ...(FINDINGS[1] as ReportedFinding),
      ruleId: `custom-${hostile}`,
      file: `evil${hostile}.tf`,
      message: { en: `msg${hostile}`, zh: `消息${hostile}` },
      resource: { type: 'alicloud_instance', name: `n${hostile}` },
      suppressed: { by: `rlens:ignore ${hostile}`, reason: hostile },
    };
    for (const language of ['en', 'zh-cn'] as const) {
      const out = formatText(sampleReport({ findings: [finding], errors: [{ file: hostile, message: { en: hostile, zh: hostile } }] }), { language, color: false });
      assert.ok(!/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/.test(out), JSON.stringify(out));
      const lines = out.split('\n');
      assert.match(lines[0] ?? '', /^evil\\u\{1B\}\]52;c;ZXZpbA==\\u\{7\}\\u\{1B\}\[2J\\u\{D\}\\u\{A\}X\\u\{202E\}\\u\{85\}\.tf:12:13: /);
      assert.strictEqual(lines.filter((l) => l.startsWith('evil')).length, 1, 'one line for the finding, however many newlines its strings hold');
    }
  });

  it('wraps to the terminal width, keeping path:line:col: whole on the first line; does not wrap without a width', () => {
    const report = sampleReport();
    const unwrapped = formatText(report, { language: 'en', color: false });
    assert.ok(unwrapped.split('\n').some((l) => l.length > 100), 'the sample has long lines');
    const out = formatText(report, { language: 'en', color: false, width: 60 });
    for (const line of out.split('\n')) assert.ok(displayWidth(line) <= 60, `${displayWidth(line)}: ${line}`);
    assert.ok(out.includes('\ninfra/main.tf:12:13: critical sg-ingress-open-sensitive-port\n    [Customer] Ingress'), out);
    assert.strictEqual(out.replace(/\n {4}/g, ' '), unwrapped, 'only line breaks and indents were added');
    const zh = formatText(report, { language: 'zh-cn', color: false, width: 40 });
    for (const line of zh.split('\n')) assert.ok(displayWidth(line) <= 40, `${displayWidth(line)}: ${line}`);
  });

  it('wrap() breaks between CJK characters, cuts a word longer than the line, never cuts the kept head', () => {
    assert.deepStrictEqual(wrap('一二三四五六七八九十一二', 12, '  '), ['一二三四五六', '  七八九十一', '  二']);
    assert.deepStrictEqual(wrap('abcdefghijklmnopqrstuvwxyz0123', 12, ''), ['abcdefghijkl', 'mnopqrstuvwx', 'yz0123']);
    assert.deepStrictEqual(wrap('a/very/long/path.tf:1:1: x', 10, '  ', 'a/very/long/path.tf:1:1:'.length), ['a/very/long/path.tf:1:1:', '  x']);
    assert.deepStrictEqual(wrap('short', 0), ['short']);
  });

  it('ends with one summary line per severity (suppressed counted apart), the counts per party and the totals', () => {
    const out = formatText(sampleReport(), { language: 'en', color: false });
    const summary = out.slice(out.indexOf('Summary:')).split('\n');
    assert.deepStrictEqual(summary, [
      'Summary:',
      '  Critical: 1',
      '  High: 1',
      '  Medium: 1',
      '  Low: 0 (1 suppressed)',
      '  By party: Customer 3',
      '3 finding(s), 1 suppressed, 1 error(s) in 3 file(s) scanned.',
      '',
    ]);
  });

  it('speaks Chinese when asked', () => {
    const out = formatText(sampleReport(), { language: 'zh-cn', color: false });
    assert.ok(out.includes('infra/main.tf:3:16: 高危 hardcoded-access-key [客户] 模板中写入了 AccessKey LTAI…Yw。'), out);
    assert.ok(out.includes('\nbroken.tf: 错误: 第 4 行出现意外的 "}"\\u{7}\n'), out);
    assert.ok(out.includes('汇总：\n  严重：1\n  高危：1\n  中危：1\n  低危：0（另有 1 条已抑制）\n  按责任方：客户 3\n共扫描 3 个文件：3 个问题，1 个已抑制，1 个错误。\n'), out);
    assert.ok(out.includes('[已由 rlens:ignore actiontrail-disabled 抑制：测试账号 <sandbox> & "temp"]'));
  });

  it('colours severities with ANSI codes only when asked, and dims suppressed findings', () => {
    const plain = formatText(sampleReport(), { language: 'en', color: false });
    assert.ok(!plain.includes('\u001b'));
    const coloured = formatText(sampleReport(), { language: 'en', color: true });
    assert.ok(coloured.includes(`infra/main.tf:12:13: ${ESC}1;97;41mcritical${ESC}0m sg-ingress`));
    assert.ok(coloured.includes(`${ESC}1;31mhigh${ESC}0m`));
    assert.ok(coloured.includes(`${ESC}33mmedium${ESC}0m`));
    const suppressed = coloured.split('\n').find((l) => l.includes('actiontrail-disabled'));
    assert.ok(suppressed?.startsWith(`${ESC}2m`) && suppressed.endsWith(`${ESC}0m`), suppressed);
    assert.strictEqual(suppressed?.split(ESC).length, 3, 'nothing inside the dimmed line resets it');
    assert.strictEqual(coloured.replace(/\u001b\[[0-9;]*m/g, ''), plain);
    const wrapped = formatText(sampleReport(), { language: 'en', color: true, width: 50 });
    assert.strictEqual(wrapped.replace(/\u001b\[[0-9;]*m/g, ''), formatText(sampleReport(), { language: 'en', color: false, width: 50 }));
  });

  it('says so when there is nothing to report', () => {
    assert.strictEqual(formatText(sampleReport({ findings: [], errors: [] }), { language: 'en', color: false }), 'No findings in 3 file(s) scanned.\n');
    assert.strictEqual(formatText(sampleReport({ findings: [], errors: [] }), { language: 'zh-cn', color: true }), '已扫描 3 个文件，未发现问题。\n');
  });

  it('says how many findings a file had beyond the limit, and how many --min-severity hid', () => {
    const out = formatText(sampleReport({ truncated: [{ file: 'big.tf', listed: 1000, omitted: 79000 }], hidden: { below: 'medium', count: 4 } }), { language: 'en', color: false });
    assert.ok(out.includes('\nbig.tf: note: 79000 more finding(s) in this file not listed: at most 1000 per file (--max-findings-per-file)\n'), out);
    assert.ok(out.includes('\n4 finding(s) below medium not shown (--min-severity)'), out);
    const zh = formatText(sampleReport({ truncated: [{ file: 'big.tf', listed: 1000, omitted: 79000 }] }), { language: 'zh-cn', color: false });
    assert.ok(zh.includes('big.tf: 提示: 此文件另有 79000 个问题未列出：每个文件最多列出 1000 个'), zh);
  });
});
