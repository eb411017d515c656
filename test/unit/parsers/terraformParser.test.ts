import * as assert from 'assert';
import { editBetween } from '../../../server/src/parsers/hcl/terraformParser';
import { terraformParser } from '../../helpers/engine';

describe('TerraformParser', () => {
  it('reparses incrementally to the same tree as a fresh parse', async () => {
    const parser = await terraformParser();
    const before = 'resource "alicloud_security_group_rule" "ssh" {\n  type    = "ingress"\n  cidr_ip = "10.0.0.0/8"\n}\n';
    const after = before.replace('10.0.0.0/8', '0.0.0.0/0');
    const first = parser.parse(before);
    const incremental = parser.parse(after, { tree: first, text: before });
    const fresh = parser.parse(after);
    assert.strictEqual(incremental.rootNode.toString(), fresh.rootNode.toString());
    assert.strictEqual(incremental.rootNode.text, after);
    for (const tree of [first, incremental, fresh]) tree.delete();
  });

  it('keeps parsing after a syntax error', async () => {
    const parser = await terraformParser();
    const tree = parser.parse('resource "a" "b" {\n  broken = \n}\nresource "c" "d" {\n  ok = 1\n}\n');
    assert.ok(tree.rootNode.hasError);
    assert.ok(tree.rootNode.text.includes('ok = 1'));
    tree.delete();
  });
});

describe('editBetween', () => {
  it('describes the changed middle with UTF-16 positions', () => {
    const edit = editBetween('a = "中文"\nb = 1\n', 'a = "中文"\nb = 22\n');
    assert.deepStrictEqual(edit && { start: edit.startIndex, oldEnd: edit.oldEndIndex, newEnd: edit.newEndIndex, row: edit.startPosition.row, column: edit.startPosition.column }, {
      start: 13,
      oldEnd: 14,
      newEnd: 15,
      row: 1,
      column: 4,
    });
  });

  it('returns nothing for identical texts', () => {
    assert.strictEqual(editBetween('x', 'x'), undefined);
  });
});
