import type { Resolution, Resource, Setting } from '../../model/types';
import { fill } from '../meta';
import type { Finding, FixPlan, RuleMeta } from '../types';
import { evaluate, scopeOf, type Condition, type Scope } from './conditions';
import type { PatternEngine } from './patterns';
import { configuredByCompanion, ModuleResources, type CompanionLink } from '../links';
import { maskSecretsIn } from '../secrets/displaySafe';

const NO_RESOURCES = new ModuleResources(undefined);

/** Where and how a declarative rule looks, for one syntax. */
export interface DeclarativeTarget {
  /** Resource types; for Terraform also `provider:<name>` and `backend:<name>`. */
  readonly types: readonly string[];
  /** A list or repeated block to check element by element (conditions' paths are then relative to it). */
  readonly each?: string;
  readonly when: Condition;
  /** The setting whose value the finding points at; the resource header when absent. */
  readonly report?: string;
  /**
   * Another resource of the module may configure what this target finds missing (a separate
   * `alicloud_oss_bucket_versioning` for a bucket without a `versioning` block): no finding when one names the
   * resource, nor when one names something that cannot be followed.
   */
  readonly unlessConfiguredBy?: CompanionLink;
  readonly fix?: {
    readonly set?: { readonly path: string; readonly value: string | number | boolean };
    readonly placeholder?: { readonly path: string; readonly text: string };
    readonly extractSecret?: { readonly path: string };
  };
}

export interface DeclarativeRule {
  readonly meta: RuleMeta;
  /** The engine of the rule's regular expressions: V8's for built-in rules, RE2 for custom ones (patterns.ts). */
  readonly patterns: PatternEngine;
  readonly terraform: readonly DeclarativeTarget[];
  readonly ros: readonly DeclarativeTarget[];
}

/**
 * The variable/parameter a moved secret gets: `web_password` in Terraform, `WebServerPassword` in ROS. Made of
 * masked names, so that a key written into a resource name is neither copied into the file again nor shown in
 * the quick fix's title.
 */
export function secretName(resource: Resource, key: string): string {
  const name = maskSecretsIn(resource.name);
  const safeKey = maskSecretsIn(key);
  if (/^[A-Z]/.test(key)) return `${name}${safeKey}`.replace(/[^A-Za-z0-9]/g, '');
  const owner = resource.kind === 'provider' || resource.kind === 'backend' ? maskSecretsIn(resource.type) : name;
  return `${owner}_${safeKey}`.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Where a judged value is really written: "The value comes from var.x → terraform.tfvars". */
function relatedValue(resolution: Resolution): NonNullable<Finding['related']>[number] {
  return {
    file: resolution.file,
    range: resolution.range,
    message: { en: `The value comes from ${maskSecretsIn(resolution.via)}`, zh: `取值来自 ${maskSecretsIn(resolution.via)}` },
  };
}

/** The type a target names a resource by: its resource type, or `provider:x` / `backend:x`. */
function targetType(resource: Resource): string | undefined {
  if (resource.kind === 'resource') return resource.type;
  if (resource.kind === 'provider' || resource.kind === 'backend') return `${resource.kind}:${resource.type}`;
  return undefined;
}

/**
 * Runs one declarative rule over one resource. `targets`: `own` only those that look at the resource alone
 * (their findings depend on it alone, so they can be kept per resource), `companions` only those another
 * resource may overrule, `all` both. `resources`: every resource of the document and its module, where
 * companions are looked for.
 */
export function checkResource(
  rule: DeclarativeRule,
  resource: Resource,
  isRos: boolean,
  targets: 'all' | 'own' | 'companions' = 'all',
  module: ModuleResources = NO_RESOURCES,
): Finding[] {
  const type = targetType(resource);
  if (!type) return [];
  const findings: Finding[] = [];
  for (const target of isRos ? rule.ros : rule.terraform) {
    if (!target.types.includes(type)) continue;
    if (targets !== 'all' && (target.unlessConfiguredBy !== undefined) !== (targets === 'companions')) continue;
    const link = target.unlessConfiguredBy;
    for (const { scope, prefix } of scopesOf(resource, target.each)) {
      if (evaluate(target.when, scope, rule.patterns) !== true) continue;
      // Looked up only for what would be reported: most resources never get this far.
      if (link && configuredByCompanion(resource, link, module, isRos) !== false) continue;
      findings.push(findingFor(rule.meta, resource, target, scope, prefix));
    }
  }
  return findings;
}

/** Scopes of whole resources, built once per settings list: most rules that apply to a type read all of it. */
const wholeScopes = new WeakMap<readonly Setting[], Scope>();

function wholeScopeOf(settings: readonly Setting[]): Scope {
  let scope = wholeScopes.get(settings);
  if (!scope) {
    scope = scopeOf(settings);
    wholeScopes.set(settings, scope);
  }
  return scope;
}

/** The whole resource, or each element of the `each` list/block (its settings found by range). */
export function scopesOf(resource: Resource, each: string | undefined): { scope: Scope; prefix: string }[] {
  if (!each) return [{ scope: wholeScopeOf(resource.settings), prefix: '' }];
  const elements = resource.settings.filter((s) => s.path === each && s.value.kind === 'block');
  return elements.map((element) => ({
    scope: scopeOf(resource.settings.filter((s) => s !== element && within(s, element)), each),
    prefix: each,
  }));
}

function within(setting: Setting, element: Setting): boolean {
  const { start } = setting.keyRange;
  const { start: from, end: to } = element.valueRange;
  const afterStart = start.line > from.line || (start.line === from.line && start.character >= from.character);
  const beforeEnd = start.line < to.line || (start.line === to.line && start.character <= to.character);
  return afterStart && beforeEnd;
}

function findingFor(meta: RuleMeta, resource: Resource, target: DeclarativeTarget, scope: Scope, prefix: string): Finding {
  const reported = target.report ? scope.get(target.report)?.find((s) => s.value.kind === 'literal') ?? scope.get(target.report)?.[0] : undefined;
  const value = reported?.value.kind === 'literal' ? String(reported.value.value) : reported?.resolved ? String(reported.resolved.value) : '';
  const fixes: FixPlan[] = [];
  if (target.fix?.set) {
    const existing = scope.get(target.fix.set.path)?.find((s) => s.value.kind === 'literal');
    fixes.push(
      existing
        ? { kind: 'set-value', range: existing.valueRange, value: target.fix.set.value }
        : { kind: 'add-setting', resource, path: prefix ? `${prefix}.${target.fix.set.path}` : target.fix.set.path, value: target.fix.set.value },
    );
  }
  if (target.fix?.placeholder) {
    const existing = scope.get(target.fix.placeholder.path)?.find((s) => s.value.kind === 'literal');
    if (existing) fixes.push({ kind: 'placeholder', range: existing.valueRange, placeholder: target.fix.placeholder.text });
  }
  if (target.fix?.extractSecret) {
    const existing = scope.get(target.fix.extractSecret.path)?.find((s) => s.value.kind === 'literal');
    if (existing) fixes.push({ kind: 'extract-secret', range: existing.valueRange, name: secretName(resource, existing.key) });
  }
  return {
    ruleId: meta.id,
    severity: meta.severity,
    message: fill(meta.message, { value, resource: resource.name }),
    range: reported ? reported.valueRange : resource.headerRange,
    resource,
    fixes,
    ...(reported?.resolved ? { related: [relatedValue(reported.resolved)] } : {}),
  };
}
