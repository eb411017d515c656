import type { Position, Range } from '../model/types';
import { LineIndex } from '../util/lineIndex';

/**
 * The text a document's model was built from, for the few rules that point inside a value (one finding per key
 * in a script, at the key). The line index is built on first use: most analyses never need it.
 */
export class SourceText {
  private index: LineIndex | undefined;

  constructor(readonly text: string) {}

  private lines(): LineIndex {
    return (this.index ??= new LineIndex(this.text));
  }

  offsetAt(position: Position): number {
    return this.lines().offsetAt(position);
  }

  positionAt(offset: number): Position {
    return this.lines().positionAt(offset);
  }

  /** The text of `range` and its offset in the document. */
  slice(range: Range): { readonly text: string; readonly start: number } {
    const start = this.offsetAt(range.start);
    return { text: this.text.slice(start, this.offsetAt(range.end)), start };
  }
}
