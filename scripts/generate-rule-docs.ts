// `npm run docs:rules`: writes docs/rules/<id>.md and docs/rules/README.md from the rules' metadata.
// `--check` only compares and exits 1 when a page is missing or out of date (used by the unit tests).
import * as fs from 'fs';
import * as path from 'path';
import { Engine } from '../server/src/engine';
import { ruleDoc, ruleIndex } from '../server/src/rules/docs';

export async function renderRuleDocs(): Promise<Map<string, string>> {
  const engine = await Engine.create();
  const resolver = engine.resolver('public-cloud');
  const pages = new Map<string, string>();
  for (const meta of engine.rules) {
    const row = resolver.row('iaas', meta.item) ?? resolver.row('paas', meta.item) ?? resolver.row('saas', meta.item);
    pages.set(`${meta.id}.md`, ruleDoc(meta, row));
  }
  pages.set('README.md', ruleIndex(engine.rules));
  return pages;
}

async function run(): Promise<void> {
  const dir = path.resolve(__dirname, '../docs/rules');
  const pages = await renderRuleDocs();
  const check = process.argv.includes('--check');
  const stale = [...pages].filter(([name, text]) => !fs.existsSync(path.join(dir, name)) || fs.readFileSync(path.join(dir, name), 'utf8') !== text).map(([name]) => name);
  const orphans = fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => name.endsWith('.md') && !pages.has(name)) : [];
  if (check) {
    if (stale.length + orphans.length > 0) {
      console.error(`docs/rules is out of date (${[...stale, ...orphans].join(', ')}); run npm run docs:rules`);
      process.exitCode = 1;
    }
    return;
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const name of orphans) fs.rmSync(path.join(dir, name));
  for (const [name, text] of pages) fs.writeFileSync(path.join(dir, name), text);
  console.log(`docs/rules: ${pages.size - 1} rule pages and the index (${stale.length} updated, ${orphans.length} removed)`);
}

if (require.main === module) void run();
