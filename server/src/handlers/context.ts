import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver/node';
import type { AnalysisCache } from '../documents/analysisCache';
import type { EffectiveSettings } from '../documents/settings';
import type { Engine, FileAnalysis } from '../engine';

/** What every handler needs, handed over by server.ts. */
export interface HandlerContext {
  readonly documents: TextDocuments<TextDocument>;
  readonly engine: Engine;
  readonly cache: AnalysisCache;
  settings(): EffectiveSettings;
  log(message: string): void;
}

/** The analysis of an open document, or undefined when it is not open. */
export function analysisOf(context: HandlerContext, uri: string): FileAnalysis | undefined {
  const document = context.documents.get(uri);
  return document ? context.cache.get(document, context.settings()) : undefined;
}
