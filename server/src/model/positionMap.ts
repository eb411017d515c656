import type { DataNode } from '../parsers/dataTree';
import { LineIndex } from '../util/lineIndex';
import type { Position, Range } from './types';

/**
 * Positions of a text embedded in another file (a Terraform file held by a ROS template's `Workspace`), mapped
 * to the outer file. The embedded text is analysed on its own; everything reported on it goes through one of
 * these maps before it reaches the editor, so diagnostics, annotations and fixes land where the user typed them.
 */
export interface PositionMap {
  /** The embedded text as the outer syntax defines it (the YAML block's value, the JSON string's value). */
  readonly text: string;
  /** Which outer syntax holds the text: what `escapeForOuter` writes and which edits can carry over. */
  readonly syntax: 'yaml-block' | 'json-string';
  /**
   * True when every line of the embedded text is one whole line of the outer file (a YAML block), so an edit
   * that removes or inserts whole lines in the embedded text does the same in the outer file.
   */
  readonly linePreserving: boolean;
  toOuter(position: Position): Position;
  toOuterRange(range: Range): Range;
  /** Text a fix would insert into the embedded text, as it must be written in the outer file; undefined if impossible. */
  escapeForOuter(insertedText: string): string | undefined;
}

// ───────────────────────────── YAML block scalars ─────────────────────────────

interface BlockHeader {
  readonly style: '|' | '>';
  /** The explicit indentation indicator (1–9), if any. */
  readonly indicator: number | undefined;
  /** Offset just after the header line's line break: where the content starts. */
  readonly contentStart: number;
}

/**
 * A YAML literal block scalar (`|`, `|-`, `|+`, `|2` …). Content line i is outer line (first content line + i),
 * shifted right by the block's indentation. Folded blocks (`>`) join lines, and plain or quoted scalars fold
 * line breaks and interpret escapes: neither keeps a line-for-line correspondence, so they are not mapped.
 */
export function blockScalarMap(outerText: string, node: DataNode): PositionMap | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const header = readBlockHeader(outerText, node.start);
  if (!header || header.style !== '|') return undefined;
  const outerIndex = new LineIndex(outerText);
  const firstLine = outerIndex.positionAt(header.contentStart).line;
  if (outerIndex.offsetAt({ line: firstLine, character: 0 }) !== header.contentStart) return undefined;
  const text = node.value;
  const innerLines = text.split('\n');
  // After a final line break the text has one more (empty) line that is not content: it starts the next outer line.
  const contentLines = text.endsWith('\n') ? innerLines.slice(0, -1) : innerLines;
  const rawLines = outerLines(outerText, outerIndex, firstLine, contentLines.length);
  const indent = blockIndent(outerText, node.start, header, rawLines, contentLines);
  // The parser's value is the authority; if our reading of the raw lines disagrees, we would misplace things.
  if (indent === undefined || !sameContent(rawLines, contentLines, indent)) return undefined;
  const eol = outerText.includes('\r\n') ? '\r\n' : '\n';
  const toOuter = (position: Position): Position => {
    const line = Math.max(0, Math.min(position.line, innerLines.length - 1));
    // Past the block's last line: the start of the next outer line, or the end of the text when there is none.
    if (line >= contentLines.length) return outerIndex.positionAt(outerIndex.offsetAt({ line: firstLine + line, character: 0 }));
    const raw = rawLines[line] ?? '';
    const inner = innerLines[line] ?? '';
    const character = Math.max(0, Math.min(position.character, inner.length));
    // Blank lines may be shorter than the indentation: never point past the outer line's end.
    return { line: firstLine + line, character: Math.min(indent + character, raw.length) };
  };
  return {
    text,
    syntax: 'yaml-block',
    linePreserving: true,
    toOuter,
    toOuterRange: (range) => ({ start: toOuter(range.start), end: toOuter(range.end) }),
    escapeForOuter: (inserted) => indentForBlock(inserted, indent, eol),
  };
}

