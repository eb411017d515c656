import type { IacDocument } from '../model/types';
import { checkResource, type DeclarativeRule } from './declarative/rule';
import type { Finding, RuleMeta } from './types';

/** A rule written in TypeScript: for checks a declarative condition cannot express (credentials, policies). */
export interface CodeRule {
  readonly meta: RuleMeta;
  /** `module`: the other files of the same Terraform module (empty for ROS and single files). */
  check(document: IacDocument, module: readonly IacDocument[]): Finding[];
}

/** Runs every rule over a document; findings come back in document order. */
export function runRules(document: IacDocument, declarative: readonly DeclarativeRule[], code: readonly CodeRule[], module: readonly IacDocument[] = []): Finding[] {
  const isRos = document.format === 'ros-yaml' || document.format === 'ros-json';
  const findings: Finding[] = [];
  for (const resource of document.resources) {
    for (const rule of declarative) findings.push(...checkResource(rule, resource, isRos));
  }
  for (const rule of code) findings.push(...rule.check(document, module));
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}
