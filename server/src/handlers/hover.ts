import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver/node';
import { hoverMarkdown } from '../features/hover';
import { containsPosition } from '../util/lineIndex';
import { analysisOf, type HandlerContext } from './context';

/** Hover on a mapped setting's key or value explains who is responsible and why. */
export function onHover(context: HandlerContext, params: HoverParams): Hover | null {
  const analysis = analysisOf(context, params.textDocument.uri);
  if (analysis?.status !== 'analysed') return null;
  const settings = context.settings();
  for (const entry of analysis.resources) {
    if (!containsPosition(entry.resource.range, params.position)) continue;
    for (const annotation of entry.annotations) {
      const { keyRange, valueRange } = annotation.setting;
      const onValue = valueRange.start.line === valueRange.end.line && containsPosition(valueRange, params.position);
      if (!containsPosition(keyRange, params.position) && !onValue) continue;
      const mode = context.engine.knowledge.model.modes.get(settings.mode);
      return {
        contents: { kind: MarkupKind.Markdown, value: hoverMarkdown(annotation, mode, settings.language) },
        range: keyRange,
      };
    }
  }
  return null;
}
