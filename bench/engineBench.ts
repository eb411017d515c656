/**
 * In-process benchmarks of the engine (parse, model, responsibility, rules) against the parsers alone:
 * HashiCorp's HCL parser (@cdktf/hcl2json, Go compiled to wasm) on Terraform, `yaml`'s parseDocument on ROS
 * YAML, and an edit's incremental analysis against a full one.
 */
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parseDocument } from 'yaml';
import { defaultAssetPaths } from '../server/src/assets';
import { Engine } from '../server/src/engine';
import { buildTerraformModel } from '../server/src/model/terraformModel';
import { TerraformParser } from '../server/src/parsers/hcl/terraformParser';
import { BUILTIN_CODE_RULES } from '../server/src/rules/builtin';
import { runRules } from '../server/src/rules/run';
import { applyKeystroke, keystrokes, lineBreaks, type Keystroke } from './edits';
import { generateRosYaml } from './generate-ros.mjs';
import { generateTerraform } from './generate-terraform.mjs';
import { kb, median, ms, now, percent, sample, timed, times } from './measure';
import type { Report } from './report';

const MODE = { mode: 'public-cloud' } as const;

let freshIds = 0;

/** A full analysis under an id never seen before (so nothing is reused), timed; the tree is freed afterwards. */
function analyseFresh(engine: Engine, fileName: string, text: string): number {
  const id = `bench:fresh:${freshIds++}`;
  try {
    const started = process.hrtime.bigint();
    const analysis = engine.analyse(id, fileName, text, MODE);
    const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
    if (analysis.status !== 'analysed') throw new Error(`${fileName} was not analysed: ${analysis.reason}`);
    return elapsed;
  } finally {
    engine.forget(id);
  }
}

function findingsOf(engine: Engine, fileName: string, text: string): number {
  const analysis = engine.analyse('bench:count', fileName, text, MODE);
  engine.forget('bench:count');
  if (analysis.status !== 'analysed') throw new Error(`${fileName} was not analysed`);
  if (analysis.document.problems.length > 0) throw new Error(`${fileName}: the generated file has syntax errors`);
  return analysis.findings.length;
}

export interface SizeRuns {
  readonly kb: number;
  readonly runs: number;
}

/** 1. Full analysis of generated Terraform against @cdktf/hcl2json's parse of the same text. */
export async function terraformVsHcl2json(engine: Engine, report: Report, sizes: readonly SizeRuns[]): Promise<void> {
  report.section('1. Terraform: full analysis vs @cdktf/hcl2json parse (median, after 1 warm-up run)');
  for (const size of sizes) {
    const text = generateTerraform(size.kb * 1024);
    const bytes = Buffer.byteLength(text);
    const findings = findingsOf(engine, 'main.tf', text);
    const ours = await sample(size.runs, 1, () => analyseFresh(engine, 'main.tf', text));
    const theirs = await sample(size.runs, 1, () => timed(() => parseHcl('main.tf', text)));
    const ratio = ours.ms / theirs.ms;
    report.note(`${kb(bytes)}: ${findings} findings; ours ${ours.samples.map((s) => s.toFixed(0)).join(', ')} ms; hcl2json ${theirs.samples.map((s) => s.toFixed(0)).join(', ')} ms`);
    report.add({
      benchmark: `Terraform ${kb(bytes)}: rlens analysis / hcl2json parse (median of ${size.runs})`,
      figure: `${ms(ours.ms)} / ${ms(theirs.ms)} = ${times(ratio)}`,
      target: { text: '≤ 0.5×', met: ratio <= 0.5 },
    });
    if (size === sizes[Math.min(1, sizes.length - 1)]) await wholeAnalysisPhases(engine, report, text, size.runs, theirs.ms);
  }
}

/**
 * Where a full analysis spends its time, phase by phase on the same text (medians): tree-sitter's parse, the
 * model built from the tree, the rules (declarative and TypeScript), the annotations; each also as a share of
 * hcl2json's parse time.
 */
async function wholeAnalysisPhases(engine: Engine, report: Report, text: string, runs: number, hcl2jsonMs: number): Promise<void> {
  const parser = await TerraformParser.load(defaultAssetPaths());
  const phases = { parse: [] as number[], model: [] as number[], rules: [] as number[], annotations: [] as number[] };
  for (let run = 0; run <= runs; run++) {
    let started = now();
    const tree = parser.parse(text);
    const parse = now() - started;
    started = now();
    const document = buildTerraformModel(tree, 'terraform', text);
    const model = now() - started;
    tree.delete();
    started = now();
    runRules(document, engine.knowledge.rules, BUILTIN_CODE_RULES);
    const rules = now() - started;
    started = now();
    engine.annotate(document, MODE.mode);
    const annotations = now() - started;
    if (run === 0) continue; // warm-up, as for the figures above
    phases.parse.push(parse);
    phases.model.push(model);
    phases.rules.push(rules);
    phases.annotations.push(annotations);
  }
  const part = (values: number[]): string => `${ms(median(values))} (${times(median(values) / hcl2jsonMs)})`;
  report.add({
    benchmark: `… of which parse / model / rules / annotations (medians; × of hcl2json's parse)`,
    figure: `${part(phases.parse)} / ${part(phases.model)} / ${part(phases.rules)} / ${part(phases.annotations)}`,
  });
}

