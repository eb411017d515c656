import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { renderRuleDocs } from '../../../scripts/generate-rule-docs';

describe('rule documentation', () => {
  it('docs/rules matches the rules\' metadata (run npm run docs:rules after changing a rule)', async function () {
    this.timeout(10_000);
    const dir = path.resolve(__dirname, '../../../docs/rules');
    const pages = await renderRuleDocs();
    for (const [name, text] of pages) {
      const file = path.join(dir, name);
      assert.ok(fs.existsSync(file), `docs/rules/${name} exists`);
      assert.ok(fs.readFileSync(file, 'utf8') === text, `docs/rules/${name} is up to date`);
    }
    const extra = fs.readdirSync(dir).filter((name) => !pages.has(name));
    assert.deepStrictEqual(extra, [], 'no page for a rule that no longer exists');
  });

  it('every page has both languages', async () => {
    for (const [name, text] of await renderRuleDocs()) {
      if (name === 'README.md') continue;
      assert.match(text, /## Why it matters/);
      assert.match(text, /## 为什么重要/);
    }
  });
});
