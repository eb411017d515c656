import * as path from 'path';
import { URI, Utils } from 'vscode-uri';
import { readTextFile, realRoots } from '../util/safeFile';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { pick } from '../i18n/language';
import { quickFixesFor, type FixContext, type TextChange } from '../features/quickFixes';
import { fixAllByRule } from '../features/fixes/fixAll';
import { analysisOf, type HandlerContext } from './context';
import type { FindingDiagnosticData } from './diagnostics';
import { SELECT_RANGE_COMMAND } from '../protocol/protocol';
import { maskSecretsIn } from '../rules/secrets/displaySafe';

/**
 * "Fix all of this rule in the file", as a source action. Not under `source.fixAll`: an editor applies every
 * `source.fixAll` action on save when asked to, and several per-rule actions computed on one version of the text
 * must not be applied one after another.
 */
export const FIX_ALL_RULE_KIND = `${CodeActionKind.Source}.responsibilityLens.fixAll`;

/** Quick fixes for our diagnostics in the requested range, from the current analysis of the document; fix-all actions. */
export function onCodeActions(context: HandlerContext, params: CodeActionParams): CodeAction[] {
  const uri = params.textDocument.uri;
  const ours = params.context.diagnostics.filter((d) => typeof (d.data as FindingDiagnosticData | undefined)?.ruleId === 'string');
  // Source actions only when asked for (the Source Action menu): the light bulb asks on every cursor move.
  const wantsSource = params.context.only !== undefined && wants(params.context.only, FIX_ALL_RULE_KIND);
  const wantsQuickFix = wants(params.context.only, CodeActionKind.QuickFix);
  if ((ours.length === 0 || !wantsQuickFix) && !wantsSource) return [];
  const document = context.documents.get(uri);
  const analysis = analysisOf(context, uri);
  if (!document || analysis?.status !== 'analysed') return [];
  const language = context.settings().language;
  const text = document.getText();
  const fixContext: FixContext = { sibling: (name) => siblingText(context, uri, name) };
  const actions: CodeAction[] = [];
  if (wantsQuickFix) {
    for (const diagnostic of ours) {
      const ruleId = (diagnostic.data as FindingDiagnosticData).ruleId;
      const finding = analysis.findings.find((f) => f.ruleId === ruleId && sameStart(f.range.start, diagnostic));
      if (!finding) continue;
      for (const fix of quickFixesFor(finding, text, analysis.kind, fixContext)) {
        actions.push({
          // A title can name values and names from the file (a variable name, a custom rule's value).
          title: maskSecretsIn(pick(fix.title, language)),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: { changes: changesOf(uri, fix.changes) },
          ...(fix.select ? { command: { title: '', command: SELECT_RANGE_COMMAND, arguments: [uri, fix.select] } } : {}),
        });
      }
    }
  }
  const rules = new Set(ours.map((d) => (d.data as FindingDiagnosticData).ruleId));
  const fixAll = fixAllByRule(wantsSource ? analysis.findings : analysis.findings.filter((f) => rules.has(f.ruleId)), text, analysis.kind, fixContext);
  // Beside a diagnostic, its rule's fix-all when it repairs more than that one finding.
  if (wantsQuickFix) {
    for (const all of fixAll) {
      if (!rules.has(all.ruleId) || all.count < 2) continue;
      actions.push({ title: maskSecretsIn(pick(all.title, language)), kind: CodeActionKind.QuickFix, diagnostics: ours.filter((d) => (d.data as FindingDiagnosticData).ruleId === all.ruleId), edit: { changes: changesOf(uri, all.changes) } });
    }
  }
  if (wantsSource) {
    for (const all of fixAll) actions.push({ title: maskSecretsIn(pick(all.title, language)), kind: `${FIX_ALL_RULE_KIND}.${all.ruleId}`, edit: { changes: changesOf(uri, all.changes) } });
  }
  return actions;
}

/** Whether a request restricted to `only` kinds accepts `kind` (a kind accepts its sub-kinds). */
function wants(only: readonly string[] | undefined, kind: string): boolean {
  return only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

function changesOf(uri: string, changes: readonly TextChange[]): Record<string, TextEdit[]> {
  const result: Record<string, TextEdit[]> = {};
  for (const change of changes) {
    const target = change.file ? siblingUri(uri, change.file) : uri;
    (result[target] ??= []).push({ range: change.range, newText: change.newText });
  }
  return result;
}

function siblingUri(uri: string, name: string): string {
  return Utils.joinPath(Utils.dirname(URI.parse(uri)), name).toString();
}

/** A file next to the document: its text in the editor when open, else on disk; undefined when absent. */
function siblingText(context: HandlerContext, uri: string, name: string): string | undefined {
  const siblingUriText = siblingUri(uri, name);
  if (siblingUriText === uri) return undefined;
  const open = context.documents.get(siblingUriText);
  if (open) return open.getText();
  // Read as the module index reads a neighbour: a regular file in the document's folder, within the size limit.
  const file = URI.parse(siblingUriText).fsPath;
  const read = readTextFile(file, { roots: realRoots([path.dirname(file)]), maxBytes: context.settings().maxLength });
  return read.ok ? read.text : undefined;
}

function sameStart(position: { line: number; character: number }, diagnostic: Diagnostic): boolean {
  return position.line === diagnostic.range.start.line && position.character === diagnostic.range.start.character;
}
