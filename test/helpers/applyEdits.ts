import type { TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/util/lineIndex';

/** Applies LSP text edits (non-overlapping) to a text, as an editor would. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => index.offsetAt(b.range.start) - index.offsetAt(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, index.offsetAt(edit.range.start)) + edit.newText + result.slice(index.offsetAt(edit.range.end));
  }
  return result;
}

/** The lines that differ between two texts of the same line count, or every line when counts differ. */
export function changedLines(before: string, after: string): { before: string[]; after: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { before: a.slice(start, endA), after: b.slice(start, endB) };
}
