import type { SourceKind } from '../documents/analyzer';
import type { Range } from '../model/types';
import type { Text } from '../matrices/types';
import type { Finding, FixPlan } from '../rules/types';
import { LineIndex } from '../util/lineIndex';
import { ignoreCommentEdit } from './fixes/ignoreComment';
import { disjoint, lineIndexOf, type OffsetEdit } from './fixes/offsetEdit';
import { addSettingEdits, removalEdits } from './fixes/settingEdits';
import { extractSecretFix } from './fixes/extractSecret';
import { literal } from './fixes/literal';

export { literal };

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
  /** The repair it carries out; absent for a suppression comment. */
  readonly plan?: FixPlan;
  /**
   * Safe to apply without a person choosing anything, so "fix all of this rule" may apply it: a secure value set,
   * a missing setting added, a literal default removed. Not: placeholders, secrets moved to new names, credentials
   * removed (the run-time environment must then provide them), suppressions.
   */
  readonly mechanical: boolean;
}

/**
 * Quick fixes for a finding: its planned repairs in the rule's order (the one the message recommends first, and
 * preferred unless it is a placeholder to fill in), then a suppression comment where the syntax has comments. A repair whose edit cannot be built
 * safely for this text is not offered.
 */
export function quickFixesFor(finding: Finding, text: string, kind: SourceKind, context: FixContext = {}): QuickFix[] {
  if (finding.embedded) return embeddedFixes(finding, finding.embedded);
  const index = lineIndexOf(text);
  const fixes: QuickFix[] = [];
  for (const plan of finding.fixes) {
    // A backend block cannot read variables: a variable there would break `terraform init`.
    if (plan.kind === 'extract-secret' && finding.resource?.kind === 'backend') continue;
    const fix = attempt(() => (plan.kind === 'extract-secret' ? extractSecretFix(plan, text, kind, context) : repair(plan, text, kind, index)));
    // A placeholder leaves a value to fill in, so it is never the fix an editor applies on its own.
    if (fix) fixes.push({ ...fix, preferred: plan.kind !== 'placeholder' && !fixes.some((f) => f.preferred) });
  }
  const ignore = ignoreCommentEdit(finding.ruleId, finding.range.start.line, text, kind);
  if (ignore) fixes.push({ title: ignore.title, changes: [{ range: ignore.range, newText: ignore.newText }], select: ignore.select, preferred: false, mechanical: false });
  return fixes;
}

/**
 * Fixes for Terraform embedded in a ROS template: built on the embedded text as Terraform, then every edit is
 * moved to the template and escaped for its syntax (block-scalar indentation, JSON string escapes). A fix that
 * would touch another file, or whose text the template cannot hold, is not offered.
 */
function embeddedFixes(finding: Finding, embedded: NonNullable<Finding['embedded']>): QuickFix[] {
  const { map, innerRange } = embedded;
  const inner: Finding = { ...finding, range: innerRange, embedded: undefined };
  const index = lineIndexOf(map.text);
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
    // The plan's ranges are in the embedded text; outside, only the edits mean something.
    return [{ ...fix, changes, plan: undefined, ...(select ? { select } : { select: undefined }) }];
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

type Repair = Omit<QuickFix, 'preferred'>;

/** A repair the text defeats (a parser giving up on pathological input) is not offered, rather than failing every fix. */
function attempt(build: () => Repair | undefined): Repair | undefined {
  try {
    return build();
  } catch {
    return undefined;
  }
}

function repair(plan: FixPlan, text: string, kind: SourceKind, index: LineIndex): Repair | undefined {
  switch (plan.kind) {
    case 'set-value':
      return {
        title: { en: `Set to ${String(plan.value)}`, zh: `设为 ${String(plan.value)}` },
        changes: [{ range: plan.range, newText: literal(plan.value, kind) }],
        plan,
        mechanical: true,
      };
    case 'placeholder': {
      const newText = literal(plan.placeholder, kind);
      const quote = newText.startsWith('"') || newText.startsWith("'") ? 1 : 0;
      const start = { line: plan.range.start.line, character: plan.range.start.character + quote };
      return {
        title: { en: 'Replace with a placeholder for the trusted range', zh: '替换为可信网段占位符' },
        changes: [{ range: plan.range, newText }],
        select: { start, end: { line: start.line, character: start.character + plan.placeholder.length } },
        plan,
        mechanical: false,
      };
    }
    case 'add-setting': {
      const changes = toChanges(addSettingEdits(plan, text, kind), index);
      return changes && { title: { en: `Add ${plan.path} = ${String(plan.value)}`, zh: `添加 ${plan.path} = ${String(plan.value)}` }, changes, plan, mechanical: true };
    }
    case 'remove-setting': {
      const changes = toChanges(removalEdits(plan.range, text, kind), index);
      return changes && { title: removalTitle(plan, text, index), changes, plan, mechanical: plan.instead === undefined };
    }
    case 'extract-secret':
      return undefined;
  }
}

/** "Remove" says what replaces the value when something must: the environment variable or a profile. */
function removalTitle(plan: Extract<FixPlan, { kind: 'remove-setting' }>, text: string, index: LineIndex): Text {
  const key = /^[A-Za-z0-9_."-]+/.exec(text.slice(index.offsetAt(plan.range.start), index.offsetAt(plan.range.end)))?.[0]?.replace(/"/g, '') ?? '';
  const { instead } = plan;
  if (!instead) return { en: `Remove ${key || 'this setting'}`, zh: `删除 ${key || '此设置'}` };
  const { environment, profile } = instead;
  if (environment && profile) return { en: `Remove ${key}: read it from ${environment} in the environment or from a profile`, zh: `删除 ${key}：改从环境变量 ${environment} 或 profile 读取` };
  if (environment) return { en: `Remove ${key}: read it from ${environment} in the environment`, zh: `删除 ${key}：改从环境变量 ${environment} 读取` };
  return { en: `Remove ${key}: supply it from the environment at run time`, zh: `删除 ${key}：运行时从环境变量提供` };
}

function toChanges(edits: readonly OffsetEdit[] | undefined, index: LineIndex): TextChange[] | undefined {
  if (!edits || !disjoint(edits)) return undefined;
  return edits.map((edit) => ({ range: index.rangeOf(edit.start, edit.end), newText: edit.newText }));
}
