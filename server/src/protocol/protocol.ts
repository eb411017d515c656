/**
 * What the client and the server say to each other beyond standard LSP. Imported by both sides, written once.
 * No imports here: the client bundle must not pull in the engine.
 */

export const SETTINGS_SECTION = 'responsibilityLens';

export type AnnotationsSetting = 'all' | 'customer' | 'off';
export type LanguageSetting = 'auto' | 'en' | 'zh-cn';
export type DeploymentModeSetting = 'public-cloud' | 'cloud-software' | 'cloud-software-managed';

/** The settings the server reads, as `workspace/configuration` returns them (any may be missing). */
export interface RlensSettings {
  readonly annotations?: AnnotationsSetting;
  readonly deploymentMode?: DeploymentModeSetting;
  readonly language?: LanguageSetting;
  readonly maxFileSizeKB?: number;
  /** Show every mapped setting's hint instead of folding repeats. */
  readonly showRepeatedHints?: boolean;
  /** False in an untrusted workspace: its custom rules are not loaded. Sent at start-up only. */
  readonly trusted?: boolean;
  /** Per-rule severity overrides: rule id → low | medium | high | critical | off. */
  readonly severity?: Readonly<Record<string, string>>;
}

/** Sent by the server whenever the state shown in the status bar changes. */
export const STATUS_NOTIFICATION = 'responsibilityLens/status';

export interface StatusParams {
  readonly deploymentMode: DeploymentModeSetting;
  /** The mode's name in the user's language, for the status bar. */
  readonly deploymentModeLabel: string;
  /** Set when the responsibility data could not be loaded; the message is in the user's language. */
  readonly dataError?: string;
  /**
   * The workspace's contract (.rlens/contract.yaml): applied, present but not loaded because the workspace is not
   * trusted, present but invalid (its problems are diagnostics in the file), or absent.
   */
  readonly contract?: ContractStatus;
  /** The status-bar text (a few characters, codicons allowed) and tooltip, in the user's language. */
  readonly text?: string;
  readonly tooltip?: string;
}

export type ContractStatus = 'loaded' | 'untrusted' | 'invalid' | 'none';

/** Asked by the client's "Create contract file" command: the text of a new .rlens/contract.yaml. */
export const CONTRACT_TEMPLATE_REQUEST = 'responsibilityLens/contractTemplate';

export interface ContractTemplateResult {
  readonly text: string;
}

/** Sent by the client when the user trusts the workspace: custom rules and the contract may now be loaded. */
export const TRUSTED_NOTIFICATION = 'responsibilityLens/workspaceTrusted';

/** Client command a quick fix runs afterwards to select the placeholder it inserted: (uri, range). */
export const SELECT_RANGE_COMMAND = 'responsibilityLens.selectRange';

/** Languages whose documents the client hands to the server. */
export const DOCUMENT_SELECTOR_LANGUAGES = ['terraform', 'terraform-vars', 'yaml', 'json', 'jsonc', 'ros-yaml', 'ros-json'] as const;

/**
 * Whole-workspace results. The client finds the workspace's IaC files (respecting files.exclude and .gitignore)
 * and asks for them in batches; the server reads each closed file from disk, publishes its diagnostics and keeps
 * no tree of it. Open files keep their live diagnostics. Answers how many files were checked.
 */
export const CHECK_FILES_REQUEST = 'responsibilityLens/checkFiles';

export interface CheckFilesParams {
  readonly uris: readonly string[];
}

export interface CheckFilesResult {
  readonly checked: number;
}

/** Files deleted (or now excluded) on disk: their closed-file diagnostics go. */
export const FORGET_FILES_NOTIFICATION = 'responsibilityLens/forgetFiles';

/** Whole-workspace results turned off: every closed file's diagnostics go. */
export const CLEAR_CLOSED_FILES_NOTIFICATION = 'responsibilityLens/clearClosedFiles';

/** `responsibilityLens.workspaceDiagnostics`. */
export type WorkspaceDiagnosticsSetting = 'off' | 'on';
