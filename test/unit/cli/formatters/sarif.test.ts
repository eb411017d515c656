import * as assert from 'assert';
import { sarifValidator } from '../../../helpers/sarif';
import { formatSarif, pascalCase } from '../../../../server/src/cli/formatters/sarif';
import type { ReportedFinding } from '../../../../server/src/cli/report';
import { FINDINGS, RULES, sampleReport } from './sample-report';


interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string; markdown?: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Region }; logicalLocations?: { fullyQualifiedName: string }[] }[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: string; justification?: string }[];
  properties: { message: { zh: string; en: string }; responsibility: { id: string; item: { zh: string; en: string }; parties: Record<string, string> }; secret?: { masked: string } };
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string; precision: string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; informationUri?: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: { level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
    columnKind: string;
    language: string;
    results: SarifResult[];
  }[];
}

function sarif(findings: readonly ReportedFinding[] = FINDINGS, language: 'en' | 'zh-cn' = 'en'): SarifLog {
  return JSON.parse(formatSarif(sampleReport({ findings }), { language })) as SarifLog;
}

function run(log: SarifLog): SarifLog['runs'][number] {
  const first = log.runs[0];
  assert.ok(first, 'one run');
  return first;
}

describe('formatSarif', () => {
  const validate = sarifValidator();

  for (const language of ['en', 'zh-cn'] as const) {
    it(`is valid against the official SARIF 2.1.0 schema (${language})`, () => {
      const log = JSON.parse(formatSarif(sampleReport(), { language })) as unknown;
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    });
  }

  it('is valid with no findings and no errors', () => {
    const log = JSON.parse(formatSarif(sampleReport({ findings: [], errors: [] }), { language: 'en' })) as unknown;
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('the validator does reject a broken log (0-based column, unknown property, unencoded path)', () => {
    const log = sarif();
    const region = run(log).results[0]?.locations[0]?.physicalLocation.region;
    assert.ok(region);
    region.startColumn = 0;
    assert.ok(!validate(log));
    region.startColumn = 1;
    assert.ok(validate(log), JSON.stringify(validate.errors));
    (run(log) as unknown as Record<string, unknown>)['surprise'] = true;
    assert.ok(!validate(log));
    const unencoded = sarif();
    const location = run(unencoded).results[2]?.locations[0]?.physicalLocation.artifactLocation;
    assert.ok(location);
    location.uri = 'ros/存 储.yaml';
    assert.ok(!validate(unencoded));
  });

  it('declares one run of rlens with version, schema, UTF-16 columns and the message language', () => {
    const log = sarif();
    assert.strictEqual(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.strictEqual(log.version, '2.1.0');
    assert.strictEqual(log.runs.length, 1);
    const r = run(log);
    assert.strictEqual(r.tool.driver.name, 'rlens');
    assert.strictEqual(r.tool.driver.version, '0.1.0');
    assert.strictEqual(r.tool.driver.informationUri, undefined);
    assert.strictEqual(r.columnKind, 'utf16CodeUnits');
    assert.strictEqual(r.language, 'en-US');
    assert.strictEqual(run(sarif(FINDINGS, 'zh-cn')).language, 'zh-CN');
  });

  it('describes every rule: PascalCase name, descriptions, help in both languages, GitHub severity', () => {
    const rules = run(sarif()).tool.driver.rules;
    assert.deepStrictEqual(rules.map((r) => r.id), RULES.map((r) => r.id));
    const sg = rules[0];
    assert.ok(sg);
    assert.strictEqual(sg.name, 'SgIngressOpenSensitivePort');
    assert.strictEqual(sg.shortDescription.text, RULES[0]?.title.en);
    assert.strictEqual(sg.fullDescription.text, RULES[0]?.rationale.en);
    for (const help of [sg.help.text, sg.help.markdown]) {
      assert.ok(help.includes(RULES[0]?.remediation.en ?? '?') && help.includes(RULES[0]?.remediation.zh ?? '?'), help);
      assert.ok(help.indexOf('Remediation') < help.indexOf('修复'), 'chosen language first');
    }
    assert.ok(sg.help.markdown.includes('<https://www.alibabacloud.com/help/en/ecs/user-guide/overview-44>'));
    assert.deepStrictEqual(sg.properties.tags, ['security', 'network', 'network.security-group']);
    assert.deepStrictEqual(
      rules.map((r) => [r.properties['security-severity'], r.defaultConfiguration.level]),
      [['9.0', 'error'], ['7.0', 'error'], ['4.0', 'warning'], ['2.0', 'note']],
    );
    assert.ok(rules.every((r) => r.properties.precision === 'high' && !('helpUri' in r)));
    const zh = run(sarif(FINDINGS, 'zh-cn')).tool.driver.rules[0];
    assert.strictEqual(zh?.shortDescription.text, RULES[0]?.title.zh);
    assert.ok((zh?.help.text.indexOf('修复') ?? -1) < (zh?.help.text.indexOf('Remediation') ?? -1));
  });

  it('reports each finding against its rule, in the chosen language, at 1-based positions relative to %SRCROOT%', () => {
    const results = run(sarif()).results;
    const rules = run(sarif()).tool.driver.rules;
    assert.strictEqual(results.length, FINDINGS.length);
    results.forEach((result, i) => {
      const finding = FINDINGS[i];
      assert.ok(finding);
      assert.strictEqual(result.ruleId, finding.ruleId);
      assert.strictEqual(rules[result.ruleIndex]?.id, finding.ruleId);
      assert.strictEqual(result.message.text, finding.message.en);
      assert.strictEqual(result.message.markdown, undefined);
      assert.deepStrictEqual(result.properties.message, finding.message);
      assert.deepStrictEqual(result.properties.responsibility, finding.responsibility);
      assert.deepStrictEqual(result.locations[0]?.physicalLocation.region, {
        startLine: finding.range.start.line,
        startColumn: finding.range.start.column,
        endLine: finding.range.end.line,
        endColumn: finding.range.end.column,
      });
      assert.strictEqual(result.locations[0]?.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    });
    assert.deepStrictEqual(results.map((r) => r.level), ['error', 'error', 'warning', 'note']);
    assert.strictEqual(results[2]?.locations[0]?.physicalLocation.artifactLocation.uri, 'ros/%E5%AD%98%E5%82%A8.yaml');
    assert.strictEqual(results[1]?.locations[0]?.logicalLocations?.[0]?.fullyQualifiedName, `alicloud_security_group_rule.web<&"'>`);
    assert.strictEqual(run(sarif(FINDINGS, 'zh-cn')).results[2]?.message.text, FINDINGS[2]?.message.zh);
  });

  it('marks the suppressed finding as suppressed in source, with its reason', () => {
    const results = run(sarif()).results;
    assert.deepStrictEqual(results.map((r) => r.suppressions?.length ?? 0), [0, 0, 0, 1]);
    assert.strictEqual(results[3]?.suppressions?.[0]?.kind, 'inSource');
    assert.strictEqual(results[3]?.suppressions?.[0]?.justification, FINDINGS[3]?.suppressed?.reason);
  });

  it('fingerprints are stable, distinct, and survive the finding moving to another line', () => {
    const first = run(sarif()).results.map((r) => r.partialFingerprints['rlens/v1']);
    const again = run(sarif()).results.map((r) => r.partialFingerprints['rlens/v1']);
    assert.deepStrictEqual(first, again);
    assert.ok(first.every((f) => typeof f === 'string' && /^[0-9a-f]{64}$/.test(f)));
    assert.strictEqual(new Set(first).size, first.length);
    const moved = FINDINGS.map((f) => ({ ...f, range: { start: { line: f.range.start.line + 5, column: 1 }, end: { line: f.range.end.line + 5, column: 9 } } }));
    assert.deepStrictEqual(run(sarif(moved)).results.map((r) => r.partialFingerprints['rlens/v1']), first);
  });

  it('lists each scan error as a tool execution notification with its file', () => {
    const invocation = run(sarif()).invocations[0];
    assert.ok(invocation);
    assert.strictEqual(invocation.executionSuccessful, true);
    assert.strictEqual(invocation.toolExecutionNotifications.length, 1);
    const note = invocation.toolExecutionNotifications[0];
    assert.strictEqual(note?.level, 'error');
    assert.strictEqual(note?.message.text, sampleReport().errors[0]?.message.en);
    assert.strictEqual(note?.locations[0]?.physicalLocation.artifactLocation.uri, 'broken.tf');
  });

  it('names rules in PascalCase from their ids', () => {
    assert.strictEqual(pascalCase('hardcoded-access-key'), 'HardcodedAccessKey');
    assert.strictEqual(pascalCase('oss_bucket.public-read'), 'OssBucketPublicRead');
  });
});
