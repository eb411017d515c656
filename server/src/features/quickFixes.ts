import type { SourceKind } from '../documents/analyzer';
import type { Range } from '../model/types';
import type { Text } from '../matrices/types';
import type { Finding, FixPlan } from '../rules/types';
import { LineIndex } from '../util/lineIndex';

/** A text replacement; the server turns it into a WorkspaceEdit. */
export interface TextChange {
  readonly range: Range;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: Text;
  readonly changes: readonly TextChange[];
  /** Text to select once applied (a placeholder the user must fill). */
  readonly select?: Range;
  readonly preferred: boolean;
}

/** Quick fixes for a finding: its planned repairs, then a suppression comment where the syntax has comments. */
export function quickFixesFor(finding: Finding, text: string, kind: SourceKind): QuickFix[] {
  const fixes = finding.fixes.flatMap((plan) => {
    const fix = repair(plan, text, kind);
    return fix ? [fix] : [];
  });
  const ignore = ignoreComment(finding, text, kind);
  return ignore ? [...fixes, ignore] : fixes;
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

/** A value written in the document's syntax. */
export function literal(value: string | number | boolean, kind: SourceKind): string {
  if (typeof value !== 'string') return String(value);
  if (kind === 'json') return JSON.stringify(value);
  if (kind === 'yaml') return /^[A-Za-z0-9_./-]+$/.test(value) && !/^(true|false|null|yes|no|on|off|~|\d.*)$/i.test(value) ? value : `'${value.replace(/'/g, "''")}'`;
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\$\{/g, '$${').replace(/%\{/g, '%%{')}"`;
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
