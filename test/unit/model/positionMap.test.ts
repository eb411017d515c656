import * as assert from 'assert';
import { blockScalarMap, jsonStringMap, type PositionMap } from '../../../server/src/model/positionMap';
import type { Position, Range } from '../../../server/src/model/types';
import { entryOf, type DataNode } from '../../../server/src/parsers/dataTree';
import { parseJson } from '../../../server/src/parsers/json/jsonParser';
import { parseYaml } from '../../../server/src/parsers/yaml/yamlParser';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { applyEdits } from '../../helpers/applyEdits';
import { carets } from '../../helpers/caret';

/**
 * `|` marks positions (test/helpers/caret.ts), so YAML block indicators are written `¦` in the marked text and
 * restored afterwards: the same length, so the marked positions stay right.
 */
function marked(text: string): { text: string; positions: Position[] } {
  const result = carets(text);
  return { text: result.text.replace(/¦/g, '|'), positions: result.positions };
}

/** The node at a dotted path of plain keys (`Workspace/main.tf`). */
function nodeAt(root: DataNode | null, path: string): DataNode {
  let node: DataNode | null | undefined = root;
  for (const key of path.split('/')) node = entryOf(node, key)?.value;
  assert.ok(node, `no node at ${path}`);
  return node;
}

function yamlMap(text: string, path = 'Workspace/main.tf'): PositionMap {
  const map = blockScalarMap(text, nodeAt(parseYaml(text).root, path));
  assert.ok(map, 'the block scalar should be mapped');
  return map;
}

function jsonMap(text: string, path = 'Workspace/main.tf'): PositionMap {
  const node = nodeAt(parseJson(text).root, path);
  const map = jsonStringMap(text, node.start, node.end);
  assert.ok(map, 'the JSON string should be mapped');
  return map;
}

