import * as path from 'path';
import { URI, Utils } from 'vscode-uri';
import { readTextFile, realRoots } from '../util/safeFile';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver/node';
import { pick } from '../i18n/language';
import { quickFixesFor } from '../features/quickFixes';
import { analysisOf, type HandlerContext } from './context';
import type { FindingDiagnosticData } from './diagnostics';
import { SELECT_RANGE_COMMAND } from '../protocol/protocol';


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
    for (const fix of quickFixesFor(finding, text, analysis.kind, { sibling: (name) => siblingText(context, params.textDocument.uri, name) })) {
      const changes: Record<string, TextEdit[]> = {};
      for (const change of fix.changes) {
        const uri = change.file ? siblingUri(params.textDocument.uri, change.file) : params.textDocument.uri;
        (changes[uri] ??= []).push({ range: change.range, newText: change.newText });
      }
      actions.push({
        title: pick(fix.title, language),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: fix.preferred,
        edit: { changes },
        ...(fix.select ? { command: { title: '', command: SELECT_RANGE_COMMAND, arguments: [params.textDocument.uri, fix.select] } } : {}),
      });
    }
  }
  return actions;
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
