import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileScanner } from '../../../server/src/cli/scan';
import { ModuleIndex } from '../../../server/src/documents/moduleIndex';
import { Engine } from '../../../server/src/engine';
import { moduleLookupStats } from '../../../server/src/model/moduleLookup';
import type { IacDocument } from '../../../server/src/model/types';

/**
 * Issue 13, "linear in files per folder": each file of a Terraform module is analysed against the other files,
 * and that must not cost each file work in proportion to the folder. The work is counted, not timed: how often
 * the other files' models are looked at while every file of a 50-file folder is scanned once.
 */
describe('module folder scan work', () => {
  const FILES = 50;
  let dir: string;

  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-scaling-')));
    for (let i = 0; i < FILES; i++) {
      // Each file uses a variable, so every file looks its value up in the module.
      const text = `resource "alicloud_oss_bucket" "b${i}" {\n  bucket = var.name_${i}\n  acl    = "private"\n}\nvariable "name_${i}" {\n  default = "bucket-${i}"\n}\n`;
      fs.writeFileSync(path.join(dir, `f${String(i).padStart(3, '0')}.tf`), text);
    }
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('looks at each neighbour a constant number of times per folder, not once per file of it', async () => {
    const engine = await Engine.create();
    let reads = 0;
    const parseTerraform = engine.parseTerraform.bind(engine);
    // The module's files as the scanner sees them: every read of a model's fields is one unit of work.
    engine.parseTerraform = (text, kind) => {
      const document = parseTerraform(text, kind);
      return new Proxy(document, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }) as IacDocument;
    };
    const scanner = new FileScanner(engine, { mode: 'public-cloud', cwd: dir, roots: [dir] });
    const builtBefore = moduleLookupStats.built;
    const files = fs.readdirSync(dir).sort();
    let resolved = 0;
    for (const name of files) {
      const result = scanner.scan(path.join(dir, name));
      assert.deepStrictEqual(result.errors, []);
      resolved += result.findings.length > 0 ? 1 : 0;
    }
    assert.strictEqual(resolved, FILES, 'every bucket is reported (its variable looked up in the module)');
    // One lookup for the folder, plus one when the first file (left out of the first, unparsed) is added.
    assert.ok(moduleLookupStats.built - builtBefore <= 2, `module-wide lookups built: ${moduleLookupStats.built - builtBefore}`);
    // Per neighbour a few reads per lookup built (format, resources), not a few per file scanned: 50 × 49 before.
    assert.ok(reads <= 10 * FILES, `reads of the neighbours' models: ${reads} for ${FILES} files`);
  });

  it('builds the lookup once per folder version, and again when a neighbour is edited in the editor', async () => {
    const engine = await Engine.create();
    const main = path.join(dir, 'f000.tf');
    const other = path.join(dir, 'f001.tf');
    let open = { text: 'variable "name_1" {\n  default = "first"\n}\n', version: 1 };
    const index = new ModuleIndex((text, kind) => engine.parseTerraform(text, kind), (file) => (file === other ? open : undefined));
    const valueOf = (view: ReturnType<ModuleIndex['module']>) => {
      const setting = view.last('variables', 'name_1')?.settings[0];
      return setting?.value.kind === 'literal' ? setting.value.value : undefined;
    };
    const built = moduleLookupStats.built;
    assert.strictEqual(valueOf(index.module(main)), 'first');
    assert.strictEqual(valueOf(index.module(main)), 'first');
    assert.strictEqual(moduleLookupStats.built - built, 1, 'the same folder version is looked up without building again');
    open = { text: 'variable "name_1" {\n  default = "second"\n}\n', version: 2 };
    assert.strictEqual(valueOf(index.module(main)), 'second', 'an edit of a neighbour is seen');
    assert.strictEqual(index.module(other).last('variables', 'name_1'), undefined, 'a file does not see its own declarations as a neighbour');
  });
});
