import type { Position } from '../../server/src/model/types';
import { LineIndex } from '../../server/src/util/lineIndex';

/**
 * Test inputs mark positions with `|` instead of hand-counted columns: `cidr_ip = "|0.0.0.0/0"`.
 * Returns the text without the markers and the positions (UTF-16) where they stood, in order.
 */
export function carets(marked: string): { text: string; positions: Position[]; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const char of marked) {
    if (char === '|') offsets.push(text.length);
    else text += char;
  }
  const index = new LineIndex(text);
  return { text, positions: offsets.map((o) => index.positionAt(o)), offsets };
}
