import * as assert from 'assert';
import { formatJson } from '../../../../server/src/cli/formatters/json';
import type { ReportedFinding } from '../../../../server/src/cli/report';
import { FINDINGS, MASKED_SECRET, RAW_SECRET, sampleReport } from './sample-report';

describe('formatJson', () => {
  it('writes DESIGN.md\'s Findings JSON: tool, findings, errors and nothing else', () => {
    const out = formatJson(sampleReport());
    assert.ok(out.endsWith('}\n'));
    assert.ok(out.includes('\n  "tool": {'), 'pretty-printed');
    const parsed = JSON.parse(out) as { tool: unknown; findings: ReportedFinding[]; errors: unknown[] };
    assert.deepStrictEqual(Object.keys(parsed), ['tool', 'findings', 'errors']);
    assert.deepStrictEqual(parsed.tool, { name: 'rlens', version: '0.1.0' });
    assert.deepStrictEqual(parsed.findings, JSON.parse(JSON.stringify(FINDINGS)));
    assert.deepStrictEqual(parsed.errors, [sampleReport().errors[0]]);
  });

  it('keeps suppressed and secret only where present, and the secret only as {masked}', () => {
    const carrying = { ...FINDINGS[0], secret: { masked: MASKED_SECRET, value: RAW_SECRET, hash: 'abc' } };
    const leaky: ReportedFinding = carrying;
    const parsed = JSON.parse(formatJson(sampleReport({ findings: [leaky, ...FINDINGS.slice(1)] }))) as { findings: Record<string, unknown>[] };
    assert.deepStrictEqual(parsed.findings[0]?.['secret'], { masked: MASKED_SECRET });
    assert.deepStrictEqual(parsed.findings.map((f) => 'secret' in f), [true, false, false, false]);
    assert.deepStrictEqual(parsed.findings.map((f) => 'suppressed' in f), [false, false, false, true]);
    assert.deepStrictEqual(parsed.findings[3]?.['suppressed'], FINDINGS[3]?.suppressed);
  });

  it('keeps Chinese text as it is (UTF-8, not \\u escapes) and lines and columns 1-based as given', () => {
    const out = formatJson(sampleReport());
    assert.ok(out.includes('"ros/存储.yaml"'));
    assert.ok(out.includes('模板中写入了 AccessKey'));
    const parsed = JSON.parse(out) as { findings: ReportedFinding[] };
    assert.deepStrictEqual(parsed.findings[0]?.range, { start: { line: 3, column: 16 }, end: { line: 3, column: 40 } });
  });

  it('writes an empty report', () => {
    const parsed = JSON.parse(formatJson(sampleReport({ findings: [], errors: [] }))) as { findings: unknown[]; errors: unknown[] };
    assert.deepStrictEqual(parsed.findings, []);
    assert.deepStrictEqual(parsed.errors, []);
  });
});
