import { findNodeAtOffset, parseTree, type Node as JsonNode } from 'jsonc-parser';
import { deleteLines, eolOf, lineEndAt, lineStartAt, type OffsetEdit } from './offsetEdit';

/**
 * Edits of ROS JSON templates computed on the syntax tree, so that commas stay right and a one-line (minified)
 * object stays one line. Every edit touches only the property it is about (and the comma that separates it);
 * nothing is reformatted.
 */

/** Kept for the last text: the fixes of one request all read the same text (never modified here). */
let lastParsed: { text: string; root: JsonNode | undefined } | undefined;

export function jsonTree(text: string): JsonNode | undefined {
  if (lastParsed?.text !== text) lastParsed = { text, root: parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) };
  return lastParsed.root;
}

/** The property node (`"key": value`) whose key string starts at `keyOffset`. */
export function propertyAt(root: JsonNode, keyOffset: number): JsonNode | undefined {
  const key = findNodeAtOffset(root, keyOffset + 1, false);
  const property = key?.parent;
  return property?.type === 'property' && property.children?.[0] === key ? property : undefined;
}

/** How the document writes a pair: `"a": 1` or, minified, `"a":1`. */
export function separatorStyle(text: string): { colon: string; comma: string } {
  return /"\s*:\s+\S/.test(text) || !/"\s*:\S/.test(text) ? { colon: ': ', comma: ', ' } : { colon: ':', comma: ',' };
}

function endOf(node: JsonNode): number {
  return node.offset + node.length;
}

function onOneLine(text: string, start: number, end: number): boolean {
  return !/[\r\n]/.test(text.slice(start, end));
}

/** Alone on its lines: only white space before it, and only a comma and white space after it. */
function aloneOnLines(text: string, property: JsonNode): boolean {
  const before = text.slice(lineStartAt(text, property.offset), property.offset);
  const after = text.slice(endOf(property), lineEndAt(text, endOf(property)));
  return before.trim() === '' && /^\s*,?\s*$/.test(after);
}

/** Removes a property and the one comma that separated it from a neighbour. */
export function removeProperty(text: string, keyOffset: number): OffsetEdit[] | undefined {
  const root = jsonTree(text);
  const property = root && propertyAt(root, keyOffset);
  const siblings = property?.parent?.children;
  if (!property || !siblings) return undefined;
  const index = siblings.indexOf(property);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  if (aloneOnLines(text, property)) {
    const lines = deleteLines(text, property.offset, endOf(property));
    if (next || !previous) return [lines];
    // The last property: the comma after the one before it must go too.
    const comma = text.indexOf(',', endOf(previous));
    return comma >= 0 && comma < property.offset ? [{ start: comma, end: comma + 1, newText: '' }, lines] : undefined;
  }
  if (next) return [{ start: property.offset, end: next.offset, newText: '' }];
  if (previous) return [{ start: endOf(previous), end: endOf(property), newText: '' }];
  return [{ start: property.offset, end: endOf(property), newText: '' }];
}

/** A value to write: scalars, and objects of them (a new parameter's definition). */
export type JsonValue = string | number | boolean | { readonly [key: string]: JsonValue };

/** The document's indentation step (`  `, four spaces, a tab); two spaces when it has none. */
function indentUnit(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}

/** A value in the template's style: one line (minified or spaced), or one property per line below `indent`. */
function written(text: string, value: JsonValue, indent: string | undefined): string {
  if (typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value);
  const { colon, comma } = separatorStyle(text);
  if (indent === undefined || entries.length === 0) return `{${entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${written(text, v, undefined)}`).join(comma)}}`;
  const inner = `${indent}${indentUnit(text)}`;
  const eol = eolOf(text);
  return `{${eol}${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${written(text, v, inner)}`).join(`,${eol}`)}${eol}${indent}}`;
}

/** `"Key": value` as the last property of an object, written in the object's style (one line or one per line). */
export function appendProperty(text: string, object: JsonNode, key: string, value: JsonValue): OffsetEdit | undefined {
  if (object.type !== 'object') return undefined;
  const { colon, comma } = separatorStyle(text);
  const last = object.children?.[object.children.length - 1];
  if (!last) return { start: object.offset + 1, end: object.offset + 1, newText: `${JSON.stringify(key)}${colon}${written(text, value, undefined)}` };
  if (onOneLine(text, object.offset, endOf(object))) return { start: endOf(last), end: endOf(last), newText: `${comma}${JSON.stringify(key)}${colon}${written(text, value, undefined)}` };
  const indent = /^[ \t]*/.exec(text.slice(lineStartAt(text, last.offset)))?.[0] ?? '';
  return { start: endOf(last), end: endOf(last), newText: `,${eolOf(text)}${indent}${JSON.stringify(key)}: ${written(text, value, indent)}` };
}

/** The value of the top-level property `key`, when the template is an object that has it. */
export function topLevelValue(root: JsonNode | undefined, key: string): JsonNode | undefined {
  if (root?.type !== 'object') return undefined;
  const property = root.children?.find((p) => p.children?.[0]?.value === key);
  return property?.children?.[1];
}

/** A new top-level property placed before `before` (a top-level key), in the template's style. */
export function insertTopLevelBefore(text: string, root: JsonNode, before: string, key: string, value: JsonValue): OffsetEdit | undefined {
  const anchor = root.children?.find((p) => p.children?.[0]?.value === before);
  if (!anchor) return undefined;
  const { colon, comma } = separatorStyle(text);
  const lineStart = lineStartAt(text, anchor.offset);
  if (text.slice(lineStart, anchor.offset).trim() === '') {
    const indent = text.slice(lineStart, anchor.offset);
    return { start: lineStart, end: lineStart, newText: `${indent}${JSON.stringify(key)}: ${written(text, value, indent)},${eolOf(text)}` };
  }
  return { start: anchor.offset, end: anchor.offset, newText: `${JSON.stringify(key)}${colon}${written(text, value, undefined)}${comma}` };
}

/** A small object literal in the template's style (`{"Type": "String"}`, minified `{"Type":"String"}`); values are JSON text. */
export function objectLiteral(text: string, entries: readonly (readonly [string, string])[]): string {
  const { colon, comma } = separatorStyle(text);
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}${colon}${v}`).join(comma)}}`;
}
