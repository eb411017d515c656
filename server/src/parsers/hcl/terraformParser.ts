import { Parser, Language, type Tree, type Edit } from 'web-tree-sitter';

/**
 * Owns the tree-sitter runtime and the Terraform grammar (both wasm). One instance serves every document;
 * reparsing with the previous tree makes an edit cost a fraction of a full parse.
 */
export class TerraformParser {
  private constructor(private readonly parser: Parser) {}

  static async load(paths: { treeSitterWasm: string; terraformWasm: string }): Promise<TerraformParser> {
    await Parser.init({ locateFile: () => paths.treeSitterWasm });
    const language = await Language.load(paths.terraformWasm);
    const parser = new Parser();
    parser.setLanguage(language);
    return new TerraformParser(parser);
  }

  /**
   * Parses `text`. With `previous` (the tree and text of the last parse of the same document) the old tree is
   * edited and reused. The caller owns the returned tree and must `delete()` it when replaced.
   */
  parse(text: string, previous?: { tree: Tree; text: string }): Tree {
    let oldTree: Tree | undefined;
    if (previous) {
      const edit = editBetween(previous.text, text);
      if (edit) {
        oldTree = previous.tree.copy();
        oldTree.edit(edit);
      } else {
        oldTree = previous.tree;
      }
    }
    const tree = this.parser.parse(text, oldTree ?? null);
    if (oldTree && oldTree !== previous?.tree) oldTree.delete();
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}

/**
 * The single edit that turns `before` into `after`: common prefix and suffix kept, the middle replaced.
 * Works whatever the editor sent (incremental or full sync) and costs one linear scan.
 */
export function editBetween(before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let oldEnd = before.length;
  let newEnd = after.length;
  while (oldEnd > start && newEnd > start && before.charCodeAt(oldEnd - 1) === after.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: pointAt(before, start),
    oldEndPosition: pointAt(before, oldEnd),
    newEndPosition: pointAt(after, newEnd),
  };
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