/** 2. Analysis of a generated ROS YAML template against `yaml`'s parseDocument alone. */
export async function rosVsYaml(engine: Engine, report: Report, sizeKb: number, runs: number): Promise<void> {
  report.section(`2. ROS YAML: full analysis vs yaml parseDocument (median, after 1 warm-up run)`);
  const text = generateRosYaml(sizeKb * 1024);
  const bytes = Buffer.byteLength(text);
  const analysis = engine.analyse('bench:ros', 'template.ros.yaml', text, MODE);
  if (analysis.status !== 'analysed' || analysis.document.format !== 'ros-yaml') throw new Error('the generated template was not read as ROS YAML');
  report.note(`${kb(bytes)}: ${analysis.document.resources.length} resources, ${analysis.findings.length} findings`);
  const ours = await sample(runs, 1, () => analyseFresh(engine, 'template.ros.yaml', text));
  const theirs = await sample(runs, 1, () => timed(() => parseDocument(text)));
  const ratio = ours.ms / theirs.ms;
  report.add({
    benchmark: `ROS YAML ${kb(bytes)}: rlens analysis / yaml parseDocument (median of ${runs})`,
    figure: `${ms(ours.ms)} / ${ms(theirs.ms)} = ${times(ratio)}`,
    target: { text: '≤ 2×', met: ratio <= 2 },
  });
}

/** Each edit applied in turn to `start`: the texts a document goes through. */
function editedTexts(start: string, edits: readonly Keystroke[]): string[] {
  const texts = [start];
  for (const edit of edits) texts.push(applyKeystroke(texts[texts.length - 1]!, edit));
  return texts;
}

/** Medians of each edited text analysed under the document's id (after the text before it) and under a fresh id. */
async function sameIdVsFresh(engine: Engine, texts: readonly string[]): Promise<{ incremental: number; full: number }> {
  const id = 'bench:edited';
  engine.analyse(id, 'main.tf', texts[0]!, MODE); // the opened document: its tree and blocks are what the first edit reuses
  const incremental: number[] = [];
  for (const text of texts.slice(1)) incremental.push(await timed(() => engine.analyse(id, 'main.tf', text, MODE)));
  engine.forget(id);
  const full = texts.slice(1).map((text) => analyseFresh(engine, 'main.tf', text));
  return { incremental: median(incremental), full: median(full) };
}

/**
 * 3b. The analysis work of one keystroke: each edit analysed under the document's id (the parse reuses the
 * previous tree, the model, findings and annotations of untouched blocks are reused) against the same text
 * analysed under a fresh id (nothing reused). Letters typed into strings, then line breaks (every block below
 * the edit moves down a line). Also the parse alone, both ways.
 */
export async function incrementalVsFull(engine: Engine, report: Report, sizeKb: number, edits: number): Promise<void> {
  report.section('3b. Analysis work per keystroke, in process: same id (incremental) vs fresh id (full analysis)');
  const original = generateTerraform(sizeKb * 1024);
  const texts = editedTexts(original, keystrokes(original, edits));
  const bytes = Buffer.byteLength(texts[0]!);

  const letters = await sameIdVsFresh(engine, texts);
  report.add({
    benchmark: `${kb(bytes)} Terraform, ${edits} keystrokes: analysis per edit, same id / fresh id (medians)`,
    figure: `${ms(letters.incremental)} / ${ms(letters.full)} = ${percent(letters.incremental / letters.full)}`,
    target: { text: '≤ 10 %', met: letters.incremental / letters.full <= 0.1 },
  });
  // Where the time goes: tree-sitter's parse alone, reusing the previous tree or not.
  const parser = await TerraformParser.load(defaultAssetPaths());
  let previous = { tree: parser.parse(texts[0]!), text: texts[0]! };
  const parseIncremental: number[] = [];
  const parseFull: number[] = [];
  for (const text of texts.slice(1)) {
    let started = now();
    const tree = parser.parse(text, previous);
    parseIncremental.push(now() - started);
    previous.tree.delete();
    previous = { tree, text };
    started = now();
    const whole = parser.parse(text);
    parseFull.push(now() - started);
    whole.delete();
  }
  previous.tree.delete();
  report.add({
    benchmark: `… of which the tree-sitter parse alone, previous tree / none (medians)`,
    figure: `${ms(median(parseIncremental))} / ${ms(median(parseFull))} = ${percent(median(parseIncremental) / median(parseFull))}`,
  });

  const breaks = Math.max(2, Math.round(edits / 4));
  const moved = await sameIdVsFresh(engine, editedTexts(original, lineBreaks(original, breaks)));
  report.add({
    benchmark: `… ${breaks} line breaks typed instead (all blocks below move), same id / fresh id (medians)`,
    figure: `${ms(moved.incremental)} / ${ms(moved.full)} = ${percent(moved.incremental / moved.full)}`,
  });
}
