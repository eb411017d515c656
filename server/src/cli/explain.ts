import * as path from 'path';
import type { Engine } from '../engine';
import { pick, type Language } from '../i18n/language';
import { t } from '../i18n/messages';
import type { Responsibility } from '../matrices/resolve';
import type { DeploymentMode, Duty, Text } from '../matrices/types';
import type { Range } from '../model/types';
import { ModuleIndex } from '../documents/moduleIndex';
import { readTextFile } from '../util/safeFile';
import { displayWidth, printable } from './terminal';
import { maskSecretsIn } from '../rules/secrets/displaySafe';

/** One annotated setting as the CLI reports it: 1-based lines, 1-based UTF-16 columns. */
export interface ExplainedSetting {
  readonly file: string;
  readonly range: { readonly start: { line: number; column: number }; readonly end: { line: number; column: number } };
  readonly resource: { readonly kind: string; readonly type: string; readonly name: string };
  readonly setting: string;
  readonly serviceModel: string;
  readonly deploymentMode: DeploymentMode;
  readonly responsibility: Responsibility;
  readonly parties: { readonly provider: Duty; readonly customer: Duty; readonly vendor: Duty };
  readonly items: readonly { readonly id: string; readonly category: Text; readonly scope: Text | null; readonly item: Text; readonly source: Text }[];
  readonly valueCase: Text | null;
  /** The resolver's label, the item it is shown with, why, and the value's verdict: what the hint and hover say. */
  readonly label: Text;
  readonly reason: Text;
  readonly verdict: Text | null;
}

export interface ExplainResult {
  readonly files: number;
  readonly annotations: readonly ExplainedSetting[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

export function explainFiles(engine: Engine, files: readonly string[], mode: DeploymentMode, relativeTo: string, maxLength?: number, roots?: readonly string[]): ExplainResult {
  const annotations: ExplainedSetting[] = [];
  const skipped: { file: string; reason: string }[] = [];
  // Values written in the module's other files are read as `rlens scan` and the editor read them.
  const modules = new ModuleIndex((text, kind) => engine.parseTerraform(text, kind), undefined, { ...(roots ? { roots: () => roots } : {}), maxBytes: () => maxLength, stable: true });
  for (const file of files) {
    // File and resource names are shown: a key written into one is masked.
    const shown = maskSecretsIn(path.relative(relativeTo, file) || file);
    // Read as the scan reads: a regular file inside the given paths, at most maxLength bytes.
    const read = readTextFile(file, { ...(roots ? { roots } : {}), ...(maxLength !== undefined ? { maxBytes: maxLength } : {}) });
    if (!read.ok) {
      skipped.push({ file: shown, reason: read.reason === 'unreadable' ? (read.code ?? 'unreadable') : read.reason });
      continue;
    }
    const text = read.text;
    const analysis = engine.analyse(file, file, text, { mode, module: () => modules.module(path.resolve(file)), ...(maxLength !== undefined ? { maxLength } : {}) });
    engine.forget(file);
    if (analysis.status === 'skipped') {
      if (analysis.reason !== 'unsupported') skipped.push({ file: shown, reason: analysis.reason });
      continue;
    }
    for (const entry of analysis.resources) {
      for (const annotation of entry.annotations) {
        const primary = annotation.rows[0];
        if (!primary) continue;
        annotations.push({
          file: shown.split(path.sep).join('/'),
          range: oneBased(annotation.setting.keyRange),
          resource: { kind: entry.resource.kind, type: maskSecretsIn(entry.resource.type), name: maskSecretsIn(entry.resource.name) },
          setting: maskSecretsIn(annotation.setting.path),
          serviceModel: annotation.serviceModel,
          deploymentMode: mode,
          responsibility: annotation.responsibility,
          parties: { provider: primary.provider.duty, customer: primary.customer.duty, vendor: primary.vendor.duty },
          items: annotation.rows.map((row) => ({
            id: row.id,
            category: row.category.name,
            scope: row.scope?.name ?? null,
            item: row.item,
            source: row.table,
          })),
          valueCase: annotation.valueLabel,
          label: annotation.resolution.label,
          reason: annotation.resolution.reason,
          verdict: annotation.resolution.verdict?.text ?? null,
        });
      }
    }
  }
  return { files: files.length, annotations, skipped };
}

function oneBased(range: Range): ExplainedSetting['range'] {
  return {
    start: { line: range.start.line + 1, column: range.start.character + 1 },
    end: { line: range.end.line + 1, column: range.end.character + 1 },
  };
}

/** A readable table per file. */
export function formatExplainText(result: ExplainResult, language: Language, elapsedMs: number): string {
  const out: string[] = [];
  const byFile = new Map<string, ExplainedSetting[]>();
  for (const annotation of result.annotations) {
    const list = byFile.get(annotation.file) ?? [];
    list.push(annotation);
    byFile.set(annotation.file, list);
  }
  for (const [file, list] of byFile) {
    out.push(printable(file));
    const rows = list.map((a) => [
      `${a.range.start.line}:${a.range.start.column}`,
      [a.resource.type, a.resource.name].filter(Boolean).join('.'),
      a.setting,
      pick(a.label, language),
      [...new Set(a.items.map((item) => pick(item.item, language)))].join(' + '),
      t(language, `serviceModel.${a.serviceModel}` as 'serviceModel.iaas'),
    ]);
    const header = [
      t(language, 'cli.column.position'),
      t(language, 'cli.column.resource'),
      t(language, 'cli.column.setting'),
      t(language, 'cli.column.responsible'),
      t(language, 'cli.column.item'),
      t(language, 'cli.column.model'),
    ];
    // Names, ids and settings come from the file: each cell is made inert before it reaches the terminal.
    out.push(...table([header, ...rows.map((row) => row.map(printable))]).map((line) => `  ${line}`));
    out.push('');
  }
  if (result.annotations.length === 0) out.push(t(language, 'cli.noAnnotations'));
  for (const skip of result.skipped) out.push(`! ${printable(skip.file)}: ${printable(skipReason(skip.reason, language))}`);
  out.push(t(language, 'cli.summary', result.annotations.length, result.files, Math.round(elapsedMs)));
  return out.join('\n');
}

/** A skipped file's reason for people; JSON keeps the code. */
function skipReason(reason: string, language: Language): string {
  if (reason === 'binary') return t(language, 'cli.skipped.binary');
  if (reason === 'too-large') return t(language, 'cli.skipped.tooLarge');
  if (reason === 'too-deep') return t(language, 'cli.skipped.tooDeep');
  if (reason === 'outside') return t(language, 'scan.outside');
  if (reason === 'not-regular') return t(language, 'scan.notRegular');
  return t(language, 'scan.unreadable', reason);
}

/** Left-aligned columns, padded by display width (a CJK character takes two cells). */
export function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(cell))));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - displayWidth(cell)))).join('  ').trimEnd());
}
