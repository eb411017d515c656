import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver/node';
import { pick } from '../i18n/language';
import { t } from '../i18n/messages';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { EffectiveSettings } from '../documents/settings';
import type { FileAnalysis } from '../engine';
import { URI } from 'vscode-uri';
import { findingView } from '../features/findingView';
import { isCustomRulesFile, readRuleFile, type RuleFileProblem } from '../rules/custom';
import type { Finding, Severity } from '../rules/types';
import type { Language } from '../i18n/language';
import type { RowResolver } from '../matrices/resolve';
import type { HandlerContext } from './context';
import { isContractFile } from '../contract/contract';
import { contractDiagnostics } from './contractDiagnostics';
import { maskSecretsIn } from '../rules/secrets/displaySafe';

export const DIAGNOSTIC_SOURCE = 'Responsibility Lens';

const LSP_SEVERITY: Record<Severity, DiagnosticSeverity> = {
  critical: DiagnosticSeverity.Error,
  high: DiagnosticSeverity.Error,
  medium: DiagnosticSeverity.Warning,
  low: DiagnosticSeverity.Information,
};

/** What a diagnostic carries for the code-action handler to find its finding again. */
export interface FindingDiagnosticData {
  readonly ruleId: string;
}

/** A problem in a custom rules file, as a diagnostic on the offending key. */
export function ruleFileDiagnostic(problem: RuleFileProblem): Diagnostic {
  return { range: problem.range, message: problem.message, severity: DiagnosticSeverity.Error, source: DIAGNOSTIC_SOURCE, code: 'custom-rule' };
}

/** Unsuppressed findings as diagnostics: rule id, responsible party and item, link to the rule's page. */
export function findingDiagnostics(context: HandlerContext, analysis: Extract<FileAnalysis, { status: 'analysed' }>, settings: EffectiveSettings, uri: string): Diagnostic[] {
  const engine = context.engine;
  const isRos = analysis.kind === 'yaml' || analysis.kind === 'json';
  const resolver = engine.resolver(settings.mode);
  const diagnostics: Diagnostic[] = [];
  for (const finding of analysis.findings) {
    if (finding.suppressed) continue;
    const override = settings.severityOverrides.get(finding.ruleId);
    if (override === 'off') continue;
    const severity = override ?? finding.severity;
    // A finding of a block the edit did not touch is the same object as before: so is its diagnostic, unless
    // what it is shown with changed (language, deployment mode or contract, severity setting, rule pages).
    const kept = shownBefore.get(finding);
    if (kept && kept.uri === uri && kept.resolver === resolver && kept.language === settings.language && kept.severity === severity && kept.docsDir === engine.assets.ruleDocsDir) {
      diagnostics.push(kept.diagnostic);
      continue;
    }
    const view = findingView(finding, engine.ruleMeta(finding.ruleId), engine.knowledge, resolver, isRos, settings.language, severity, analysis.resources);
    const data: FindingDiagnosticData = { ruleId: finding.ruleId };
    const diagnostic: Diagnostic = {
      range: finding.range,
      message: view.text,
      severity: LSP_SEVERITY[severity],
      source: DIAGNOSTIC_SOURCE,
      code: finding.ruleId,
      codeDescription: { href: ruleDocHref(engine.assets.ruleDocsDir, finding.ruleId) },
      data,
      ...(finding.related
        ? { relatedInformation: finding.related.map((r) => ({ location: { uri: r.file ? URI.file(r.file).toString() : uri, range: r.range }, message: pick(r.message, settings.language) })) }
        : {}),
    };
    shownBefore.set(finding, { uri, resolver, language: settings.language, severity, docsDir: engine.assets.ruleDocsDir, diagnostic });
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/** The last diagnostic made of each finding, with what it depended on; kept while the finding lives. */
const shownBefore = new WeakMap<Finding, { uri: string; resolver: RowResolver; language: Language; severity: Severity; docsDir: string; diagnostic: Diagnostic }>();

const ruleDocHrefs = new Map<string, string>();

/** The file URL of a rule's page, made once per rule: a large file has thousands of findings of few rules. */
function ruleDocHref(docsDir: string, ruleId: string): string {
  const key = `${docsDir}\u0000${ruleId}`;
  let href = ruleDocHrefs.get(key);
  if (href === undefined) {
    href = pathToFileURL(path.join(docsDir, `${ruleId}.md`)).href;
    ruleDocHrefs.set(key, href);
  }
  return href;
}

/**
 * Publishes a document's diagnostics a short while after its last change. A newer edit cancels the pending run,
 * and a result computed for a version that is no longer current is dropped.
 */
export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly connection: Connection,
    private readonly context: HandlerContext,
    private readonly delayMs = 200,
  ) {}

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.publish(uri);
      }, this.delayMs),
    );
  }

  /** Re-checks every open document (after a settings or data change). */
  scheduleAll(): void {
    for (const document of this.context.documents.all()) this.schedule(document.uri);
  }

  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private publish(uri: string): void {
    const document = this.context.documents.get(uri);
    if (!document) return;
    const version = document.version;
    let diagnostics: Diagnostic[];
    try {
      diagnostics = this.compute(uri);
    } catch (error) {
      this.context.log(`diagnostics failed for ${uri}: ${(error as Error).stack ?? String(error)}`);
      // The previous version's diagnostics must not stay as if they still held: say that this one failed.
      const message = t(this.context.settings().language, 'error.requestFailed', 'textDocument/publishDiagnostics');
      diagnostics = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, severity: DiagnosticSeverity.Warning, source: DIAGNOSTIC_SOURCE }];
    }
    if (this.context.documents.get(uri)?.version !== version) return;
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private compute(uri: string): Diagnostic[] {
    const document = this.context.documents.get(uri);
    if (!document) return [];
    const fsPath = URI.parse(uri).fsPath;
    if (isCustomRulesFile(fsPath)) {
      const engine = this.context.engine;
      return readRuleFile(document.getText(), fsPath, engine.knowledge, path.join(engine.assets.matricesDir, 'schema'), this.context.settings().language).problems.map(ruleFileDiagnostic);
    }
    if (isContractFile(fsPath)) return contractDiagnostics(this.context.engine, document.getText(), fsPath, this.context.settings().language);
    const settings = this.context.settings();
    return analysisDiagnostics(this.context, uri, document.getText(), this.context.cache.get(document, settings), settings);
  }
}

