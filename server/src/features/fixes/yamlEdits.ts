import { isMap, isPair, isScalar, parseDocument, visit, type Document, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { deleteLines, eolOf, lineEndAt, lineStartAt, type OffsetEdit } from './offsetEdit';

/**
 * Edits of ROS YAML templates computed on the syntax tree, in both block and flow style: a pair is removed with
 * its comma in a flow mapping and by whole lines in a block mapping, and a new pair is written in the mapping's
 * own style, so `{Type: String}` never gets a block line below it.
 */

/** Kept for the last text: the fixes of one request all read the same text (never modified here). */
let lastParsed: { text: string; document: Document.Parsed } | undefined;

export function yamlDocument(text: string): Document.Parsed {
  // Unknown tags (`!Ref` …) are only warnings here: the edits need positions, not values.
  if (lastParsed?.text !== text) lastParsed = { text, document: parseDocument(text, { strict: false, uniqueKeys: false, prettyErrors: false }) };
  return lastParsed.document;
}

interface Located {
  readonly pair: Pair<YamlNode, YamlNode | null>;
  readonly map: YAMLMap;
}

/** The pair whose key starts at `keyOffset`, with the mapping that holds it. */
export function pairAt(document: Document.Parsed, keyOffset: number): Located | undefined {
  let found: Located | undefined;
  visit(document, {
    Map(_, map) {
      for (const item of map.items) {
        if (isPair(item) && isScalar(item.key) && item.key.range?.[0] === keyOffset) {
          found = { pair: item as Pair<YamlNode, YamlNode | null>, map };
          return visit.BREAK;
        }
      }
      return undefined;
    },
  });
  return found;
}

/** Where a pair's text ends: its value's content (trailing blank lines of a block scalar excluded), else its key. */
function pairEnd(text: string, pair: Pair<YamlNode, YamlNode | null>): number {
  const end = pair.value?.range?.[1] ?? pair.key.range?.[1] ?? 0;
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1] ?? '')) at--;
  return at;
}

function pairStart(pair: Pair<YamlNode, YamlNode | null>): number {
  return pair.key.range?.[0] ?? 0;
}

/** Removes the pair whose key starts at `keyOffset`. */
export function removePair(text: string, keyOffset: number): OffsetEdit[] | undefined {
  const located = pairAt(yamlDocument(text), keyOffset);
  if (!located) return undefined;
  const { pair, map } = located;
  const items = map.items as Pair<YamlNode, YamlNode | null>[];
  const index = items.indexOf(pair);
  if (map.flow) {
    const next = items[index + 1];
    const previous = items[index - 1];
    if (next) return [{ start: pairStart(pair), end: pairStart(next), newText: '' }];
    if (previous) return [{ start: pairEnd(text, previous), end: pairEnd(text, pair), newText: '' }];
    return [{ start: pairStart(pair), end: pairEnd(text, pair), newText: '' }];
  }
  // A block pair that does not start its line (`- Key: v`, the first pair of a list item) cannot go by lines.
  if (text.slice(lineStartAt(text, pairStart(pair)), pairStart(pair)).trim() !== '') return undefined;
  return [deleteLines(text, pairStart(pair), pairEnd(text, pair))];
}

/** Adds `Key: value` as the last pair of a mapping, in its style; `valueText` is already YAML. */
export function appendPair(text: string, map: YAMLMap, key: string, valueText: string): OffsetEdit | undefined {
  const items = map.items as Pair<YamlNode, YamlNode | null>[];
  const last = items[items.length - 1];
  const entry = `${key}: ${valueText}`;
  if (map.flow) {
    const open = map.range?.[0];
    if (!last) return open === undefined || text[open] !== '{' ? undefined : { start: open + 1, end: open + 1, newText: entry };
    const at = pairEnd(text, last);
    return { start: at, end: at, newText: `, ${entry}` };
  }
  if (!last) return undefined;
  const keyStart = pairStart(items[0] ?? last);
  const indent = text.slice(lineStartAt(text, keyStart), keyStart);
  if (indent.trim() !== '') return undefined;
  const at = lineEndAt(text, pairEnd(text, last));
  return { start: at, end: at, newText: `${eolOf(text)}${indent}${entry}` };
}

/** The mapping that is the value of the pair whose key starts at `keyOffset`. */
export function mapValueAt(document: Document.Parsed, keyOffset: number): YAMLMap | undefined {
  const value = pairAt(document, keyOffset)?.pair.value;
  return isMap(value) ? value : undefined;
}

/** The top-level pair `key` of a block-mapping template. */
export function topLevelPair(document: Document.Parsed, key: string): Pair<YamlNode, YamlNode | null> | undefined {
  const root = document.contents;
  if (!isMap(root)) return undefined;
  return (root.items as Pair<YamlNode, YamlNode | null>[]).find((p) => isScalar(p.key) && p.key.value === key);
}

export { pairEnd };
