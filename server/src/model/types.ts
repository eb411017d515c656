/**
 * The IaC model: what the engine knows about a template after parsing, independent of its syntax.
 * Positions are 0-based lines and UTF-16 code-unit columns, as LSP and JavaScript strings count them.
 */

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A value as written. A reference or expression we cannot evaluate is never guessed at. */
export type Value =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  | { readonly kind: 'reference'; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string }
  | { readonly kind: 'block' }
  | { readonly kind: 'list' };

/**
 * What a reference evaluates to when the engine can tell (a Terraform variable's tfvars value or default, a
 * ROS parameter's Default, an intrinsic function over known inputs), and where that value is written.
 */
export interface Resolution {
  readonly value: string | number | boolean | null;
  /** The file the value is written in; null for the document itself. */
  readonly file: string | null;
  readonly range: Range;
  /** How it was reached, for people: e.g. `var.db_password → terraform.tfvars`. */
  readonly via: string;
}

export interface Setting {
  /** Dotted path from the resource's body; list elements and nested blocks are transparent. */
  readonly path: string;
  /** The last key of the path, as written. */
  readonly key: string;
  readonly keyRange: Range;
  readonly value: Value;
  readonly valueRange: Range;
  /** Set when `value` is a reference the engine could evaluate. Rules judge this value. */
  readonly resolved?: Resolution;
}

/** `config-*`: YAML or JSON that is not a ROS template; only checked for secrets. */
export type IacFormat = 'terraform' | 'terraform-vars' | 'ros-yaml' | 'ros-json' | 'config-yaml' | 'config-json';

/** What kind of top-level element a resource entry stands for. */
export type ResourceKind =
  | 'resource' // Terraform `resource`, ROS `Resources` entry
  | 'data' // Terraform `data`
  | 'provider' // Terraform `provider "x"`
  | 'backend' // Terraform `terraform { backend "x" }`
  | 'variable' // Terraform `variable`
  | 'parameter' // ROS `Parameters` entry
  | 'output' // Terraform `output`, ROS `Outputs` entry
  | 'tfvars' // an assignment of a .tfvars file
  | 'locals' // a Terraform `locals` block: one setting per local value
  | 'config'; // the whole of a YAML/JSON file that is not a ROS template

export interface Resource {
  readonly kind: ResourceKind;
  /** `alicloud_instance`, `ALIYUN::ECS::Instance`, `alicloud` (provider), `oss` (backend), '' for parameters. */
  readonly type: string;
  /** The resource's name or logical id. */
  readonly name: string;
  /** The whole element. */
  readonly range: Range;
  /** Where the element starts being named (block type or logical id), for code lenses. */
  readonly headerRange: Range;
  readonly settings: readonly Setting[];
}

export interface ParseProblem {
  readonly message: { readonly en: string; readonly zh: string };
  readonly range: Range;
}

export interface IacDocument {
  readonly format: IacFormat;
  readonly resources: readonly Resource[];
  readonly problems: readonly ParseProblem[];
}
