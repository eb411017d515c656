import type { Text } from '../matrices/types';
import type { CrossReferences, RuleMeta, RuleFamily, Severity } from './types';

const NO_XREF: CrossReferences = { checkov: [], kics: [], infraguard: [], trivy: [] };

/** A rule's metadata from its fields; unspecified cross-references are empty, never guessed. */
export function ruleMeta(meta: {
  id: string;
  family: RuleFamily;
  severity: Severity;
  item: string;
  title: Text;
  message: Text;
  rationale: Text;
  remediation: Text;
  references?: string[];
  xref?: Partial<CrossReferences>;
  terraform?: string[];
  ros?: string[];
  /** `builtin`, or the custom rules file that defines the rule. */
  origin?: string;
}): RuleMeta {
  return {
    id: meta.id,
    family: meta.family,
    severity: meta.severity,
    item: meta.item,
    title: meta.title,
    message: meta.message,
    rationale: meta.rationale,
    remediation: meta.remediation,
    references: meta.references ?? [],
    xref: { ...NO_XREF, ...meta.xref },
    appliesTo: { terraform: meta.terraform ?? [], ros: meta.ros ?? [] },
    origin: meta.origin ?? 'builtin',
  };
}

/** Fills {value} and {resource} in both languages. */
export function fill(text: Text, values: { value?: string; resource?: string }): Text {
  const apply = (s: string): string => s.replace(/\{value\}/g, values.value ?? '').replace(/\{resource\}/g, values.resource ?? '');
  return { en: apply(text.en), zh: apply(text.zh) };
}
