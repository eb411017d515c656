import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ModuleIndex } from '../../../server/src/documents/moduleIndex';
import type { IacDocument } from '../../../server/src/model/types';

describe('module index', () => {
  it('parses a closed sibling once while its neighbour is edited, and again when it changes on disk', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-index-'));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'a = 1\n');
    fs.writeFileSync(path.join(dir, 'network.tf'), 'b = 2\n');
    const parsed: string[] = [];
    const index = new ModuleIndex((text): IacDocument => {
      parsed.push(text);
      return { format: 'terraform', resources: [], problems: [] };
    });
    const main = path.join(dir, 'main.tf');
    for (let keystroke = 0; keystroke < 5; keystroke++) {
      index.touch(dir);
      assert.strictEqual(index.siblings(main).length, 1);
    }
    assert.deepStrictEqual(parsed, ['b = 2\n'], 'one parse for five edits of main.tf');
    fs.writeFileSync(path.join(dir, 'network.tf'), 'b = 3 # changed, longer\n');
    index.siblings(main);
    assert.deepStrictEqual(parsed, ['b = 2\n', 'b = 3 # changed, longer\n']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('module index on hostile neighbours', () => {
  const parse = (text: string): IacDocument => ({ format: 'terraform', resources: [{ kind: 'locals', type: 'locals', name: text.trim() } as unknown as IacDocument['resources'][number]], problems: [] });
  const names = (index: ModuleIndex, file: string) => index.siblings(file).map((m) => path.basename(m.file));

  it('reads no neighbour symlinked outside the roots, and reads one symlinked inside them', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-index-')));
    const module = path.join(dir, 'module');
    fs.mkdirSync(module);
    fs.mkdirSync(path.join(dir, 'outside'));
    fs.writeFileSync(path.join(dir, 'outside', 'values.tfvars'), 'x = 1\n');
    fs.writeFileSync(path.join(module, 'main.tf'), 'a = 1\n');
    fs.writeFileSync(path.join(module, 'real.tf'), 'b = 1\n');
    fs.symlinkSync(path.join('..', 'outside', 'values.tfvars'), path.join(module, 'terraform.tfvars'));
    fs.symlinkSync('real.tf', path.join(module, 'alias.tf'));
    const confined = new ModuleIndex(parse, undefined, { roots: () => [module] });
    assert.deepStrictEqual(names(confined, path.join(module, 'main.tf')), ['alias.tf', 'real.tf']);
    const noRoots = new ModuleIndex(parse);
    assert.deepStrictEqual(names(noRoots, path.join(module, 'main.tf')), ['alias.tf', 'real.tf'], 'without roots, the module folder');
    const wide = new ModuleIndex(parse, undefined, { roots: () => [dir] });
    assert.deepStrictEqual(names(wide, path.join(module, 'main.tf')), ['alias.tf', 'real.tf', 'terraform.tfvars'], 'inside wider roots it is read');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  (process.platform !== 'win32' ? it : it.skip)('never opens a FIFO or a device named *.tf', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-index-')));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'a = 1\n');
    fs.writeFileSync(path.join(dir, 'other.tf'), 'b = 1\n');
    execFileSync('mkfifo', [path.join(dir, 'pipe.tf')]);
    fs.symlinkSync('/dev/null', path.join(dir, 'null.tf'));
    const index = new ModuleIndex(parse, undefined, { roots: () => ['/'] });
    assert.deepStrictEqual(names(index, path.join(dir, 'main.tf')), ['other.tf'], 'a FIFO blocks on open and a device is not a file');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves out a neighbour larger than the limit without reading it', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rlens-index-')));
    fs.writeFileSync(path.join(dir, 'main.tf'), 'a = 1\n');
    fs.writeFileSync(path.join(dir, 'big.tf'), 'b = 1\n'.repeat(1000));
    fs.writeFileSync(path.join(dir, 'small.tf'), 'c = 1\n');
    const parsed: string[] = [];
    const index = new ModuleIndex((text) => (parsed.push(text), parse(text)), undefined, { maxBytes: () => 1024 });
    assert.deepStrictEqual(names(index, path.join(dir, 'main.tf')), ['small.tf']);
    assert.deepStrictEqual(parsed, ['c = 1\n']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
