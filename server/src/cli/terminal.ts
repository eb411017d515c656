/**
 * What the CLI needs to write safely to a terminal: strings from scanned files made inert, display widths of
 * CJK text, wrapping to the terminal's width, and standard streams that end quietly when the reader goes away.
 */

/**
 * Characters that would act on a terminal instead of showing: C0 and C1 controls (ESC, BEL, CR, LF, the
 * 8-bit CSI and OSC), DEL, the Unicode line and paragraph separators, and the bidirectional overrides and
 * isolates that reorder what is shown (the "Trojan Source" characters).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A string from a scanned file (path, resource name, logical id, message, custom-rule value, contract key) as
 * one inert line: every control character is written as `\u{…}`, so no escape sequence (screen clear, OSC 52
 * clipboard write, hyperlink), no newline and no carriage return reaches the terminal.
 */
export function printable(value: string): string {
  return value.replace(UNPRINTABLE, (ch) => `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

/** Multi-line text we compose ourselves, with values from files inside: each line made inert, the line breaks kept. */
export function printableLines(text: string): string {
  return text
    .split('\n')
    .map((line) => printable(line))
    .join('\n');
}

/** Terminal columns: East Asian wide and fullwidth characters take two. */
export function displayWidth(value: string): number {
  let width = 0;
  for (const ch of value) width += charWidth(ch);
  return width;
}

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/**
 * Wraps one line to `width` columns; continuation lines start with `indent`. Breaks at spaces, and anywhere
 * between two wide (CJK) characters, which need no space; a word longer than the line is cut. The first
 * `keep` characters (the clickable `path:line:col:`) are never broken. `width` 0 or less: no wrapping.
 */
export function wrap(line: string, width: number, indent = '    ', keep = 0): string[] {
  if (width <= 0 || displayWidth(line) <= width) return [line];
  const room = Math.max(width - displayWidth(indent), 10);
  const out: string[] = [];
  let current = '';
  let currentWidth = 0;
  let first = true;
  const limit = () => (first ? Math.max(width, displayWidth(line.slice(0, keep)) + 1) : room);
  const flush = () => {
    out.push(first ? current.trimEnd() : indent + current.trimEnd());
    first = false;
    current = '';
    currentWidth = 0;
  };
  // Tokens: the kept head, then runs of spaces, runs of narrow non-space characters, or single wide characters.
  const head = line.slice(0, keep);
  if (head.length > 0) {
    current = head;
    currentWidth = displayWidth(head);
  }
  const tokens = [...(line.slice(keep).match(/ +|[^ \u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|./gu) ?? [])].filter((t) => t.length > 0);
  for (const token of tokens) {
    const tokenWidth = displayWidth(token);
    if (token.startsWith(' ')) {
      if (currentWidth + tokenWidth > limit()) {
        flush();
      } else if (current.length > 0) {
        current += token;
        currentWidth += tokenWidth;
      }
      continue;
    }
    if (currentWidth + tokenWidth > limit() && current.trim().length > 0) flush();
    if (tokenWidth <= limit()) {
      current += token;
      currentWidth += tokenWidth;
      continue;
    }
    // A word wider than a whole line: cut it.
    for (const ch of token) {
      const w = charWidth(ch);
      if (currentWidth + w > limit() && current.length > 0) flush();
      current += ch;
      currentWidth += w;
    }
  }
  if (current.trim().length > 0) flush();
  return out;
}

/** The columns to wrap text output to: the terminal's width when writing to a terminal, else none (0). */
export function wrapWidth(columns: number | undefined, isTTY: boolean): number {
  return isTTY && typeof columns === 'number' && Number.isFinite(columns) && columns >= 20 ? columns : 0;
}

/**
 * Standard output or error, written so that a reader that stops early (`rlens scan | head`) ends nothing but the
 * writing: the closed pipe makes the next write fail with EPIPE, which Node raises as an unhandled 'error'
 * event, a stack trace. Here the output nobody reads is dropped and the run goes on to its usual exit code (a
 * scan with findings still exits 1, so `set -o pipefail` pipelines keep failing). Any other failure to write
 * (a full disk: ENOSPC) is reported once through `onFailure` and marks the run failed.
 */
export class GuardedStream {
  private closed = false;
  private failure: NodeJS.ErrnoException | null = null;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    onFailure: (error: NodeJS.ErrnoException) => void = () => undefined,
  ) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (this.closed) return;
      this.closed = true;
      if (error.code !== 'EPIPE') {
        this.failure = error;
        onFailure(error);
      }
    });
  }

  readonly write = (text: string): void => {
    if (!this.closed) this.stream.write(text);
  };

  /** The write error other than a closed pipe, if any: the run then exits 2. */
  get failed(): NodeJS.ErrnoException | null {
    return this.failure;
  }
}