/** Where `needle` starts in the embedded text. */
function innerPosition(map: PositionMap, needle: string): Position {
  const offset = map.text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in the embedded text`);
  return new LineIndex(map.text).positionAt(offset);
}

/** Applies one edit to the embedded text and the same edit, mapped and escaped, to the outer text. */
function editBoth(outer: string, map: PositionMap, range: Range, newText: string): { inner: string; outer: string } {
  const escaped = map.escapeForOuter(newText);
  assert.ok(escaped !== undefined);
  return {
    inner: applyEdits(map.text, [{ range, newText }]),
    outer: applyEdits(outer, [{ range: map.toOuterRange(range), newText: escaped }]),
  };
}

describe('position maps: YAML block scalars', () => {
  it('maps a setting after Chinese text to its line and UTF-16 column in the template', () => {
    const { text, positions } = marked(
      [
        "ROSTemplateFormatVersion: '2015-09-01'",
        'Description: 中文描述，含 emoji 😀',
        'Transform: Aliyun::Terraform-v1.2',
        'Workspace:',
        '  main.tf: ¦',
        '    # 安全组规则：允许 SSH',
        '    resource "alicloud_security_group_rule" "ssh" {',
        '      description = "允许😀" |cidr_ip = "|0.0.0.0/0"',
        '    }',
        '',
      ].join('\n'),
    );
    const map = yamlMap(text);
    assert.strictEqual(map.text.split('\n')[0], '# 安全组规则：允许 SSH');
    assert.deepStrictEqual(map.toOuter(innerPosition(map, 'cidr_ip')), positions[0]);
    assert.deepStrictEqual(map.toOuter(innerPosition(map, '0.0.0.0/0')), positions[1]);
    assert.deepStrictEqual(positions[1], { line: 7, character: 38 });
  });

  it('handles |- and an explicit indentation indicator, blank lines inside the block and a comment on the header', () => {
    const { text, positions } = marked(
      [
        'Workspace:',
        '  main.tf: ¦2-  # 注释',
        '      # more indented than the indicator says: the extra spaces are content',
        '',
        '     |cidr_ip = "|0.0.0.0/0"',
        '  other.txt: x',
      ].join('\n'),
    );
    const map = yamlMap(text);
    assert.strictEqual(map.text, '  # more indented than the indicator says: the extra spaces are content\n\n cidr_ip = "0.0.0.0/0"');
    assert.deepStrictEqual(map.toOuter(innerPosition(map, 'cidr_ip')), positions[0]);
    assert.deepStrictEqual(map.toOuter(innerPosition(map, '0.0.0.0')), positions[1]);
    // A position on the blank line never points past that outer line's end.
    assert.deepStrictEqual(map.toOuter({ line: 1, character: 0 }), { line: 3, character: 0 });
  });

  it('maps a block under a sequence item and with Windows line endings', () => {
    const { text, positions } = marked(['Files:', '  - main.tf: ¦+', '      a = 1', '      |b = "中"', '', 'Next: 1', ''].join('\r\n'));
    const root = parseYaml(text).root;
    const files = entryOf(root, 'Files')?.value;
    const item = files?.kind === 'seq' ? files.items[0] : undefined;
    const node = entryOf(item, 'main.tf')?.value;
    assert.ok(node);
    const map = blockScalarMap(text, node);
    assert.ok(map);
    assert.deepStrictEqual(map.toOuter(innerPosition(map, 'b =')), positions[0]);
    assert.strictEqual(map.escapeForOuter('x\ny'), 'x\r\n      y');
  });

  it('maps the end of a clipped block to the start of the next line', () => {
    const text = 'Workspace:\n  main.tf: |\n    a = 1\nNext: 1\n';
    const map = yamlMap(text);
    assert.strictEqual(map.text, 'a = 1\n');
    assert.deepStrictEqual(map.toOuter({ line: 1, character: 0 }), { line: 3, character: 0 });
    assert.deepStrictEqual(map.toOuter({ line: 0, character: 5 }), { line: 2, character: 9 });
  });

  it('does not map folded blocks, plain or quoted scalars', () => {
    for (const value of ['>\n    a = 1\n', '"a = 1"\n', 'a = 1\n', "'a = 1'\n"]) {
      const text = `Workspace:\n  main.tf: ${value}`;
      assert.strictEqual(blockScalarMap(text, nodeAt(parseYaml(text).root, 'Workspace/main.tf')), undefined, value);
    }
  });

  it('round-trips an inserted multi-line text through escapeForOuter', () => {
    const text = 'Workspace:\n  main.tf: |\n    resource "a" "b" {\n      x = 1\n    }\nNext: 1\n';
    const map = yamlMap(text);
    const at = innerPosition(map, 'x = 1');
    const inserted = 'y = "中文 \'q\' # not a comment"\n  z = 2\n';
    const { inner, outer } = editBoth(text, map, { start: at, end: at }, inserted);
    const node = nodeAt(parseYaml(outer).root, 'Workspace/main.tf');
    assert.strictEqual(node.kind === 'scalar' ? node.value : undefined, inner);
    assert.strictEqual(map.escapeForOuter('bad\u0000'), undefined);
  });
});

describe('position maps: JSON strings', () => {
  // The JSON source: `\n` line breaks, `\"` quotes, `\u4e2d` (中), a raw emoji and an escaped one before the setting.
  const source = String.raw`{"Workspace": {"main.tf": "# \u4e2d\u6587 😀\nresource \"a\" \"b\" {\n  name = \"\ud83d\ude00\\x\/y\" |cidr_ip = |\"|0.0.0.0/0\"\n}\n|"}}`;

  it('maps content offsets to source offsets across every kind of escape', () => {
    const { text, positions } = carets(source);
    const map = jsonMap(text);
    assert.strictEqual(map.text, '# 中文 😀\nresource "a" "b" {\n  name = "😀\\x/y" cidr_ip = "0.0.0.0/0"\n}\n');
    assert.deepStrictEqual(map.toOuter(innerPosition(map, 'cidr_ip')), positions[0]);
    assert.deepStrictEqual(map.toOuter(innerPosition(map, '"0.0.0.0/0"')), positions[1]);
    assert.deepStrictEqual(map.toOuter(innerPosition(map, '0.0.0.0/0')), positions[2]);
    // The end of the content is just before the closing quote.
    assert.deepStrictEqual(map.toOuter(new LineIndex(map.text).positionAt(map.text.length)), positions[3]);
    const value = innerPosition(map, '"0.0.0.0/0"');
    const range = map.toOuterRange({ start: value, end: { line: value.line, character: value.character + 11 } });
    const lines = new LineIndex(text);
    assert.strictEqual(text.slice(lines.offsetAt(range.start), lines.offsetAt(range.end)), String.raw`\"0.0.0.0/0\"`);
  });

  it('maps each half of an escaped surrogate pair to its own escape', () => {
    const { text, positions } = carets(String.raw`{"Workspace": {"main.tf": "|\ud83d|\ude00|"}}`);
    const map = jsonMap(text);
    assert.strictEqual(map.text, '😀');
    for (let i = 0; i <= 2; i++) assert.deepStrictEqual(map.toOuter({ line: 0, character: i }), positions[i]);
  });

  it('round-trips an inserted text through escapeForOuter', () => {
    const text = carets(source).text;
    const map = jsonMap(text);
    const value = innerPosition(map, '"0.0.0.0/0"');
    const range = { start: value, end: { line: value.line, character: value.character + 11 } };
    const { inner, outer } = editBoth(text, map, range, '"10.0.0.0/8" # 办公网 \\ \t 😀\nx = 1');
    const node = nodeAt(parseJson(outer).root, 'Workspace/main.tf');
    assert.strictEqual(node.kind === 'scalar' ? node.value : undefined, inner);
  });

  it('rejects what is not a string literal or holds a broken escape', () => {
    assert.strictEqual(jsonStringMap('{"a": 1}', 6, 7), undefined);
    assert.strictEqual(jsonStringMap(String.raw`"\x"`, 0, 4), undefined);
  });
});
