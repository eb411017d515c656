/**
 * The scan report every CLI output format is written from. Its JSON form is `rlens scan --format json`
 * (DESIGN.md "Findings JSON"): lines 1-based, columns 1-based in UTF-16 code units.
 */
import type { Text } from '../matrices/types';
import type { RuleMeta, Severity } from '../rules/types';

export interface ReportPosition {
  readonly line: number;
  readonly column: number;
}

export interface ReportedFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: Text;
  /** Path relative to the scan's working directory, with forward slashes. */
  readonly file: string;
  readonly range: { readonly start: ReportPosition; readonly end: ReportPosition };
  readonly resource: { readonly type: string; readonly name: string } | null;
  readonly responsibility: {
    readonly id: string;
    readonly item: Text;
    readonly parties: { readonly provider: string; readonly customer: string; readonly vendor: string };
    /** Who acts on the setting and the label the editor shows (server/src/matrices/settingResolve.ts). */
    readonly party?: string;
    readonly label?: Text;
  };
  /** Only ever the masked form. */
  readonly secret?: { readonly masked: string };
  readonly xref: { readonly checkov?: readonly string[]; readonly kics?: readonly string[]; readonly infraguard?: readonly string[]; readonly trivy?: readonly string[] };
  readonly suppressed?: { readonly by: string; readonly reason: string };
  /**
   * What a baseline knows the finding by (baseline.ts): a SHA-256 of the rule, file, resource, setting and the
   * value's digest, so it survives lines added above it; never the value itself.
   */
  readonly fingerprint?: string;
  /** Set only when the scan was compared with a baseline (`--baseline`): `unchanged` findings were accepted there. */
  readonly baseline?: 'new' | 'unchanged';
}

export interface ScanError {
  readonly file: string;
  readonly message: Text;
  /**
   * `unreadable`: the file or folder could not be read at all, so a CI gate must not pass (exit 2). Files that
   * were read but skipped (binary, too large) or parsed with errors are listed without failing the scan.
   */
  readonly unreadable?: boolean;
}

/** A file whose findings were more than the per-file limit: only the first `listed` (most severe first) are in the report. */
export interface TruncatedFile {
  readonly file: string;
  readonly listed: number;
  readonly omitted: number;
}

export interface ScanReport {
  readonly tool: { readonly name: 'rlens'; readonly version: string };
  readonly findings: readonly ReportedFinding[];
  /** Files that could not be read or parsed; listed, never fatal. */
  readonly errors: readonly ScanError[];
  /** Every rule that ran, for SARIF's rule table and JUnit's test cases. */
  readonly rules: readonly RuleMeta[];
  /** How many files were scanned. */
  readonly files: number;
  /** Files with more findings than `--max-findings-per-file`; absent or empty when none. */
  readonly truncated?: readonly TruncatedFile[];
  /** Findings left out of the report by `--min-severity` (display only; the exit code counted them). */
  readonly hidden?: { readonly below: Severity; readonly count: number };
}
