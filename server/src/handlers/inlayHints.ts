import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver/node';
import { documentHints } from '../features/hints';
import { analysisOf, type HandlerContext } from './context';

/**
 * A hint at the end of a mapped setting's value naming who acts on it; repeats are folded (features/hints.ts)
 * unless responsibilityLens.showRepeatedHints is on. Filtered by the annotations setting.
 */
export function onInlayHints(context: HandlerContext, params: InlayHintParams): InlayHint[] {
  const settings = context.settings();
  if (settings.annotations === 'off') return [];
  const analysis = analysisOf(context, params.textDocument.uri);
  if (analysis?.status !== 'analysed') return [];
  const { start, end } = params.range;
  const document = context.documents.get(params.textDocument.uri);
  const lines = document ? document.getText().split(/\r?\n/) : [];
  // Folding depends on the hints before the range, so the whole document is laid out and then cut to the range.
  return documentHints(analysis.resources, { language: settings.language, showRepeated: settings.showRepeatedHints, customerOnly: settings.annotations === 'customer', lineEnd: (line) => (lines[line] ?? '').trimEnd().length })
    .filter((hint) => hint.position.line >= start.line && hint.position.line <= end.line)
    .map((hint) => ({ position: hint.position, label: [{ value: hint.label, tooltip: hint.tooltip }], kind: InlayHintKind.Parameter, paddingLeft: true }));
}
