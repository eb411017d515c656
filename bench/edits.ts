/** The keystrokes of the latency benchmark: one character typed into a string value at places spread over the file. */

export interface Keystroke {
  /** Zero-based line and UTF-16 column, as LSP positions are. */
  readonly line: number;
  readonly character: number;
  readonly text: string;
}

/** `count` one-character insertions, each just after the opening quote of a string on a line spread evenly over `text`. */
export function keystrokes(text: string, count: number): Keystroke[] {
  const lines = text.split('\n');
  const result: Keystroke[] = [];
  for (let k = 0; k < count; k++) {
    // Evenly spread, starting a little into the file; then the first line below that holds a string.
    let line = Math.floor(((k + 0.5) * lines.length) / count);
    while (line < lines.length - 1 && !lines[line]!.includes('"')) line++;
    const quote = lines[line]!.indexOf('"');
    result.push({ line, character: quote + 1, text: 'abcdefghijklmnopqrstuvwxyz'[k % 26]! });
  }
  return result;
}

/** `text` with the keystroke applied. */
export function applyKeystroke(text: string, keystroke: Keystroke): string {
  let offset = 0;
  for (let line = 0; line < keystroke.line; line++) offset = text.indexOf('\n', offset) + 1;
  offset += keystroke.character;
  return text.slice(0, offset) + keystroke.text + text.slice(offset);
}

/** `count` line breaks, each typed at the start of a line spread evenly over `text`: every block below moves down. */
export function lineBreaks(text: string, count: number): Keystroke[] {
  const lineCount = text.split('\n').length;
  return Array.from({ length: count }, (_, k) => ({ line: Math.floor(((k + 0.5) * lineCount) / count), character: 0, text: '\n' }));
}
