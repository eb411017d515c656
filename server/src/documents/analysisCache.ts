import * as path from 'path';
import { URI } from 'vscode-uri';
import type { Engine, FileAnalysis } from '../engine';
import type { ModuleIndex } from './moduleIndex';

/** The file path of a Terraform document on disk (the unit of a module), or undefined. */
export function terraformFile(uri: string): string | undefined {
  if (!uri.startsWith('file:') || !uri.endsWith('.tf')) return undefined;
  return URI.parse(uri).fsPath;
}

/**
 * The file path of a document Terraform reads with its module (a `.tf` file or an auto-loaded variable file:
 * `terraform.tfvars`, `*.auto.tfvars`), or undefined. Its neighbours take values from it, so a change to it
 * re-checks them.
 */
export function moduleMemberFile(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  if (!name.endsWith('.tf') && name !== 'terraform.tfvars' && !name.endsWith('.auto.tfvars')) return undefined;
  return URI.parse(uri).fsPath;
}
import type { EffectiveSettings } from './settings';

export interface OpenDocument {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  getText(): string;
}

/**
 * One analysis per document version, deployment mode and size limit: hover, inlay hints, code lens and diagnostics asking
 * about the same version share it, and only the edited document is analysed again.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, { version: number; mode: string; maxLength: number; generation: number; moduleRevision: number; analysis: FileAnalysis }>();
  /** Bumped when the responsibility data changes, so every cached annotation is recomputed. */
  private generation = 0;

  constructor(
    private readonly engine: Engine,
    /** The Terraform module directories; a change in a sibling file invalidates the analysis too. */
    private readonly modules?: ModuleIndex,
  ) {}

  get(document: OpenDocument, settings: EffectiveSettings): FileAnalysis {
    const file = terraformFile(document.uri);
    const moduleRevision = file && this.modules ? this.modules.revision(path.dirname(file)) : 0;
    const cached = this.entries.get(document.uri);
    // The size limit is part of the key: a file skipped as too large is analysed once the limit is raised.
    if (
      cached &&
      cached.version === document.version &&
      cached.mode === settings.mode &&
      cached.maxLength === settings.maxLength &&
      cached.generation === this.generation &&
      cached.moduleRevision === moduleRevision
    ) {
      return cached.analysis;
    }
    const modules = this.modules;
    const analysis = this.engine.analyse(document.uri, document.uri, document.getText(), {
      mode: settings.mode,
      languageId: document.languageId,
      maxLength: settings.maxLength,
      ...(file && modules ? { module: () => modules.module(file) } : {}),
    });
    this.entries.set(document.uri, { version: document.version, mode: settings.mode, maxLength: settings.maxLength, generation: this.generation, moduleRevision, analysis });
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
