import type { Text } from '../../matrices/types';
import { ruleMeta } from '../meta';
import { unsafePatternReason } from './patternSafety';
import { isAttributePath } from './attributePath';
import type { RuleFamily, Severity } from '../types';
import type { Condition } from './conditions';
import type { DeclarativeRule, DeclarativeTarget } from './rule';
import { compilePattern, type PatternEngine } from './patterns';

/** A rules file as its JSON Schema (matrices/schema/rules.schema.json) describes it. */
export interface RawRuleFile {
  rules: RawRule[];
}

interface RawTarget extends Omit<DeclarativeTarget, 'when'> {
  when: Condition | Condition[];
}

interface RawRule {
  id: string;
  family: RuleFamily;
  severity: Severity;
  item: string;
  title: Text;
  message: Text;
  rationale: Text;
  remediation: Text;
  references: string[];
  xref: { checkov: string[]; kics: string[]; infraguard: string[]; trivy: string[] };
  terraform?: RawTarget[];
  ros?: RawTarget[];
}

interface LoadError {
  file: string;
  key: string;
  message: string;
}

/**
 * Turns a schema-valid rules file into rules, checking what a schema cannot: the item exists and the
 * customer bears a duty for it (provider-only items are explained, never flagged), and every regular
 * expression compiles.
 */
export function toDeclarativeRules(raw: RawRuleFile, file: string, origin: string, items: ReadonlySet<string>, customerItems: ReadonlySet<string>, errors: LoadError[]): DeclarativeRule[] {
  const rules: DeclarativeRule[] = [];
  raw.rules.forEach((rule, index) => {
    const key = `/rules/${index}`;
    if (!items.has(rule.item)) {
      errors.push({ file, key: `${key}/item`, message: `unknown item "${rule.item}" · 未知的责任项“${rule.item}”` });
      return;
    }
    if (!customerItems.has(rule.item)) {
      errors.push({
        file,
        key: `${key}/item`,
        message: `the customer bears no duty for "${rule.item}" in any service model; only customer-owned items are checked · 在任何服务模式下客户都不承担“${rule.item}”的责任；只检查客户承担责任的责任项`,
      });
      return;
    }
    const targets = (list: RawTarget[] | undefined): DeclarativeTarget[] =>
      (list ?? []).map((target) => ({ ...target, when: Array.isArray(target.when) ? { all: target.when } : target.when }));
    const terraform = targets(rule.terraform);
    const ros = targets(rule.ros);
    // Workspace rules run on RE2, whose matching time is linear whatever the pattern; built-in ones on V8.
    const patterns: PatternEngine = origin === 'builtin' ? 'javascript' : 're2';
    for (const [name, list] of [['terraform', terraform], ['ros', ros]] as const) {
      list.forEach((target, targetIndex) => {
        const problem = firstBadPattern(target.when, patterns);
        if (problem) errors.push({ file, key: `${key}/${name}/${targetIndex}/when`, message: problem });
        for (const fix of ['set', 'placeholder', 'extractSecret'] as const) {
          const fixPath = target.fix?.[fix]?.path;
          if (fixPath !== undefined && !isAttributePath(fixPath)) errors.push({ file, key: `${key}/${name}/${targetIndex}/fix/${fix}/path`, message: badFixPath(fixPath) });
        }
      });
    }
    rules.push({
      patterns,
      meta: ruleMeta({
        ...rule,
        terraform: [...new Set(terraform.flatMap((t) => t.types))],
        ros: [...new Set(ros.flatMap((t) => t.types))],
        origin: origin === 'builtin' ? 'builtin' : file,
      }),
      terraform,
      ros,
    });
  });
  return rules;
}

/** The first pattern of a condition that does not compile on its engine, or that V8 could run for ever. */
function firstBadPattern(condition: Condition, patterns: PatternEngine): string | undefined {
  if ('all' in condition) return condition.all.map((c) => firstBadPattern(c, patterns)).find(Boolean);
  if ('any' in condition) return condition.any.map((c) => firstBadPattern(c, patterns)).find(Boolean);
  if ('not' in condition) return firstBadPattern(condition.not, patterns);
  for (const pattern of [condition.matches, condition.referenceMatches]) {
    if (pattern === undefined) continue;
    try {
      compilePattern(pattern, patterns);
    } catch (error) {
      const message = (error as Error).message;
      return patterns === 're2'
        ? `invalid regular expression for RE2 (no look-around, no back-references): ${message} · 正则表达式不符合 RE2 语法（不支持环视和反向引用）：${message}`
        : `invalid regular expression: ${message} · 正则表达式无效：${message}`;
    }
    const unsafe = patterns === 'javascript' ? unsafePatternReason(pattern) : undefined;
    if (unsafe) return `unsafe regular expression: ${unsafe} · 正则表达式可能导致指数级回溯`;
  }
  return undefined;
}

/** The path is quoted escaped (JSON), so a newline in it shows as `\n` on one line instead of breaking the message. */
function badFixPath(path: string): string {
  const shown = JSON.stringify(path.length > 60 ? `${path.slice(0, 60)}…` : path);
  return `a fix path must be attribute names joined by dots (letters, digits, _ and -), not ${shown} · 修复路径只能是以点连接的属性名（字母、数字、_ 和 -），不能是 ${shown}`;
}
