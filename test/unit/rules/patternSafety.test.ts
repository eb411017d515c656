import * as assert from 'assert';
import { defaultAssetPaths } from '../../../server/src/assets';
import { loadKnowledge } from '../../../server/src/matrices/loader';
import { unsafePatternReason } from '../../../server/src/rules/declarative/patternSafety';
import { readRuleFile } from '../../../server/src/rules/custom';
import * as path from 'path';

describe('custom-rule pattern safety', () => {
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

  it('every pattern of the built-in rules is safe (they load)', () => {
    assert.ok(loadKnowledge(defaultAssetPaths().matricesDir).rules.length > 0);
  });

  it('a custom rules file with such a pattern is refused, with the problem in that file', () => {
    const assets = defaultAssetPaths();
    const text = `rules:
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
        when: { path: description, matches: '(a+)+$' }
`;
    const result = readRuleFile(text, '/w/.rlens/rules/team.yaml', loadKnowledge(assets.matricesDir), path.join(assets.matricesDir, 'schema'));
    assert.deepStrictEqual(result.rules, []);
    assert.ok(result.problems.some((p) => /unsafe regular expression/.test(p.message) && p.range.start.line >= 12), result.problems.map((p) => p.message).join('\n'));
  });
});
