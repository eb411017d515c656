import { performance } from 'perf_hooks';
import type { Engine, FileAnalysis, AnalyseOptions } from '../../server/src/engine';
import type { ModuleFile } from '../../server/src/documents/moduleIndex';
import { hoverMarkdown } from '../../server/src/features/hover';
import { quickFixesFor } from '../../server/src/features/quickFixes';
import { lensTitle } from '../../server/src/features/codeLens';
import type { Range } from '../../server/src/model/types';
import { LineIndex } from '../../server/src/util/lineIndex';
import type { Language } from '../../server/src/i18n/language';
import { applyEdits } from '../helpers/applyEdits';
import { leakedIn } from '../helpers/secrets';
import { describeError, type Input } from './corpus';
import { mutate, type MutationKind } from './mutations';
import { Rng } from './prng';
import { KNOWN_SIGNATURES, type CaseFacts } from './knownBugs';

/** A case slower than this is a hang (a bound on hangs, not a benchmark). */
export const HANG_MS = 5_000;
/**
 * Plus this much per MB of input: a 1 MB line is analysed in linear time, about 1–2 s here when the machine is
 * idle and several times that beside other jobs; a hang is work that does not grow linearly, which this still catches.
 */
export const HANG_MS_PER_MB = 10_000;
/** Cases of ~20 MB analysed without a size limit get longer. */
export const HUGE_HANG_MS = 60_000;
export const MAX_LENGTH = 5120 * 1024;

export interface CaseResult {
  /** Problems no known bug explains. */
  readonly problems: readonly string[];
  /** Ids of the known bugs (knownBugs.ts) the other problems match. */
  readonly known: readonly string[];
  readonly variant: string;
  readonly ms: number;
}

/** Runs `f`, recording in `problems` when it takes longer than `bound` ms (a hang). */
function timed<T>(what: string, bound: number, problems: string[], f: () => T): T {
  const started = performance.now();
  const result = f();
  const ms = performance.now() - started;
  if (ms > bound) problems.push(`${what} took ${Math.round(ms)} ms (bound ${bound} ms): a hang`);
  return result;
}

export interface EngineContext {
  readonly engine: Engine;
  readonly secrets: ReadonlySet<string>;
  /** Parsed files of examples/terraform: a module for Terraform cases that ask for one. */
  readonly module: readonly ModuleFile[];
  /** The snapshot of each input's fresh analysis, computed once. */
  readonly originals: Map<string, string>;
}

/** Everything of an analysis that positions and identifies: what the incremental path must reproduce. */
export function snapshot(analysis: FileAnalysis): string {
  if (analysis.status !== 'analysed') return JSON.stringify(analysis);
  return JSON.stringify({
    kind: analysis.kind,
    problems: analysis.document.problems.map((p) => p.range),
    resources: analysis.resources.map((entry) => ({
      type: entry.resource.type,
      name: entry.resource.name,
      range: entry.resource.range,
      header: entry.resource.headerRange,
      annotations: entry.annotations.map((a) => [a.setting.path, a.setting.keyRange, a.setting.valueRange, a.responsibility]),
    })),
    findings: analysis.findings.map((f) => [f.ruleId, f.severity, f.range, f.message.en, f.suppressed?.by ?? null]),
  });
}

