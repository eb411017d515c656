import * as assert from 'assert';
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
