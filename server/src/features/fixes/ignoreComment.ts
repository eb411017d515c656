import type { SourceKind } from '../../documents/analyzer';
import type { Text } from '../../matrices/types';
import type { Position, Range } from '../../model/types';
import { eolOf, lineEndAt, lineIndexOf } from './offsetEdit';

/**
 * `# rlens:ignore <id> reason` on a line of its own above the finding's line, indented like it. Suppression reads
 * a comment-only line as applying to the next line of code, and a line that starts with a closed block comment
 * (`/* … *\/ cidr_ip = …`) as code (rules/suppression.ts), so the comment lands where it is read. Not for JSON,
 * which has no comments.
 */
export function ignoreCommentEdit(ruleId: string, line: number, text: string, kind: SourceKind): { title: Text; range: Range; newText: string; select: Range } | undefined {
  if (kind === 'json') return undefined;
  const lineStart = lineIndexOf(text).offsetAt({ line, character: 0 });
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineEndAt(text, lineStart)))?.[0] ?? '';
  const at: Position = { line, character: 0 };
  const comment = `# rlens:ignore ${ruleId} `;
  return {
    title: { en: `Ignore ${ruleId} here (rlens:ignore)`, zh: `在此忽略 ${ruleId}（rlens:ignore）` },
    range: { start: at, end: at },
    newText: `${indent}${comment}reason${eolOf(text)}`,
    select: { start: { line, character: indent.length + comment.length }, end: { line, character: indent.length + comment.length + 'reason'.length } },
  };
}
