import { pick, type Language } from '../i18n/language';
import type { Position } from '../model/types';
import type { Annotation, ResourceAnnotations } from './annotations';

/** The longest visible hint, in characters; the rest of what there is to say is in the tooltip and the hover. */
export const MAX_HINT_LENGTH = 28;

/** One inlay hint, LSP-free: where, the few words shown, and the full sentence behind them. */
export interface HintView {
  readonly annotation: Annotation;
  readonly position: Position;
  readonly label: string;
  readonly tooltip: string;
}

export interface HintOptions {
  readonly language: Language;
  /** Show every mapped setting's hint, even when it repeats the one before (responsibilityLens.showRepeatedHints). */
  readonly showRepeated: boolean;
  /** Only settings the customer acts on (responsibilityLens.annotations = customer). */
  readonly customerOnly: boolean;
  /** The length of a line without its trailing white space: places a hint after a YAML block's last character. */
  readonly lineEnd?: (line: number) => number;
}

/**
 * The hints of a document, in order. A hint says something new: a setting whose label (and item) repeats the
 * hint before it is folded into it; when only the item changes the hint names the item; a value the data has a
 * verdict for (0.0.0.0/0 on an ingress rule) always gets its own hint. No two consecutive hints read the same.
 */
export function documentHints(resources: readonly ResourceAnnotations[], options: HintOptions): HintView[] {
  const { language } = options;
  // In the order the hints appear in the editor: a list's own hint sits after its elements'.
  const ordered = resources
    .flatMap((entry) => entry.annotations.map((annotation) => ({ annotation, position: endOfValue(annotation, options.lineEnd) })))
    .sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
  const hints: HintView[] = [];
  let previousText: string | undefined;
  let previousFull: string | undefined;
  let previousItem: string | undefined;
  for (const { annotation, position } of ordered) {
    {
      const resolution = annotation.resolution;
      if (options.customerOnly && (resolution.party === 'provider' || resolution.party === 'vendor')) continue;
      const item = resolution.rows[0];
      if (!item) continue;
      const full = pick(resolution.label, language);
      const verdictHint = resolution.verdict?.hint ? pick(resolution.verdict.hint, language) : undefined;
      let label: string | undefined;
      if (verdictHint) label = verdictHint;
      else if (options.showRepeated || full !== previousFull) label = full;
      else if (item.id !== previousItem) label = `· ${pick(item.item, language)}`;
      previousFull = full;
      previousItem = item.id;
      if (label === undefined) continue;
      label = clip(label);
      if (!options.showRepeated && label === previousText) continue;
      hints.push({ annotation, position, label, tooltip: tooltipOf(annotation, language) });
      previousText = label;
    }
  }
  return hints;
}

/**
 * Where the value ends: after its last character, never between a key and its value. A YAML block's range ends
 * at the start of the next line; its hint goes at the end of the block's last line instead.
 */
function endOfValue(annotation: Annotation, lineEnd: ((line: number) => number) | undefined): Position {
  const { keyRange, valueRange } = annotation.setting;
  const end = valueRange.end;
  if (end.character === 0 && end.line > keyRange.start.line && lineEnd) {
    let line = end.line - 1;
    while (line > keyRange.start.line && lineEnd(line) === 0) line--;
    return { line, character: lineEnd(line) };
  }
  return end;
}

function clip(text: string): string {
  return [...text].length <= MAX_HINT_LENGTH ? text : `${[...text].slice(0, MAX_HINT_LENGTH - 1).join('')}…`;
}

/** "Customer sets · cloud offers — Security groups: <reason>", and the verdict when the value has one. */
export function tooltipOf(annotation: Annotation, language: Language): string {
  const resolution = annotation.resolution;
  const item = resolution.rows[0];
  const head = `${pick(resolution.label, language)} — ${item ? pick(item.item, language) : ''}`;
  const verdict = resolution.verdict ? `\n${pick(resolution.verdict.text, language)}` : '';
  return `${head}${verdict}\n${pick(resolution.reason, language)}`;
}