/** Reads `|`/`>` with optional chomping and indentation indicators (either order) and an optional comment. */
function readBlockHeader(outerText: string, start: number): BlockHeader | undefined {
  const lineEnd = outerText.indexOf('\n', start);
  const headerLine = outerText.slice(start, lineEnd < 0 ? outerText.length : lineEnd).replace(/\r$/, '');
  const match = /^([|>])(?:([1-9])([+-])?|([+-])([1-9])?)?(?:[ \t]+(?:#.*)?)?$/.exec(headerLine);
  if (!match || lineEnd < 0) return undefined;
  const digit = match[2] ?? match[5];
  return { style: match[1] === '>' ? '>' : '|', indicator: digit ? Number(digit) : undefined, contentStart: lineEnd + 1 };
}

/** The outer lines the block's content occupies, without line breaks. */
function outerLines(outerText: string, index: LineIndex, firstLine: number, count: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = index.offsetAt({ line: firstLine + i, character: 0 });
    const end = firstLine + i + 1 < index.lineCount ? index.offsetAt({ line: firstLine + i + 1, character: 0 }) : outerText.length;
    lines.push(outerText.slice(start, end).replace(/\r?\n$|\r$/, ''));
  }
  return lines;
}

/**
 * The block's indentation, read off the parser's value: a non-blank content line is its raw line less the
 * indentation. Works the same for detected and explicit indentation, where the indicator is relative to a
 * parent indentation that is awkward to recover (a key inside `- ` sequence items).
 */
function blockIndent(outerText: string, nodeStart: number, header: BlockHeader, rawLines: readonly string[], innerLines: readonly string[]): number | undefined {
  const line = innerLines.findIndex((inner) => inner.trim() !== '');
  if (line >= 0) {
    const raw = rawLines[line] ?? '';
    const indent = raw.length - (innerLines[line] ?? '').length;
    return indent >= 0 ? indent : undefined;
  }
  // No content to compare with: an empty block maps everything to its first line; any indentation will do.
  const lineStart = outerText.lastIndexOf('\n', nodeStart - 1) + 1;
  const headerIndent = /^ */.exec(outerText.slice(lineStart))?.[0].length ?? 0;
  return headerIndent + (header.indicator ?? 2);
}

function sameContent(rawLines: readonly string[], innerLines: readonly string[], indent: number): boolean {
  return innerLines.every((inner, i) => {
    const raw = rawLines[i] ?? '';
    if (inner === '') return raw.trim() === '' || raw.length <= indent;
    return raw.length >= indent && /^ *$/.test(raw.slice(0, indent)) && raw.slice(indent) === inner;
  });
}

/** Lines after the first start at the block's indentation; control characters YAML cannot hold make it impossible. */
function indentForBlock(inserted: string, indent: number, eol: string): string | undefined {
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(inserted)) return undefined;
  const pad = ' '.repeat(indent);
  const lines = inserted.split(/\r\n|\r|\n/);
  // The last line is continued by whatever followed the insertion point, so it is indented even when empty.
  return lines.map((line, i) => (i === 0 || (line === '' && i < lines.length - 1) ? line : pad + line)).join(eol);
}

// ───────────────────────────── JSON strings ─────────────────────────────

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/**
 * A JSON string literal from `startOffset` (its opening quote) to `endOffset` (just after its closing quote), as
 * the JSON parser's node gives them. Every UTF-16 unit of the decoded text remembers the source offset of the
 * character or escape that produced it; the end of the text maps to the closing quote.
 */
export function jsonStringMap(outerText: string, startOffset: number, endOffset: number): PositionMap | undefined {
  if (outerText[startOffset] !== '"' || outerText[endOffset - 1] !== '"' || endOffset - startOffset < 2) return undefined;
  const decoded = decodeJsonString(outerText, startOffset + 1, endOffset - 1);
  if (!decoded) return undefined;
  const { text, sources } = decoded;
  const outerIndex = new LineIndex(outerText);
  const innerIndex = new LineIndex(text);
  const toOuter = (position: Position): Position => outerIndex.positionAt(sources[innerIndex.offsetAt(position)] ?? endOffset - 1);
  return {
    text,
    syntax: 'json-string',
    // Every embedded line sits on the same outer line (or wherever raw line breaks put it): whole-line edits do not carry.
    linePreserving: false,
    toOuter,
    toOuterRange: (range) => ({ start: toOuter(range.start), end: toOuter(range.end) }),
    escapeForOuter: (inserted) => JSON.stringify(inserted).slice(1, -1),
  };
}

/** Decodes the body of a JSON string; `sources[i]` is the outer offset of text unit i, `sources[length]` the closing quote. */
function decodeJsonString(outerText: string, from: number, to: number): { text: string; sources: number[] } | undefined {
  let text = '';
  const sources: number[] = [];
  let at = from;
  while (at < to) {
    const char = outerText[at] ?? '';
    if (char !== '\\') {
      text += char;
      sources.push(at);
      at++;
      continue;
    }
    const next = outerText[at + 1] ?? '';
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      text += simple;
      sources.push(at);
      at += 2;
      continue;
    }
    const hex = outerText.slice(at + 2, at + 6);
    // A surrogate pair is two `\uXXXX` escapes, one UTF-16 unit each: each unit maps to its own escape.
    if (next !== 'u' || !/^[0-9a-fA-F]{4}$/.test(hex)) return undefined;
    text += String.fromCharCode(parseInt(hex, 16));
    sources.push(at);
    at += 6;
  }
  sources.push(to);
  return { text, sources };
}
