import type { Range } from '../../model/types';
import { LineIndex } from '../../util/lineIndex';

/**
 * The line index of a text, kept for the last text asked: the fixes of one request (a "fix all" builds one per
 * finding) all work on the same text, which is then indexed once instead of once per fix.
 */
let lastIndexed: { text: string; index: LineIndex } | undefined;

export function lineIndexOf(text: string): LineIndex {
  if (lastIndexed?.text !== text) lastIndexed = { text, index: new LineIndex(text) };
  return lastIndexed.index;
}

/** A replacement of `text.slice(start, end)` by `newText`, in UTF-16 offsets of the original text. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The document's line break: what an inserted line must end with so a CRLF file stays CRLF. */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Where the line holding `offset` starts. */
export function lineStartAt(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return at;
}

/** Where the content of the line holding `offset` ends (before its line break). */
export function lineEndAt(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}

/** Just after the line break that ends the line holding `offset` (the text's end on the last line). */
export function nextLineStartAt(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return end < text.length ? end + 1 : end;
}

/**
 * Deletes the whole lines from the one holding `start` to the one holding `end`, line break included. On the last
 * line of a text without a final line break, the break before is taken instead, so no empty line is left behind.
 */
export function deleteLines(text: string, start: number, end: number): OffsetEdit {
  const from = lineStartAt(text, start);
  const to = nextLineStartAt(text, Math.max(start, end));
  if (to === text.length && !/[\r\n]$/.test(text) && from > 0) {
    const previousBreak = text[from - 2] === '\r' && text[from - 1] === '\n' ? from - 2 : from - 1;
    return { start: previousBreak, end: to, newText: '' };
  }
  return { start: from, end: to, newText: '' };
}

/** True when the edits can be applied together: sorted, none overlaps another, no two insert at one place. */
export function disjoint(edits: readonly OffsetEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < sorted.length; i++) {
    const previous = sorted[i - 1] as OffsetEdit;
    const current = sorted[i] as OffsetEdit;
    if (current.start < previous.end || current.start === previous.start) return false;
  }
  return true;
}

export function toRange(index: LineIndex, edit: OffsetEdit): Range {
  return index.rangeOf(edit.start, edit.end);
}
