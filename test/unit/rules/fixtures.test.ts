import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { sharedEngine } from '../../helpers/engine';

/**
 * Every rule has a folder test/fixtures/rules/<rule-id>/ with `positive.*` and `negative.*` files
 * (.tf, .tfvars, .ros.yaml, .ros.json). In a positive file each line where the rule must report carries a
 * comment `expect: <rule-id>` (where a comment cannot stand — JSON, a heredoc opener — the 1-based line numbers are
 * listed in a sibling `<file>.expect` instead);
 * the rule must report there and nowhere else. A negative file must give the rule no finding at all.
 */
const FIXTURES = path.resolve(__dirname, '../../fixtures/rules');

function expectedLines(file: string, text: string, ruleId: string): number[] {
  const sidecar = `${file}.expect`;
  if (fs.existsSync(sidecar)) {
    return fs.readFileSync(sidecar, 'utf8').split(/\s+/).filter(Boolean).map((n) => Number(n) - 1);
  }
  return text.split(/\r?\n/).flatMap((line, index) => (line.includes(`expect: ${ruleId}`) ? [index] : []));
}

describe('rule fixtures', () => {
  const ruleIds = fs.existsSync(FIXTURES) ? fs.readdirSync(FIXTURES).filter((d) => fs.statSync(path.join(FIXTURES, d)).isDirectory()) : [];

  it('every rule has positive and negative fixtures, and every fixture folder names a rule', async () => {
    const engine = await sharedEngine();
    const known = new Set(engine.rules.map((r) => r.id));
    for (const id of ruleIds) assert.ok(known.has(id), `fixtures for unknown rule ${id}`);
    for (const id of known) {
      const files = ruleIds.includes(id) ? fs.readdirSync(path.join(FIXTURES, id)) : [];
      assert.ok(files.some((f) => f.startsWith('positive')), `${id} has a positive fixture`);
      assert.ok(files.some((f) => f.startsWith('negative')), `${id} has a negative fixture`);
    }
  });

  for (const ruleId of ruleIds) {
    describe(ruleId, () => {
      for (const name of fs.readdirSync(path.join(FIXTURES, ruleId)).filter((f) => /^(positive|negative)/.test(f) && !f.endsWith('.expect'))) {
        it(name, async () => {
          const engine = await sharedEngine();
          const file = path.join(FIXTURES, ruleId, name);
          const text = fs.readFileSync(file, 'utf8');
          const analysis = engine.analyse(file, file, text, { mode: 'public-cloud' });
          engine.forget(file);
          assert.strictEqual(analysis.status, 'analysed', `${name} is analysed`);
          if (analysis.status !== 'analysed') return;
          assert.deepStrictEqual(analysis.document.problems.map((p) => p.message.en), [], `${name} parses cleanly`);
          const reported = analysis.findings.filter((f) => f.ruleId === ruleId && !f.suppressed).map((f) => f.range.start.line + 1);
          const expected = name.startsWith('negative') ? [] : expectedLines(file, text, ruleId).map((l) => l + 1);
          if (name.startsWith('positive')) assert.ok(expected.length > 0, `${name} marks at least one expected line`);
          assert.deepStrictEqual(reported, expected, `${ruleId} in ${name}: lines reported vs expected`);
        });
      }
    });
  }
});