/** The diagnostics of one analysis of `text` (an open document's, or a closed file's read from disk). */
export function analysisDiagnostics(context: HandlerContext, uri: string, text: string, analysis: FileAnalysis, settings: EffectiveSettings): Diagnostic[] {
  if (analysis.status === 'skipped') {
    if (analysis.reason === 'unsupported') return [];
    return [skippedDiagnostic(analysis.reason, uri, Buffer.byteLength(text), settings)];
  }
  // Other YAML/JSON files are only checked for secrets; their syntax is the YAML/JSON extension's business.
  const problems = analysis.document.format.startsWith('config') ? [] : analysis.document.problems;
  const syntax: Diagnostic[] = problems.map((problem) => ({
    range: problem.range,
    message: pick(problem.message, settings.language),
    severity: DiagnosticSeverity.Error,
    source: DIAGNOSTIC_SOURCE,
    code: 'syntax',
  }));
  return [...syntax, ...findingDiagnostics(context, analysis, settings, uri)];
}

/** Why a file was not checked, on its first line. `bytes` is the file's size. */
export function skippedDiagnostic(reason: 'too-large' | 'binary' | 'too-deep', uri: string, bytes: number, settings: EffectiveSettings): Diagnostic {
  // The name is the file's own, decoded for people and with any key in it masked.
  const fileName = maskSecretsIn(safeDecode(uri.slice(uri.lastIndexOf('/') + 1)));
  // The analysis cache keys on the limit, so a skipped analysis was made with the limit in force now.
  const message =
    reason === 'too-large'
      ? t(settings.language, 'editor.tooLarge', fileName, Math.ceil(bytes / 1024), Math.round(settings.maxLength / 1024))
      : reason === 'too-deep'
        ? t(settings.language, 'error.tooDeep', fileName)
        : t(settings.language, 'error.binary', fileName);
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE };
}

/** A URI segment decoded for people; a malformed escape (`%E0%A4%A`) is shown as written rather than thrown. */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
