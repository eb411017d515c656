import type { SourceKind } from '../../documents/analyzer';
import type { Range } from '../../model/types';
import type { FixPlan } from '../../rules/types';
import { isAttributePath } from '../../rules/declarative/attributePath';
import { appendProperty, jsonTree, propertyAt, removeProperty } from './jsonEdits';
import { literal } from './literal';
import { deleteLines, eolOf, lineEndAt, lineIndexOf, lineStartAt, type OffsetEdit } from './offsetEdit';
import { appendPair, mapValueAt, pairAt, removePair, yamlDocument } from './yamlEdits';

/**
 * Removing and adding a setting, per syntax. Each edit is built on the syntax tree of the text it applies to
 * (jsonc-parser, yaml) or, for HCL, on the lines of the setting, and touches nothing but the setting and its
 * separator; undefined when that cannot be done safely (the fix is then not offered).
 */

/** Removes the setting written over `range` (its key to the end of its value). */
export function removalEdits(range: Range, text: string, kind: SourceKind): OffsetEdit[] | undefined {
  const index = lineIndexOf(text);
  const start = index.offsetAt(range.start);
  const end = index.offsetAt(range.end);
  if (kind === 'json') return removeProperty(text, start);
  if (kind === 'yaml') return removePair(text, start);
  return hclRemoval(text, start, end);
}

/**
 * An HCL attribute alone on its lines goes with its lines (and a comment that follows it); one sharing its line
 * with other code — a one-line block `provider "alicloud" { access_key = "…" }` — goes alone, with the blank
 * before it, so the block stays.
 */
function hclRemoval(text: string, start: number, end: number): OffsetEdit[] {
  const lineStart = lineStartAt(text, start);
  const after = text.slice(end, lineEndAt(text, end));
  if (text.slice(lineStart, start).trim() === '' && /^\s*,?\s*((#|\/\/).*)?$/.test(after)) return [deleteLines(text, start, end)];
  let from = start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  const comma = /^\s*,/.exec(after);
  return [{ start: from, end: end + (comma ? comma[0].length : 0), newText: '' }];
}

/** Adds `path = value` (HCL), `Path: value` (YAML) or `"Path": value` (JSON) as the last setting of the resource. */
export function addSettingEdits(plan: Extract<FixPlan, { kind: 'add-setting' }>, text: string, kind: SourceKind): OffsetEdit[] | undefined {
  // Only a plain attribute name: a path from a workspace rule is checked when rules load, and again here.
  if (plan.path.includes('.') || !isAttributePath(plan.path)) return undefined;
  const index = lineIndexOf(text);
  const { resource } = plan;
  const value = literal(plan.value, kind);
  if (kind === 'terraform' || kind === 'terraform-vars') {
    const lineAt = (line: number): string => {
      const start = index.offsetAt({ line, character: 0 });
      return text.slice(start, lineEndAt(text, start));
    };
    const closing = resource.range.end;
    if (closing.line === resource.range.start.line || lineAt(closing.line).trim() !== '}') return undefined;
    const first = resource.settings[0];
    const indent = first ? leading(lineAt(first.keyRange.start.line)) : `${leading(lineAt(resource.range.start.line))}  `;
    const at = index.offsetAt({ line: closing.line, character: 0 });
    return [{ start: at, end: at, newText: `${indent}${plan.path} = ${value}${eolOf(text)}` }];
  }
  const last = [...resource.settings].reverse().find((s) => !s.path.includes('.'));
  const anchor = index.offsetAt((last ?? { keyRange: resource.headerRange }).keyRange.start);
  if (kind === 'yaml') {
    const document = yamlDocument(text);
    const map = last ? pairAt(document, anchor)?.map : resource.kind === 'parameter' ? mapValueAt(document, anchor) : undefined;
    const edit = map && appendPair(text, map, plan.path, value);
    return edit && [edit];
  }
  const root = jsonTree(text);
  const property = root && propertyAt(root, anchor);
  const object = last ? property?.parent : resource.kind === 'parameter' ? property?.children?.[1] : undefined;
  const edit = object && appendProperty(text, object, plan.path, plan.value);
  return edit && [edit];
}

function leading(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}
