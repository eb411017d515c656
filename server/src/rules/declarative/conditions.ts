import type { Setting } from '../../model/types';
import { compilePattern, type PatternEngine } from './patterns';

/**
 * Conditions of declarative rules over a resource's settings, in three-valued logic: a value that is a
 * reference or an expression we cannot evaluate makes a test `unknown`, and only `true` produces a finding.
 */
export type Truth = true | false | 'unknown';

/**
 * Longest value a rule's regular expression is run on; longer values are not judged. This bounds the work of
 * the built-in rules' patterns on huge values (those that could backtrack exponentially are refused when the
 * rules load, patternSafety.ts); custom rules' patterns run on RE2, in linear time (patterns.ts).
 */
export const MAX_PATTERN_INPUT = 10_000;

export type Condition =
  | { readonly all: readonly Condition[] }
  | { readonly any: readonly Condition[] }
  | { readonly not: Condition }
  | ValueTest;

export interface ValueTest {
  /** Dotted path relative to the scope (the resource, or the list element under `each`). */
  readonly path: string;
  readonly equals?: string | number | boolean;
  readonly in?: readonly (string | number | boolean)[];
  /** Case-insensitive regular expression on a literal string. */
  readonly matches?: string;
  readonly absent?: boolean;
  readonly present?: boolean;
  /** A non-empty literal string written here (a hardcoded value where a reference belongs); resolved values do not count. */
  readonly literal?: boolean;
  readonly lessThan?: number;
  readonly greaterThan?: number;
  /** A CIDR list or comma-separated whitelist that admits every address (0.0.0.0/0, ::/0, 0.0.0.0). */
  readonly cidrOpen?: boolean;
  /** A port range (`22/22`, `1/65535`, `-1/-1`, `22`) covering any of these ports. */
  readonly portsInclude?: readonly number[];
  /** Case-insensitive regular expression on the text of a reference (e.g. an access key's secret attribute). */
  readonly referenceMatches?: string;
}

/** The settings a condition sees, by path. */
export type Scope = ReadonlyMap<string, readonly Setting[]>;

export function scopeOf(settings: readonly Setting[], prefix = ''): Scope {
  const scope = new Map<string, Setting[]>();
  for (const setting of settings) {
    if (prefix && !setting.path.startsWith(`${prefix}.`)) continue;
    const path = prefix ? setting.path.slice(prefix.length + 1) : setting.path;
    const list = scope.get(path);
    if (list) list.push(setting);
    else scope.set(path, [setting]);
  }
  return scope;
}

/** `patterns`: the engine of the rule's regular expressions (RE2 for custom rules). */
export function evaluate(condition: Condition, scope: Scope, patterns: PatternEngine = 'javascript'): Truth {
  if ('all' in condition) return and(condition.all.map((c) => evaluate(c, scope, patterns)));
  if ('any' in condition) return or(condition.any.map((c) => evaluate(c, scope, patterns)));
  if ('not' in condition) {
    const inner = evaluate(condition.not, scope, patterns);
    return inner === 'unknown' ? 'unknown' : !inner;
  }
  return testValue(condition, scope.get(condition.path) ?? [], patterns);
}

function and(values: readonly Truth[]): Truth {
  if (values.includes(false)) return false;
  return values.includes('unknown') ? 'unknown' : true;
}

function or(values: readonly Truth[]): Truth {
  if (values.includes(true)) return true;
  return values.includes('unknown') ? 'unknown' : false;
}

/** Settings at a path: the literal scalars among them (list elements included) and whether any is unknown. */
function literalsOf(settings: readonly Setting[]): { values: (string | number | boolean | null)[]; unknown: boolean } {
  const values: (string | number | boolean | null)[] = [];
  let unknown = false;
  for (const setting of settings) {
    if (setting.value.kind === 'literal') values.push(setting.value.value);
    else if (setting.resolved) values.push(setting.resolved.value);
    else if (setting.value.kind === 'reference' || setting.value.kind === 'unknown') unknown = true;
  }
  return { values, unknown };
}

function testValue(test: ValueTest, settings: readonly Setting[], patterns: PatternEngine): Truth {
  if (test.absent !== undefined) return (settings.length === 0) === test.absent;
  if (test.present !== undefined) return (settings.length > 0) === test.present;
  if (test.referenceMatches !== undefined) {
    const pattern = compilePattern(test.referenceMatches, patterns);
    return settings.some((s) => s.value.kind !== 'literal' && 'text' in s.value && s.value.text.length <= MAX_PATTERN_INPUT && pattern.test(s.value.text));
  }
  if (settings.length === 0) return false;
  // `literal` asks whether the value is written right here: a value resolved from elsewhere is reported where it is written.
  if (test.literal !== undefined) return settings.some((s) => s.value.kind === 'literal' && typeof s.value.value === 'string' && s.value.value.trim() !== '') === test.literal;
  const { values, unknown } = literalsOf(settings);
  const predicate = predicateOf(test, patterns);
  if (values.some(predicate)) return true;
  return unknown ? 'unknown' : false;
}

function predicateOf(test: ValueTest, patterns: PatternEngine): (value: string | number | boolean | null) => boolean {
  if (test.equals !== undefined) return (value) => sameValue(value, test.equals as string | number | boolean);
  if (test.in !== undefined) return (value) => (test.in ?? []).some((candidate) => sameValue(value, candidate));
  if (test.matches !== undefined) {
    const pattern = compilePattern(test.matches, patterns);
    return (value) => typeof value === 'string' && value.length <= MAX_PATTERN_INPUT && pattern.test(value);
  }
  if (test.literal !== undefined) return (value) => typeof value === 'string' && value.trim() !== '';
  if (test.lessThan !== undefined) return (value) => toNumber(value) !== undefined && (toNumber(value) as number) < (test.lessThan as number);
  if (test.greaterThan !== undefined) return (value) => toNumber(value) !== undefined && (toNumber(value) as number) > (test.greaterThan as number);
  if (test.cidrOpen !== undefined) return (value) => typeof value === 'string' && admitsEveryAddress(value) === test.cidrOpen;
  if (test.portsInclude !== undefined) return (value) => coversAnyPort(value, test.portsInclude ?? []);
  return () => false;
}

/** Booleans and numbers compare with their string spellings too: ROS and HCL write `true` and `"true"` alike. */
function sameValue(value: string | number | boolean | null, expected: string | number | boolean): boolean {
  if (value === null) return false;
  if (typeof expected === 'string' && typeof value === 'string') return value.toLowerCase() === expected.toLowerCase();
  return String(value).toLowerCase() === String(expected).toLowerCase();
}

function toNumber(value: string | number | boolean | null): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

const OPEN_CIDRS = new Set(['0.0.0.0/0', '0.0.0.0', '::/0', '0::0/0', '::']);

export function admitsEveryAddress(value: string): boolean {
  return value.split(/[,;\s]+/).some((part) => OPEN_CIDRS.has(part.trim()));
}

/** `22/22`, `1/65535`, `-1/-1` (all), `22` and `20-25` all read as ranges. */
export function coversAnyPort(value: string | number | boolean | null, ports: readonly number[]): boolean {
  const text = String(value ?? '').trim();
  if (text === '-1/-1' || text === '-1') return true;
  const match = /^(\d+)(?:\s*[/-]\s*(\d+))?$/.exec(text);
  if (!match) return false;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return ports.some((port) => port >= from && port <= to);
}
