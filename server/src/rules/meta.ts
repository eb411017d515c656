import type { Text } from '../matrices/types';
import type { CrossReferences, RuleMeta, RuleFamily, Severity } from './types';
import { maskSecretsIn } from './secrets/displaySafe';

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

/**
 * Fills {value} and {resource} in both languages. Both come from the scanned file, so any credential in them is
 * masked (a `{value}` of `0.0.0.0/0,LTAI…` would otherwise print the key that `hardcoded-secret` masks), and
 * they are inserted by a function: as a replacement string, a `$'` or `$&` in a value would be expanded.
 */
export function fill(text: Text, values: { value?: string; resource?: string }): Text {
  const shown: Record<string, string> = { value: maskSecretsIn(values.value ?? ''), resource: maskSecretsIn(values.resource ?? '') };
  const apply = (s: string): string => s.replace(/\{(value|resource)\}/g, (_, name: string) => shown[name] ?? '');
  return { en: apply(text.en), zh: apply(text.zh) };
}
