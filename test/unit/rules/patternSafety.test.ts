import * as assert from 'assert';
import { defaultAssetPaths } from '../../../server/src/assets';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import { unsafePatternReason } from '../../../server/src/rules/declarative/patternSafety';
import { readRuleFile } from '../../../server/src/rules/custom';
import * as path from 'path';
import { checkResource, type DeclarativeRule } from '../../../server/src/rules/declarative/rule';
import type { Resource } from '../../../server/src/model/types';

/** Runs declarative rules on one `alicloud_instance` whose `description` is the given value. */
class DeclarativeEngineProbe {
  constructor(private readonly rules: readonly DeclarativeRule[]) {}

  reports(description: string): boolean {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const resource: Resource = {
      kind: 'resource',
      type: 'alicloud_instance',
      name: 'web',
      range,
      headerRange: range,
      settings: [{ path: 'description', key: 'description', keyRange: range, value: { kind: 'literal', value: description }, valueRange: range }],
    };
    return this.rules.some((rule) => checkResource(rule, resource, false).length > 0);
  }
}

describe('rule pattern safety', () => {
  it('refuses nested quantifiers that backtrack exponentially', () => {
    for (const pattern of ['(a+)+$', '(\\w*)*x', '(a|aa){2,}', '(tcp|udp)+', '((ab)*)+', '(x+x+)+y', '(?:[a-z]+\\.)+com$'.replace('\\.', '.')]) {
      assert.ok(unsafePatternReason(pattern), pattern);
    }
  });

  it('accepts ordinary patterns, including quantifiers inside classes, escapes and single groups', () => {
    for (const pattern of ['^0\\.0\\.0\\.0/0$', '(ab)+', '[(+*)]+', 'a+b*c?', '\\(a+\\)+', '^(tcp|udp)$', '(tcp|udp)', '(a){2}', 'x{1,3}', '(ab)?']) {
      assert.strictEqual(unsafePatternReason(pattern), undefined, pattern);
    }
  });

  it('every pattern of the built-in rules is safe (they load, on V8)', () => {
    const rules = loadKnowledge(defaultAssetPaths().matricesDir).rules;
    assert.ok(rules.length > 0 && rules.every((rule) => rule.patterns === 'javascript'));
  });

  const ruleFile = (pattern: string): string => `rules:
  - id: team-description
    family: network
    severity: low
    item: network.network-type
    title: { en: t, zh: t }
    message: { en: m, zh: m }
    rationale: { en: r, zh: r }
    remediation: { en: f, zh: f }
    references: []
    xref: { checkov: [], kics: [], infraguard: [], trivy: [] }
    terraform:
      - types: [alicloud_instance]
        when: { path: description, matches: '${pattern}' }
`;
  const read = (pattern: string) => {
    const assets = defaultAssetPaths();
    return readRuleFile(ruleFile(pattern), '/w/.rlens/rules/team.yaml', loadKnowledge(assets.matricesDir), path.join(assets.matricesDir, 'schema'));
  };

  it('custom rules run on RE2: a pattern V8 would backtrack on for ever is accepted, and judged at once', () => {
    // Exponential in V8 (`(a+)+$`) and polynomial of degree 7 (`.*.*…x`): neither can be judged statically for all
    // cases, so custom rules do not use V8's engine at all. Under V8 this analysis would not end in a lifetime.
    for (const pattern of ['(a+)+$', '.*.*.*.*.*.*x']) {
      const result = read(pattern);
      assert.deepStrictEqual(result.problems, [], pattern);
      assert.strictEqual(result.rules[0]?.patterns, 're2');
      const engine = new DeclarativeEngineProbe(result.rules);
      assert.strictEqual(engine.reports(`${'a'.repeat(9_000)}!`), false, pattern);
      assert.strictEqual(engine.reports(pattern === '(a+)+$' ? 'xaaaa' : 'a b x'), true, pattern);
    }
  });

  it('a custom pattern RE2 cannot run (look-around, back-references) is refused, with the problem in the file', () => {
    for (const pattern of ['(?<=prod-)db', '(a)\\1']) {
      const result = read(pattern);
      assert.deepStrictEqual(result.rules, [], pattern);
      assert.ok(result.problems.some((p) => /invalid regular expression for RE2/.test(p.message) && /RE2 语法/.test(p.message) && p.range.start.line >= 12), result.problems.map((p) => p.message).join('\n'));
    }
  });
});
