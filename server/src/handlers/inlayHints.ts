import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver/node';
import { customerBearsDuty } from '../matrices/resolve';
import { hintLabel } from '../features/labels';
import type { Position } from '../model/types';
import type { Annotation } from '../features/annotations';
import { analysisOf, type HandlerContext } from './context';

/** A hint after each mapped setting naming the responsible party and item; filtered by the annotations setting. */
export function onInlayHints(context: HandlerContext, params: InlayHintParams): InlayHint[] {
  const settings = context.settings();
  if (settings.annotations === 'off') return [];
  const analysis = analysisOf(context, params.textDocument.uri);
  if (analysis?.status !== 'analysed') return [];
  const { start, end } = params.range;
  const hints: InlayHint[] = [];
  for (const entry of analysis.resources) {
    if (entry.resource.range.end.line < start.line || entry.resource.range.start.line > end.line) continue;
    for (const annotation of entry.annotations) {
      if (settings.annotations === 'customer' && !annotation.rows.some(customerBearsDuty)) continue;
      const position = hintPosition(annotation);
      if (position.line < start.line || position.line > end.line) continue;
      hints.push({ position, label: hintLabel(annotation, settings.language), kind: InlayHintKind.Parameter, paddingLeft: true });
    }
  }
  return hints;
}

/** After a one-line value; after the key when the value spans lines (a block, a list, a heredoc). */
function hintPosition(annotation: Annotation): Position {
  const { keyRange, valueRange } = annotation.setting;
  const sameLine = valueRange.start.line === keyRange.start.line && valueRange.end.line === keyRange.start.line;
  return sameLine ? valueRange.end : keyRange.end;
}
