import type { SourceKind } from '../../documents/analyzer';
import type { Text } from '../../matrices/types';
import type { Finding } from '../../rules/types';
import { quickFixesFor, type FixContext, type TextChange } from '../quickFixes';
import { disjoint, lineIndexOf, type OffsetEdit } from './offsetEdit';

const MAX_REPAIRS_PER_ACTION = 500;

/** Every finding of one rule in a file repaired at once, where each repair is mechanical. */
export interface FixAll {
  readonly ruleId: string;
  readonly title: Text;
  readonly changes: readonly TextChange[];
  /** How many findings the edit repairs. */
  readonly count: number;
}

/**
 * One "fix all" per rule: for each open (unsuppressed) finding of the rule, its first mechanical repair (a secure
 * value, a missing setting, NoEcho, a literal default removed), all computed on the same text. A repair whose
 * edits would overlap or touch one already taken is left for its own quick fix, so the edits always apply
 * together. Repairs that need a person's choice (placeholders, new variable names, credentials removed) are
 * never included.
 */
export function fixAllByRule(findings: readonly Finding[], text: string, kind: SourceKind, context: FixContext = {}): FixAll[] {
  const index = lineIndexOf(text);
  const byRule = new Map<string, Finding[]>();
  for (const finding of findings) if (!finding.suppressed) byRule.set(finding.ruleId, [...(byRule.get(finding.ruleId) ?? []), finding]);
  const result: FixAll[] = [];
  for (const [ruleId, group] of byRule) {
    const taken: OffsetEdit[] = [];
    const changes: TextChange[] = [];
    let count = 0;
    // Bounded: a generated file with thousands of findings of one rule gets its first ones fixed per action.
    for (const finding of group.slice(0, MAX_REPAIRS_PER_ACTION)) {
      const fix = quickFixesFor(finding, text, kind, context).find((f) => f.mechanical);
      if (!fix || fix.changes.some((c) => c.file)) continue;
      const edits = fix.changes.map((c) => ({ start: index.offsetAt(c.range.start), end: index.offsetAt(c.range.end), newText: c.newText }));
      if (!disjoint([...taken, ...edits])) continue;
      taken.push(...edits);
      changes.push(...fix.changes);
      count++;
    }
    if (count > 0) result.push({ ruleId, count, changes, title: { en: `Fix all ${ruleId} in this file (${count})`, zh: `修复此文件中全部 ${ruleId}（${count} 处）` } });
  }
  return result;
}
