import type { SourceKind } from '../documents/analyzer';
import type { Range } from '../model/types';
import type { Text } from '../matrices/types';
import type { Finding, FixPlan } from '../rules/types';
import { getLocation, modify } from 'jsonc-parser';
import { LineIndex } from '../util/lineIndex';

/** A text replacement; the server turns it into a WorkspaceEdit. */
export interface TextChange {
  /** Another file of the same directory (e.g. `variables.tf`); the document itself when absent. */
  readonly file?: string;
  readonly range: Range;
  readonly newText: string;
}

/** What a fix may look at beyond the document: sibling files of the same module directory. */
export interface FixContext {
  readonly sibling?: (name: string) => string | undefined;
}

export interface QuickFix {
  readonly title: Text;
  readonly changes: readonly TextChange[];
  /** Text to select once applied (a placeholder the user must fill). */
  readonly select?: Range;
  readonly preferred: boolean;
}

/** Quick fixes for a finding: its planned repairs, then a suppression comment where the syntax has comments. */
export function quickFixesFor(finding: Finding, text: string, kind: SourceKind, context: FixContext = {}): QuickFix[] {
  if (finding.embedded) return embeddedFixes(finding, finding.embedded);
  const fixes = finding.fixes.flatMap((plan) => {
    const fix = plan.kind === 'extract-secret' ? extractSecret(plan, text, kind, context) : repair(plan, text, kind);
    return fix ? [fix] : [];
  });
  const ignore = ignoreComment(finding, text, kind);
  return ignore ? [...fixes, ignore] : fixes;
}

/**
 * Fixes for Terraform embedded in a ROS template: built on the embedded text as Terraform, then every edit is
 * moved to the template and escaped for its syntax (block-scalar indentation, JSON string escapes). A fix that
 * would touch another file, or whose text the template cannot hold, is not offered.
 */
function embeddedFixes(finding: Finding, embedded: NonNullable<Finding['embedded']>): QuickFix[] {
  const { map, innerRange } = embedded;
  const inner: Finding = { ...finding, range: innerRange, embedded: undefined };
  const index = new LineIndex(map.text);
  return quickFixesFor(inner, map.text, 'terraform').flatMap((fix) => {
    const changes: TextChange[] = [];
    for (const original of fix.changes) {
      const change = keepInside(original, map.text, index);
      const newText = change.file ? undefined : map.escapeForOuter(change.newText);
      if (newText === undefined) return [];
      changes.push({ range: map.toOuterRange(change.range), newText });
    }
    // A selection inside text that escaping lengthened would land wrong; it is only kept where nothing was escaped.
    const select = fix.select && fix.changes.every((c) => map.escapeForOuter(c.newText) === c.newText) ? map.toOuterRange(fix.select) : undefined;
    return [{ ...fix, changes, ...(select ? { select } : { select: undefined }) }];
  });
}

/**
 * An insertion at the very end of an embedded file that ends in a newline would land after the block that holds
 * it (the next line of the template); the same text is written just before that final newline instead:
 * inserting `X\n` after the newline equals inserting `\nX` before it.
 */
function keepInside(change: TextChange, text: string, index: LineIndex): TextChange {
  const at = index.offsetAt(change.range.start);
  const insertion = index.offsetAt(change.range.end) === at;
  if (!insertion || at !== text.length || !text.endsWith('\n') || !change.newText.endsWith('\n')) return change;
  const before = index.positionAt(at - 1);
  return { ...change, range: { start: before, end: before }, newText: `\n${change.newText.slice(0, -1)}` };
}

function repair(plan: FixPlan, text: string, kind: SourceKind): QuickFix | undefined {
  switch (plan.kind) {
    case 'set-value':
      return {
        title: { en: `Set to ${String(plan.value)}`, zh: `设为 ${String(plan.value)}` },
        changes: [{ range: plan.range, newText: literal(plan.value, kind) }],
        preferred: true,
      };
    case 'placeholder': {
      const newText = literal(plan.placeholder, kind);
      const quote = newText.startsWith('"') || newText.startsWith("'") ? 1 : 0;
      const start = { line: plan.range.start.line, character: plan.range.start.character + quote };
      return {
        title: { en: 'Replace with a placeholder for the trusted range', zh: '替换为可信网段占位符' },
        changes: [{ range: plan.range, newText }],
        select: { start, end: { line: start.line, character: start.character + plan.placeholder.length } },
        preferred: false,
      };
    }
    case 'add-setting':
      return addSetting(plan, text, kind);
    case 'remove-setting':
      return {
        title: { en: 'Remove this setting', zh: '删除此设置' },
        changes: [{ range: wholeLines(plan.range, text), newText: '' }],
        preferred: false,
      };
    case 'extract-secret':
      return undefined;
  }
}