/** Positions must lie inside the text: a line that exists and a character within that line (ends included). */
export function rangeProblems(analysis: FileAnalysis, text: string): string[] {
  if (analysis.status !== 'analysed') return [];
  const lines = new LineIndex(text);
  const lineLength = (line: number): number => {
    const start = lines.offsetAt({ line, character: 0 });
    const next = line + 1 < lines.lineCount ? lines.offsetAt({ line: line + 1, character: 0 }) : text.length;
    return text.slice(start, next).replace(/\r?\n$|\r$/, '').length;
  };
  const problems: string[] = [];
  const check = (what: string, range: Range): void => {
    for (const [end, p] of [['start', range.start], ['end', range.end]] as const) {
      if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= lines.lineCount) {
        problems.push(`${what}: ${end} ${p.line}:${p.character} outside the text (${lines.lineCount} lines)`);
        return;
      }
      if (p.character > lineLength(p.line)) {
        problems.push(`${what}: ${end} ${p.line}:${p.character} beyond the end of its line (${lineLength(p.line)} characters)`);
        return;
      }
    }
    if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) {
      problems.push(`${what}: starts after it ends (${range.start.line}:${range.start.character} > ${range.end.line}:${range.end.character})`);
    }
  };
  for (const problem of analysis.document.problems) check('parse problem', problem.range);
  for (const entry of analysis.resources) {
    // Labels by index and rule id only: types and keys come from the (mutated) text, which is never printed.
    const r = `resource #${analysis.resources.indexOf(entry)}`;
    check(`${r} range`, entry.resource.range);
    check(`${r} header`, entry.resource.headerRange);
    for (const annotation of entry.annotations) {
      const a = `annotation #${entry.annotations.indexOf(annotation)}`;
      check(`${r} ${a} key`, annotation.setting.keyRange);
      check(`${r} ${a} value`, annotation.setting.valueRange);
      const resolved = annotation.setting.resolved;
      if (resolved && resolved.file === null) check(`${r} ${a} resolved value`, resolved.range);
    }
  }
  analysis.document.resources.forEach((resource, i) => {
    resource.settings.forEach((setting, j) => {
      check(`model resource #${i} setting #${j} key`, setting.keyRange);
      check(`model resource #${i} setting #${j} value`, setting.valueRange);
    });
  });
  for (const finding of analysis.findings) {
    check(`finding ${finding.ruleId}`, finding.range);
    for (const related of finding.related ?? []) if (related.file === null) check(`finding ${finding.ruleId} related`, related.range);
  }
  return problems.slice(0, 5);
}

/** What the server does with an analysis: hovers, quick fixes, lens titles; returns what it showed. */
export function exercise(engine: Engine, analysis: FileAnalysis, text: string, fileName: string, problems: string[], applyFixes: boolean): string {
  if (analysis.status !== 'analysed') return '';
  // The server hovers one setting and lenses the visible resources at a time: caps keep 20 MB cases linear.
  let hovers = 2_000;
  let shown = '';
  const mode = engine.knowledge.model.modes.get('public-cloud');
  const languages: Language[] = ['en', 'zh-cn'];
  for (const entry of analysis.resources) {
    if (hovers <= 0) break;
    for (const language of languages) shown += lensTitle(entry, language);
    for (const annotation of entry.annotations) {
      if (hovers-- <= 0) break;
      for (const language of languages) shown += hoverMarkdown(annotation, mode, language);
    }
  }
  const lines = new LineIndex(text);
  // The server builds fixes only for the diagnostics a request names: a cap keeps 20 MB cases linear.
  for (const finding of analysis.findings.slice(0, 300)) {
    shown += finding.message.en + finding.message.zh;
    for (const related of finding.related ?? []) shown += related.message.en + related.message.zh;
    const fixes = quickFixesFor(finding, text, analysis.kind, { sibling: (name) => (name === 'variables.tf' ? 'variable "x" {}\n' : undefined) });
    for (const fix of fixes) {
      shown += fix.title.en + fix.title.zh;
      const own = fix.changes.filter((change) => !change.file);
      for (const change of own) {
        if (change.range.start.line >= lines.lineCount || change.range.end.line >= lines.lineCount || change.range.start.character < 0) {
          problems.push(`quick fix of ${finding.ruleId}: edit ${change.range.start.line}:${change.range.start.character} outside the text`);
        }
      }
      if (applyFixes && own.length > 0) {
        const fixed = applyEdits(text, own);
        // The fixed text is analysed too (a fix must not produce input that breaks the engine).
        engine.analyse('fuzz-fix', fileName, fixed, { mode: 'public-cloud', maxLength: MAX_LENGTH });
        engine.forget('fuzz-fix');
      }
    }
  }
  return shown;
}

