/** The responsibility model after loading: plain data, no syntax, no LSP. */
import type { DeclarativeRule } from '../rules/declarative/rule';

export interface Text {
  readonly zh: string;
  readonly en: string;
}

export const SERVICE_MODELS = ['iaas', 'paas', 'saas'] as const;
export type ServiceModel = (typeof SERVICE_MODELS)[number];

export const DEPLOYMENT_MODES = ['public-cloud', 'cloud-software', 'cloud-software-managed'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

export type PartyId = 'provider' | 'customer' | 'vendor';

/** What a party bears for an item: must bear it, does not, open to negotiation, or supports the bearer. */
export type Duty = 'yes' | 'no' | 'negotiable' | 'supporting';

/** Where a party's duty comes from, so hover and hints can say so. */
export type DutyOrigin = 'standard' | 'deployment-mode' | 'contract';

export interface PartyCell {
  readonly duty: Duty;
  /** What the party does, in the paper's words (the cell note), when there is one. */
  readonly note: Text | null;
  readonly origin: DutyOrigin;
}

export interface NegotiableOption {
  readonly id: string;
  readonly provider: Text | null;
  readonly customer: Text | null;
}

export interface Negotiation {
  readonly number: number;
  readonly label: Text;
  readonly table: Text;
  readonly options: readonly NegotiableOption[];
}

export interface Named {
  readonly id: string;
  readonly name: Text;
}

/** One row of a service model's table, after inheritance (and, once resolved, a deployment mode). */
export interface MatrixRow {
  readonly id: string;
  readonly serviceModel: ServiceModel;
  readonly category: Named;
  readonly scope: Named | null;
  readonly item: Text;
  /** What the item means, in the paper's words (section 三（一）), when it defines it. */
  readonly definition: Text | null;
  readonly provider: PartyCell;
  readonly customer: PartyCell;
  readonly vendor: PartyCell;
  readonly negotiation: Negotiation | null;
  /** The table the row is written in, e.g. 表1. */
  readonly table: Text;
  /**
   * Set when the row comes from another model's table ("同 IaaS 模式"): that model, the adopting table's words, and
   * the adopting table itself (e.g. 表3), while `table` stays the table whose cells the row carries (表1).
   */
  readonly inheritedFrom: { readonly serviceModel: ServiceModel; readonly note: Text | null; readonly table: Text } | null;
  /**
   * Set when a deployment mode changed the row: why, marked as our reading of the 2024 model (which has no item
   * tables), followed by the passage it rests on.
   */
  readonly modeNote: Text | null;
  /** Set when the workspace's contract changed the row: the chosen option, the vendor, the reassignment's reason. */
  readonly contractNote?: Text | null;
}

export interface ModeOverride {
  readonly categories: readonly string[];
  readonly items: readonly string[];
  /** Only rows of these service models; every service model when absent. */
  readonly serviceModels?: readonly ServiceModel[];
  readonly provider?: Duty;
  readonly customer?: Duty;
  readonly vendor?: Duty;
  readonly note: Text | null;
  readonly source: Text | null;
}

export interface DeploymentModeDefinition {
  readonly id: DeploymentMode;
  readonly name: Text;
  /** The 2024 model's own description of the mode. */
  readonly description: Text | null;
  /** Our clarification beside the 2024 text (e.g. which real cases fall under the mode), kept apart from its words. */
  readonly remark: Text | null;
  readonly overrides: readonly ModeOverride[];
}

export interface ResponsibilityModel {
  readonly categories: readonly Named[];
  readonly scopes: readonly (Named & { readonly category: string })[];
  /** Rows per service model in table order, inheritance applied, deployment mode not applied. */
  readonly rows: ReadonlyMap<ServiceModel, readonly MatrixRow[]>;
  readonly parties: readonly Named[];
  readonly modes: ReadonlyMap<DeploymentMode, DeploymentModeDefinition>;
}

/**
 * How a setting is acted on, whatever the item's row says about who bears the security responsibility:
 * - `configures`: the provider provides a capability (encryption, security groups, allowlists); the customer
 *   decides whether and how to use it;
 * - `chooses`: the customer chooses a parameter of a mechanism the provider runs (zone, backup schedule,
 *   retention, public image);
 * - `owns`: the customer alone decides it and bears the result (credentials, own images, permissions).
 * The author of the line acts on it in every case: no kind lets a label say the line is the provider's alone.
 */
export const ACTING_KINDS = ['configures', 'chooses', 'owns'] as const;
export type ActingKind = (typeof ACTING_KINDS)[number];

/** The provider's own words about a responsibility: a white-paper appendix line or a provider's page. */
export interface ProviderStatement {
  readonly id: string;
  /** Where it is said, e.g. the white paper's appendix section, or the page's title. */
  readonly source: Text;
  readonly url: string | null;
  /** YYYY-MM-DD of the page version quoted, when known. */
  readonly date: string | null;
  /** The provider's words, verbatim in Chinese, faithfully in English. */
  readonly quote: Text;
}

/**
 * What a particular value of a setting means for the customer, e.g. `cidr_ip = "0.0.0.0/0"`: the hover's first
 * line, and (with `hint`) a hint shown even where the block's other hints are folded.
 */
export interface ValueCase {
  /** The settings (by path) the case applies to; null for every setting of the item. */
  readonly paths: RegExp | null;
  /** Matched against each literal value of the setting. */
  readonly value: RegExp;
  /** A sibling setting that must not contradict: when it is a literal that does not match, the case does not apply. */
  readonly requires: { readonly path: RegExp; readonly value: RegExp } | null;
  /** A sibling setting whose literal fills `{port}` in the text. */
  readonly port: RegExp | null;
  /** A few words (≤ 28 characters) for the inlay hint. */
  readonly hint: Text | null;
  /** The verdict; `{value}` is the (escaped) value, `{port}` the sibling's ports. */
  readonly text: Text;
}

/** How settings on an item (or one setting) are acted on, and why: the matrices' setting-level model. */
export interface Acting {
  readonly kind: ActingKind;
  /** Why the label is what it is, in one or two sentences a reviewer can check against the sources. */
  readonly reason: Text;
  /** What the setting decides, e.g. "which traffic the security group lets in". */
  readonly decides: Text;
  /** What the customer must do with it. */
  readonly customer: Text;
  /** What the provider does for it. */
  readonly provider: Text;
  readonly statement: ProviderStatement | null;
  readonly cases: readonly ValueCase[];
}

/** A setting's own refinements of its item's default Acting; every field is optional. */
export type ActingOverride = Partial<Omit<Acting, 'cases'>> & { readonly cases?: readonly ValueCase[] };

/** The defaults per item (matrices/resources/acting.yaml) and the statements they cite. */
export interface ActingTable {
  readonly defaults: ReadonlyMap<string, Acting>;
  readonly statements: ReadonlyMap<string, ProviderStatement>;
}

/** A setting's mapping to items; `byValue` picks other items for particular literal values. */
export interface SettingMapping {
  readonly path: string;
  readonly items: readonly string[];
  readonly byValue: readonly { readonly pattern: RegExp; readonly items: readonly string[]; readonly label: Text | null }[];
  /** The setting's own refinements of how it is acted on; null to take its item's default. */
  readonly acting?: ActingOverride | null;
}

export interface ResourceMapping {
  readonly product: Text;
  readonly serviceModel: ServiceModel;
  readonly settings: readonly SettingMapping[];
  /** Which file under resources/ says so, for error messages and docs. */
  readonly file: string;
}

/** Terraform elements matched by name rather than type. */
export type NamedKind = 'variable' | 'output' | 'tfvars';

export interface ResourceMaps {
  /** Terraform resource types, plus `provider:<name>` and `backend:<name>`. */
  readonly terraform: ReadonlyMap<string, ResourceMapping>;
  readonly ros: ReadonlyMap<string, ResourceMapping>;
  readonly rosParameters: readonly { readonly namePattern: RegExp; readonly mapping: ResourceMapping }[];
  readonly terraformNamed: readonly { readonly kinds: readonly NamedKind[]; readonly namePattern: RegExp; readonly mapping: ResourceMapping }[];
}

export interface Knowledge {
  readonly model: ResponsibilityModel;
  readonly resources: ResourceMaps;
  /** The built-in declarative rules (matrices/rules/). */
  readonly rules: readonly DeclarativeRule[];
  /** How settings on each item are acted on (matrices/resources/acting.yaml). */
  readonly acting: ActingTable;
}