/**
 * Terraform: the value becomes `var.<name>` and a `sensitive` variable is declared — in the module's
 * variables.tf when there is one, else at the end of this file. ROS: the value becomes a Ref to a new
 * `NoEcho` parameter, written in the template's own style.
 */
function extractSecret(plan: Extract<FixPlan, { kind: 'extract-secret' }>, text: string, kind: SourceKind, context: FixContext): QuickFix | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (kind === 'terraform') {
    const declaration = `variable "${plan.name}" {${eol}  type      = string${eol}  sensitive = true${eol}}${eol}`;
    const variablesFile = context.sibling?.('variables.tf');
    const target = variablesFile ?? text;
    const declared = new RegExp(`variable\\s+"${plan.name}"`).test(target);
    const end = endOf(target);
    const separator = target.length === 0 || target.endsWith('\n') ? eol : `${eol}${eol}`;
    const changes: TextChange[] = [{ range: plan.range, newText: `var.${plan.name}` }];
    if (!declared) changes.push({ ...(variablesFile !== undefined ? { file: 'variables.tf' } : {}), range: { start: end, end }, newText: `${separator}${declaration}` });
    return {
      title: { en: `Move to a sensitive variable var.${plan.name}${variablesFile !== undefined ? ' (variables.tf)' : ''}`, zh: `移到 sensitive 变量 var.${plan.name}${variablesFile !== undefined ? '（variables.tf）' : ''}` },
      changes,
      preferred: true,
    };
  }
  if (kind === 'yaml') return extractToYamlParameter(plan, text, eol);
  if (kind === 'json') return extractToJsonParameter(plan, text);
  return undefined;
}

function endOf(text: string): { line: number; character: number } {
  const index = new LineIndex(text);
  return index.positionAt(text.length);
}

function extractToYamlParameter(plan: Extract<FixPlan, { kind: 'extract-secret' }>, text: string, eol: string): QuickFix | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  const shortTags = /!(Ref|GetAtt|Sub|Join)\b/.test(text);
  const reference = shortTags ? `!Ref ${plan.name}` : `{Ref: ${plan.name}}`;
  const topLevel = (key: string): number => lines.findIndex((line) => new RegExp(`^${key}:\\s*(#.*)?$`).test(line));
  const unit = /^( +)\S/m.exec(text)?.[1]?.length ?? 2;
  const pad = (n: number): string => ' '.repeat(n);
  const block = (indent: number): string => `${pad(indent)}${plan.name}:${eol}${pad(indent + unit)}Type: String${eol}${pad(indent + unit)}NoEcho: true${eol}`;
  const title = { en: `Move to a NoEcho parameter (Ref ${plan.name})`, zh: `移到 NoEcho 参数（Ref ${plan.name}）` };
  const changes: TextChange[] = [{ range: plan.range, newText: reference }];
  const parameters = topLevel('Parameters');
  if (parameters >= 0) {
    // After the last line of the Parameters block: the next top-level key, skipping trailing blank lines.
    let next = lines.findIndex((line, i) => i > parameters && /^\S/.test(line) && !line.startsWith('#'));
    if (next < 0) next = lines.length;
    while (next - 1 > parameters && (lines[next - 1] ?? '').trim() === '') next--;
    const childIndent = /^( +)\S/.exec(lines[parameters + 1] ?? '')?.[1]?.length ?? unit;
    changes.push({ range: { start: { line: next, character: 0 }, end: { line: next, character: 0 } }, newText: block(childIndent) });
  } else {
    const resources = topLevel('Resources');
    if (resources < 0) return undefined;
    changes.push({ range: { start: { line: resources, character: 0 }, end: { line: resources, character: 0 } }, newText: `Parameters:${eol}${block(unit)}` });
  }
  return { title, changes, preferred: true };
}

