import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import { pick } from '../i18n/language';
import { quickFixesFor } from '../features/quickFixes';
import { analysisOf, type HandlerContext } from './context';
import type { FindingDiagnosticData } from './diagnostics';

/** The command the client registers to select a placeholder after a fix is applied. */
export const SELECT_RANGE_COMMAND = 'responsibilityLens.selectRange';

/** Quick fixes for our diagnostics in the requested range, from the current analysis of the document. */
export function onCodeActions(context: HandlerContext, params: CodeActionParams): CodeAction[] {
  const ours = params.context.diagnostics.filter((d) => typeof (d.data as FindingDiagnosticData | undefined)?.ruleId === 'string');
  if (ours.length === 0) return [];
  const document = context.documents.get(params.textDocument.uri);
  const analysis = analysisOf(context, params.textDocument.uri);
  if (!document || analysis?.status !== 'analysed') return [];
  const language = context.settings().language;
  const text = document.getText();
  const actions: CodeAction[] = [];
  for (const diagnostic of ours) {
    const ruleId = (diagnostic.data as FindingDiagnosticData).ruleId;
    const finding = analysis.findings.find((f) => f.ruleId === ruleId && sameStart(f.range.start, diagnostic));
    if (!finding) continue;
    for (const fix of quickFixesFor(finding, text, analysis.kind)) {
      actions.push({
        title: pick(fix.title, language),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes: { [params.textDocument.uri]: fix.changes.map((c) => ({ range: c.range, newText: c.newText })) } },
        ...(fix.select ? { command: { title: '', command: SELECT_RANGE_COMMAND, arguments: [params.textDocument.uri, fix.select] } } : {}),
      });
    }
  }
  return actions;
}

function sameStart(position: { line: number; character: number }, diagnostic: Diagnostic): boolean {
  return position.line === diagnostic.range.start.line && position.character === diagnostic.range.start.character;
}
