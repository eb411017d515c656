import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { parseDocument } from 'yaml';
import type { SourceKind } from '../../server/src/documents/analyzer';
import type { Engine } from '../../server/src/engine';
import type { TextChange } from '../../server/src/features/quickFixes';
import type { Finding } from '../../server/src/rules/types';
import { LineIndex } from '../../server/src/util/lineIndex';
import { terraformParser } from './engine';

/**
 * What a quick-fix test needs: edits applied as an editor applies them, syntax errors counted by the real
 * parsers (tree-sitter for HCL, `yaml`, jsonc-parser without trailing commas), findings re-read by the engine.
 */

export interface OffsetChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export function toOffsets(text: string, changes: readonly TextChange[]): OffsetChange[] {
  const index = new LineIndex(text);
  return changes.map((c) => ({ start: index.offsetAt(c.range.start), end: index.offsetAt(c.range.end), newText: c.newText }));
}

/** Why the edits cannot be applied together (overlap, two insertions at one place), or undefined. */
export function overlapProblem(changes: readonly OffsetChange[]): string | undefined {
  const sorted = [...changes].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1] as OffsetChange;
    const b = sorted[i] as OffsetChange;
    if (b.start < a.end) return `edits overlap at ${a.start}-${a.end} and ${b.start}-${b.end}`;
    if (b.start === a.start) return `two edits at offset ${a.start}`;
  }
  return undefined;
}

export function applyOffsets(text: string, changes: readonly OffsetChange[]): string {
  let result = text;
  for (const change of [...changes].sort((a, b) => b.start - a.start)) result = result.slice(0, change.start) + change.newText + result.slice(change.end);
  return result;
}

/** Syntax errors as the syntax's own parser counts them. JSON templates get no trailing commas and no comments. */
export async function syntaxErrors(text: string, kind: SourceKind): Promise<number> {
  if (kind === 'terraform' || kind === 'terraform-vars') {
    const tree = (await terraformParser()).parse(text);
    try {
      let count = 0;
      const cursor = tree.walk();
      let more = true;
      while (more) {
        if (cursor.currentNode.isError || cursor.currentNode.isMissing) count++;
        if (cursor.gotoFirstChild()) continue;
        while (!cursor.gotoNextSibling()) {
          if (!cursor.gotoParent()) {
            more = false;
            break;
          }
        }
      }
      cursor.delete();
      return count;
    } finally {
      tree.delete();
    }
  }
  if (kind === 'yaml') return parseDocument(text, { strict: false, uniqueKeys: true, prettyErrors: false }).errors.length;
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.length;
}

/** Findings of `text` as the engine reports them now (under an id of its own, forgotten afterwards). */
export function findingsOf(engine: Engine, id: string, fileName: string, text: string): readonly Finding[] {
  const analysis = engine.analyse(id, fileName, text, { mode: 'public-cloud' });
  engine.forget(id);
  return analysis.status === 'analysed' ? analysis.findings : [];
}

export function countBy(findings: readonly Finding[], suppressed: boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) if ((f.suppressed !== undefined) === suppressed) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}