/** Runs one case: the mutation alone (fresh id), then original → mutation → original under one id. */
export function runEngineCase(context: EngineContext, input: Input, kind: MutationKind, seed: number): CaseResult {
  const problems: string[] = [];
  const rng = new Rng(seed);
  const started = performance.now();
  let variant = '?';
  let mutated = '';
  try {
    const mutation = mutate(kind, input.text, rng, input.kind);
    variant = mutation.variant;
    mutated = mutation.text;
    const huge = kind === 'huge';
    const moduleKind = input.kind === 'terraform' && rng.chance(0.5) ? (rng.chance(0.5) ? 'empty' : 'examples') : 'none';
    const options: AnalyseOptions = {
      mode: 'public-cloud',
      // Mostly the default limit the server and the CLI both apply; sometimes none (--max-file-size-kb raised).
      // Huge files always with the limit, as both front ends run: without it the engine is linear but slow
      // (about 1 s per MB, more with many findings), which is a throughput matter, not a hang.
      maxLength: huge ? MAX_LENGTH : rng.chance(0.8) ? MAX_LENGTH : undefined,
      ...(moduleKind === 'none' ? {} : { module: moduleKind === 'empty' ? () => [] : () => context.module }),
    };
    const fileName = input.file;

    // 1. The mutation, fresh: a defined result, ranges in the text, nothing leaked, the features run.
    const freshId = `fuzz-fresh:${input.name}`;
    const bound = huge && options.maxLength === undefined ? HUGE_HANG_MS : HANG_MS + Math.round((HANG_MS_PER_MB * mutated.length) / 1_000_000);
    const fresh = timed('analyse (fresh)', bound, problems, () => context.engine.analyse(freshId, fileName, mutated, options));
    context.engine.forget(freshId);
    if (!fresh || (fresh.status !== 'analysed' && fresh.status !== 'skipped')) problems.push('analysis returned no result');
    problems.push(...rangeProblems(fresh, mutated));
    const shown = timed('hover, quick fixes and lens', bound, problems, () => exercise(context.engine, fresh, mutated, fileName, problems, rng.chance(0.1)));
    const leaks = leakedIn(shown, context.secrets);
    if (leaks > 0) problems.push(`${leaks} raw secret(s) of the unmutated inputs in messages, hovers, lenses or fix titles`);

    // 2. Incremental: original → mutation → original under one id; the original must come out as fresh.
    if (!huge || options.maxLength !== undefined) {
      const id = `fuzz-incremental:${input.name}`;
      const key = `${input.name}:${moduleKind}:${options.maxLength ?? ''}`;
      let original = context.originals.get(key);
      if (original === undefined) {
        const originalId = `fuzz-original:${input.name}`;
        original = snapshot(context.engine.analyse(originalId, fileName, input.text, options));
        context.engine.forget(originalId);
        context.originals.set(key, original);
      }
      const first = snapshot(context.engine.analyse(id, fileName, input.text, options));
      const viaEdit = timed('analyse (incremental)', bound, problems, () => context.engine.analyse(id, fileName, mutated, options));
      if (snapshot(viaEdit) !== snapshot(fresh)) problems.push('the mutation analysed incrementally differs from its fresh analysis');
      const again = snapshot(context.engine.analyse(id, fileName, input.text, options));
      context.engine.forget(id);
      if (first !== original) problems.push('the original analysed before the mutation differs from its fresh analysis');
      if (again !== first) problems.push('the original analysed again after the mutation differs (state corrupted by incremental reparsing)');
    }
  } catch (error) {
    problems.push(`exception: ${describeError(error, mutated || input.text)}`);
  }
  const ms = performance.now() - started;
  const facts: CaseFacts = { kind, variant, fileKind: input.kind, loneCr: /\r(?!\n)/.test(mutated) };
  const known = new Set<string>();
  const unknown: string[] = [];
  for (const problem of problems) {
    const signature = KNOWN_SIGNATURES.find((s) => s.matches(problem, facts));
    if (signature) known.add(signature.id);
    else unknown.push(problem);
  }
  return { problems: unknown, known: [...known], variant, ms };
}