function extractToJsonParameter(plan: Extract<FixPlan, { kind: 'extract-secret' }>, text: string): QuickFix | undefined {
  const index = new LineIndex(text);
  const start = index.offsetAt(plan.range.start);
  const location = getLocation(text, start + 1);
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const edits = [
    ...modify(text, location.path, { Ref: plan.name }, { formattingOptions }),
    ...modify(text, ['Parameters', plan.name], { Type: 'String', NoEcho: true }, { formattingOptions }),
  ];
  // Both edits are computed on the original text; jsonc-parser returns non-overlapping edits.
  return {
    title: { en: `Move to a NoEcho parameter (Ref ${plan.name})`, zh: `移到 NoEcho 参数（Ref ${plan.name}）` },
    changes: edits.map((e) => ({ range: index.rangeOf(e.offset, e.offset + e.length), newText: e.content })),
    preferred: true,
  };
}

/** A value written in the document's syntax. */
export function literal(value: string | number | boolean, kind: SourceKind): string {
  if (typeof value !== 'string') return String(value);
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'yaml') return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|\d.*)$/i.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
  // `${` and `%{` are escaped by doubling their sign; replaced by functions, since in a replacement string `$$` is one `$`.
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{')}"`;
}

/** Adds `key = value` (HCL), `Key: value` (YAML) or `"Key": value` (JSON) as the last setting of the resource. */
function addSetting(plan: Extract<FixPlan, { kind: 'add-setting' }>, text: string, kind: SourceKind): QuickFix | undefined {
  if (plan.path.includes('.')) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const title = { en: `Add ${plan.path} = ${String(plan.value)}`, zh: `添加 ${plan.path} = ${String(plan.value)}` };
  const { resource } = plan;
  if (kind === 'terraform') {
    const closing = resource.range.end;
    const closingLine = lines[closing.line] ?? '';
    if (closing.line === resource.range.start.line) return undefined;
    const indent = indentationOfSettings(resource, lines) ?? `${leading(lines[resource.range.start.line] ?? '')}  `;
    const at = { line: closing.line, character: 0 };
    if (closingLine.trim() !== '}') return undefined;
    return { title, changes: [{ range: { start: at, end: at }, newText: `${indent}${plan.path} = ${literal(plan.value, kind)}${eol}` }], preferred: true };
  }
  const properties = resource.settings.filter((s) => !s.path.includes('.'));
  const last = properties[properties.length - 1];
  if (!last) return undefined;
  const indent = leading(lines[last.keyRange.start.line] ?? '');
  const end = last.valueRange.end;
  if (kind === 'yaml') {
    const lineEnd = { line: end.line, character: (lines[end.line] ?? '').length };
    return { title, changes: [{ range: { start: lineEnd, end: lineEnd }, newText: `${eol}${indent}${plan.path}: ${literal(plan.value, kind)}` }], preferred: true };
  }
  return { title, changes: [{ range: { start: end, end }, newText: `,${eol}${indent}${JSON.stringify(plan.path)}: ${literal(plan.value, kind)}` }], preferred: true };
}

function indentationOfSettings(resource: Finding['resource'] & object, lines: readonly string[]): string | undefined {
  const first = resource.settings[0];
  return first ? leading(lines[first.keyRange.start.line] ?? '') : undefined;
}

function leading(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

function wholeLines(range: Range, text: string): Range {
  const lines = new LineIndex(text);
  return { start: { line: range.start.line, character: 0 }, end: range.end.line + 1 < lines.lineCount ? { line: range.end.line + 1, character: 0 } : range.end };
}

/** `# rlens:ignore <id> <reason>` on its own line above the finding (or its resource); not for JSON. */
function ignoreComment(finding: Finding, text: string, kind: SourceKind): QuickFix | undefined {
  if (kind === 'json') return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = finding.range.start.line;
  const indent = leading(lines[line] ?? '');
  const at = { line, character: 0 };
  return {
    title: { en: `Ignore ${finding.ruleId} here (rlens:ignore)`, zh: `在此忽略 ${finding.ruleId}（rlens:ignore）` },
    changes: [{ range: { start: at, end: at }, newText: `${indent}# rlens:ignore ${finding.ruleId} reason${eol}` }],
    select: { start: { line, character: indent.length + `# rlens:ignore ${finding.ruleId} `.length }, end: { line, character: indent.length + `# rlens:ignore ${finding.ruleId} reason`.length } },
    preferred: false,
  };
}
