import type { Engine, FileAnalysis } from '../engine';
import type { EffectiveSettings } from './settings';

export interface OpenDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

/**
 * One analysis per document version and deployment mode: hover, inlay hints, code lens and diagnostics asking
 * about the same version share it, and only the edited document is analysed again.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; mode: string; generation: number; analysis: FileAnalysis }>();
  /** Bumped when the responsibility data changes, so every cached annotation is recomputed. */
  private generation = 0;

  constructor(private readonly engine: Engine) {}

  get(document: OpenDocument, settings: EffectiveSettings): FileAnalysis {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.mode === settings.mode && cached.generation === this.generation) {
      return cached.analysis;
    }
    const analysis = this.engine.analyse(document.uri, document.uri, document.getText(), {
      mode: settings.mode,
      languageId: document.languageId,
      maxLength: settings.maxLength,
    });
    this.entries.set(document.uri, { version: document.version, mode: settings.mode, generation: this.generation, analysis });
    return analysis;
  }

  invalidateAll(): void {
    this.generation++;
  }

  forget(uri: string): void {
    this.entries.delete(uri);
    this.engine.forget(uri);
  }
}
