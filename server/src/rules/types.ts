/**
 * Rules and findings: the customer-owned misconfigurations the engine reports. Plain data, no LSP.
 * Positions follow the model (0-based lines, UTF-16 columns); outputs convert them.
 */
import type { PositionMap } from '../model/positionMap';
import type { Range, Resource } from '../model/types';
import type { Text } from '../matrices/types';

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_FAMILIES = ['credentials', 'network', 'data', 'iam', 'audit'] as const;
export type RuleFamily = (typeof RULE_FAMILIES)[number];

/** Rule ids of the peer tools that check the same thing, looked up in their documentation (never guessed). */
export interface CrossReferences {
  readonly checkov: readonly string[];
  readonly kics: readonly string[];
  readonly infraguard: readonly string[];
  readonly trivy: readonly string[];
}

/** What a rule is, independent of how it checks. Drives diagnostics, docs/rules/<id>.md and SARIF rules. */
export interface RuleMeta {
  /** Stable, kebab-case: what suppression comments and severity settings name. */
  readonly id: string;
  readonly family: RuleFamily;
  readonly severity: Severity;
  /** The responsibility item the rule protects; the customer must bear a duty for it. */
  readonly item: string;
  readonly title: Text;
  /** The diagnostic text; may use {value} for the (masked) offending value. */
  readonly message: Text;
  readonly rationale: Text;
  readonly remediation: Text;
  readonly references: readonly string[];
  readonly xref: CrossReferences;
  /** Resource types (Terraform and ROS) the rule looks at; informational for docs. */
  readonly appliesTo: { readonly terraform: readonly string[]; readonly ros: readonly string[] };
  /** `builtin` for rules shipped here, or the custom-rule file that defines it. */
  readonly origin: string;
}

/** A secret found in a value, never carried unmasked beyond the detector. */
export interface SecretEvidence {
  /** E.g. `LTAI…Yw`: the first 4 and last 2 characters, the rest elided. */
  readonly masked: string;
  /** sha256 of the value, hex: lets a baseline or waiver name the secret without holding it. */
  readonly hash: string;
  /** What kind of credential the detector recognised, e.g. `alibaba-access-key-id`. */
  readonly kind: string;
}

/** How a quick fix would repair the finding; the server turns it into a text edit for the document's syntax. */
export type FixPlan =
  | { readonly kind: 'set-value'; readonly range: Range; readonly value: string | number | boolean }
  | { readonly kind: 'add-setting'; readonly resource: Resource; readonly path: string; readonly value: string | number | boolean }
  | { readonly kind: 'placeholder'; readonly range: Range; readonly placeholder: string }
  /**
   * Delete the setting. `instead` is set when the value must come from somewhere else at run time: a credential
   * read from an environment variable (`environment`, the one the provider or backend documents) or a profile.
   */
  | { readonly kind: 'remove-setting'; readonly range: Range; readonly instead?: { readonly environment?: string; readonly profile: boolean } }
  /** Replace a literal secret by a reference to a new sensitive variable / NoEcho parameter named `name`. */
  | { readonly kind: 'extract-secret'; readonly range: Range; readonly name: string };

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** Final text (placeholders filled, secrets masked) in both languages. */
  readonly message: Text;
  readonly range: Range;
  readonly resource: Resource | null;
  readonly secret?: SecretEvidence;
  readonly fixes: readonly FixPlan[];
  /**
   * Set for a finding inside Terraform embedded in a ROS template (Workspace): `range` is in the template, but the
   * fix plans and `innerRange` are in the embedded file's text, which the map carries; fixes are built there, in
   * Terraform, and each edit is mapped out and escaped for the template.
   */
  readonly embedded?: { readonly map: PositionMap; readonly innerRange: Range };
  /** Where a judged value really comes from, when it is written elsewhere (another file or line). */
  readonly related?: readonly { readonly file: string | null; readonly range: Range; readonly message: Text }[];
  /** Set when a comment in the file suppresses the finding; it stays visible in reports. */
  readonly suppressed?: { readonly by: string; readonly reason: string };
}
