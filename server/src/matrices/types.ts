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

/** A setting's mapping to items; `byValue` picks other items for particular literal values. */
export interface SettingMapping {
  readonly path: string;
  readonly items: readonly string[];
  readonly byValue: readonly { readonly pattern: RegExp; readonly items: readonly string[]; readonly label: Text | null }[];
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
}
