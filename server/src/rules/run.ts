import { ResourceMemo } from '../incremental/resourceMemo';
import type { IacDocument, IacFormat, Resource } from '../model/types';
import { checkResource, type DeclarativeRule } from './declarative/rule';
import { ModuleResources } from './links';
import { EMPTY_VIEW, type ModuleView } from '../model/moduleLookup';
import type { Finding, RuleMeta } from './types';
import type { SourceText } from './source';

/**
 * A TypeScript rule that judges one resource at a time: its findings can be kept per resource across edits.
 * `source` is the document's text when the caller has it, for rules that point inside a value.
 */
export interface ResourceRule {
  readonly meta: RuleMeta;
  readonly scope: 'resource';
  checkResource(resource: Resource, format: IacFormat, source?: SourceText): Finding[];
}

/** A TypeScript rule that looks across resources; `module` holds the other files of the same Terraform module. */
export interface DocumentRule {
  readonly meta: RuleMeta;
  readonly scope: 'document';
  check(document: IacDocument, module: ModuleView): Finding[];
}

/** A rule written in TypeScript: for checks a declarative condition cannot express (credentials, policies). */
export type CodeRule = ResourceRule | DocumentRule;

/**
 * Remembers the findings of the per-resource rules (declarative and `scope: 'resource'`) for each resource
 * object, for one set of rules: a new rule set needs a new cache.
 */
export type ResourceFindingsCache = ResourceMemo<readonly Finding[]>;

export function newResourceFindingsCache(): ResourceFindingsCache {
  return new ResourceMemo<readonly Finding[]>((findings, shift) => {
    const moved: Finding[] = [];
    for (const finding of findings) {
      const copy = shift.finding(finding);
      if (!copy) return undefined;
      moved.push(copy);
    }
    return moved;
  });
}

export function byPosition(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId);
}

/** Runs every rule over a document (whose text is `source`, when given); findings come back in document order. */
export function runRules(
  document: IacDocument,
  declarative: readonly DeclarativeRule[],
  code: readonly CodeRule[],
  module: ModuleView = EMPTY_VIEW,
  cache?: ResourceFindingsCache,
  source?: SourceText,
): Finding[] {
  const isRos = document.format === 'ros-yaml' || document.format === 'ros-json';
  const perResource = (resource: Resource): readonly Finding[] => {
    const findings: Finding[] = [];
    for (const rule of declarative) findings.push(...checkResource(rule, resource, isRos, 'own'));
    for (const rule of code) if (rule.scope === 'resource') findings.push(...rule.checkResource(resource, document.format, source));
    return findings;
  };
  const findings: Finding[] = [];
  for (const resource of document.resources) findings.push(...(cache ? cache.get(resource, () => perResource(resource)) : perResource(resource)));
  // Targets another resource may overrule (a bucket's versioning set by a separate resource) look across the module.
  const withCompanions = declarative.filter((rule) => (isRos ? rule.ros : rule.terraform).some((target) => target.unlessConfiguredBy));
  if (withCompanions.length > 0) {
    const everywhere = new ModuleResources(document, module);
    for (const resource of document.resources) {
      for (const rule of withCompanions) findings.push(...checkResource(rule, resource, isRos, 'companions', everywhere));
    }
  }
  for (const rule of code) if (rule.scope === 'document') findings.push(...rule.check(document, module));
  return findings.sort(byPosition);
}
