import type { CodeLens, CodeLensParams } from 'vscode-languageserver/node';
import { lensTitle } from '../features/codeLens';
import { analysisOf, type HandlerContext } from './context';

/** A lens on each mapped resource: its service model and who owns its mapped settings. */
export function onCodeLens(context: HandlerContext, params: CodeLensParams): CodeLens[] {
  const settings = context.settings();
  if (settings.annotations === 'off') return [];
  const analysis = analysisOf(context, params.textDocument.uri);
  if (analysis?.status !== 'analysed') return [];
  // An empty command id makes VS Code show the title as plain text.
  return analysis.resources.map((entry) => ({
    range: entry.resource.headerRange,
    command: { title: lensTitle(entry, settings.language), command: '' },
  }));
}
