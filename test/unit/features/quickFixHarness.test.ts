import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isSeq, parseDocument, visit } from 'yaml';
import { sourceKindOf, type SourceKind } from '../../../server/src/documents/analyzer';
import type { Engine } from '../../../server/src/engine';
import { fixAllByRule } from '../../../server/src/features/fixes/fixAll';
import { quickFixesFor, type QuickFix } from '../../../server/src/features/quickFixes';
import type { Finding } from '../../../server/src/rules/types';
import { LineIndex } from '../../../server/src/util/lineIndex';
import { sharedEngine } from '../../helpers/engine';
import { applyOffsets, countBy, findingsOf, overlapProblem, syntaxErrors, toOffsets, type OffsetChange } from '../../helpers/quickFixCheck';
import { filesUnder } from '../../helpers/secrets';

/**
 * Applies every quick fix offered for every finding over examples/, test/fixtures/ and generated variants of
 * them (CRLF, CJK text, minified JSON, flow-style YAML), and checks each: its edits apply together, the file
 * (and a sibling it writes) still parses with no new syntax error, the edits stay inside the range the fix is
 * about, and the finding is gone — or, for an ignore comment, suppressed by that comment. Also every "fix all".
 */

const ROOT = path.resolve(__dirname, '../../..');

interface Variant {
  readonly name: string;
  readonly fileName: string;
  readonly text: string;
  readonly kind: SourceKind;
  readonly dir: string;
}

function variantsOf(file: string): Variant[] {
  const kind = sourceKindOf(file);
  if (!kind) return [];
  const text = fs.readFileSync(file, 'utf8');
  const base = { fileName: path.basename(file), kind, dir: path.dirname(file) };
  const out: Variant[] = [{ ...base, name: 'as written', text }];
  out.push({ ...base, name: 'CRLF', text: text.replace(/\r?\n/g, '\r\n') });
  if (kind !== 'json') out.push({ ...base, name: 'CJK', text: `# 中文说明：生产环境配置（变体）\n${text.replace(/\n\n/, '\n# 注释：第二段\n\n')}` });
  if (kind === 'json') {
    // CJK before everything else: every later position is shifted by wide characters on the first line.
    const open = text.indexOf('{');
    const described = /"Description"\s*:\s*"/.exec(text);
    if (described) out.push({ ...base, name: 'CJK', text: `${text.slice(0, described.index + described[0].length)}中文说明：变体 ${text.slice(described.index + described[0].length)}` });
    else if (open >= 0) out.push({ ...base, name: 'CJK', text: `${text.slice(0, open + 1)}"Description": "中文说明：生产环境（变体）", ${text.slice(open + 1)}` });
    try {
      out.push({ ...base, name: 'minified', text: JSON.stringify(JSON.parse(text)) });
    } catch {
      // Not plain JSON (comments, a deliberate syntax error): no minified variant.
    }
  }
  if (kind === 'yaml' && /ROSTemplateFormatVersion/.test(text)) {
    for (const [name, all] of [['flow-style parameters', false], ['flow style', true]] as const) {
      const flowed = flowStyle(text, all);
      if (flowed) out.push({ ...base, name, text: flowed });
    }
  }
  return out;
}

/** The template with its Parameters section (or every collection below the top level) in flow style. */
function flowStyle(text: string, all: boolean): string | undefined {
  const document = parseDocument(text, { strict: false });
  if (document.errors.length > 0 || !isMap(document.contents)) return undefined;
  for (const pair of document.contents.items) {
    const key = String((pair.key as { value?: unknown } | null)?.value ?? '');
    if (!all && key !== 'Parameters') continue;
    if (all && key === 'Workspace') continue;
    visit(pair.value as never, {
      Map: (_, node) => {
        node.flow = true;
      },
      Seq: (_, node) => {
        node.flow = true;
      },
    });
    if (isMap(pair.value) || isSeq(pair.value)) pair.value.flow = true;
  }
  return document.toString({ lineWidth: 0 });
}

/**
 * Failures the harness found that are not the quick fixes' making, left to their owners (reported to the lead):
 * the rule reports an IPv6-only open ingress on `cidr_ip` and plans its placeholder there (matrices/rules/network.yaml).
 */
const KNOWN = [{ file: 'test/fixtures/rules/sg-ingress-open-sensitive-port/positive.tf', rule: 'sg-ingress-open-sensitive-port', problem: 'the finding stays' }];

interface Tally {
  known: number;
  applied: number;
  held: number;
  failures: string[];
}

/** The offsets the fix may touch, from its plan: the value, the setting's lines, the resource. */
function regionProblem(fix: QuickFix, finding: Finding, text: string, own: readonly OffsetChange[]): string | undefined {
  const index = new LineIndex(text);
  const plan = fix.plan;
  if (!plan) {
    return own.every((c) => c.start === c.end) ? undefined : 'an ignore comment replaced text';
  }
  const inside = (from: number, to: number) => own.every((c) => c.start >= from && c.end <= to);
  switch (plan.kind) {
    case 'set-value':
    case 'placeholder':
      return own.length === 1 && own[0]?.start === index.offsetAt(plan.range.start) && own[0]?.end === index.offsetAt(plan.range.end) ? undefined : 'edit beyond the value';
    case 'remove-setting': {
      const from = index.offsetAt({ line: Math.max(0, plan.range.start.line - 1), character: 0 });
      const to = index.offsetAt({ line: plan.range.end.line + 2, character: 0 });
      const removed = own.reduce((n, c) => n + (c.end - c.start), 0);
      return inside(from, to) && own.every((c) => c.newText === '') && removed >= index.offsetAt(plan.range.end) - index.offsetAt(plan.range.start) ? undefined : 'removal beyond the setting';
    }
    case 'add-setting':
      return inside(index.offsetAt(plan.resource.range.start), index.offsetAt(plan.resource.range.end)) && own.every((c) => c.start === c.end) ? undefined : 'addition outside the resource';
    case 'extract-secret': {
      const start = index.offsetAt(plan.range.start);
      const end = index.offsetAt(plan.range.end);
      const replaced = own.filter((c) => c.start !== c.end);
      return replaced.length === 1 && replaced[0]?.start === start && replaced[0]?.end === end ? undefined : 'extraction replaced more than the value';
    }
  }
  return finding ? undefined : 'no finding';
}

async function checkFix(engine: Engine, variant: Variant, finding: Finding, fix: QuickFix, before: readonly Finding[]): Promise<string | undefined> {
  const own = toOffsets(variant.text, fix.changes.filter((c) => !c.file));
  const overlap = overlapProblem(own);
  if (overlap) return overlap;
  const after = applyOffsets(variant.text, own);
  const errorsBefore = await syntaxErrors(variant.text, variant.kind);
  const errorsAfter = await syntaxErrors(after, variant.kind);
  if (errorsAfter > errorsBefore) return `syntax errors ${errorsBefore} → ${errorsAfter}`;
  for (const sibling of new Set(fix.changes.filter((c) => c.file).map((c) => c.file as string))) {
    const siblingText = fs.readFileSync(path.join(variant.dir, sibling), 'utf8');
    const siblingAfter = applyOffsets(siblingText, toOffsets(siblingText, fix.changes.filter((c) => c.file === sibling)));
    if ((await syntaxErrors(siblingAfter, 'terraform')) > (await syntaxErrors(siblingText, 'terraform'))) return `syntax error in ${sibling}`;
  }
  // An embedded finding's plan is in the Terraform text inside the template; its edits were moved out of it.
  const region = finding.embedded ? undefined : regionProblem(fix, finding, variant.text, own);
  if (region) return region;
  const now = findingsOf(engine, 'harness:after', variant.fileName, after);
  const openBefore = countBy(before, false);
  const openAfter = countBy(now, false);
  const rule = finding.ruleId;
  if ((openAfter.get(rule) ?? 0) > (openBefore.get(rule) ?? 0) - 1) return 'the finding stays';
  if (!fix.plan && fix.title.en.includes('rlens:ignore')) {
    const suppressedNow = now.filter((f) => f.ruleId === rule && f.suppressed?.by === `rlens:ignore ${rule}`).length;
    const suppressedBefore = before.filter((f) => f.ruleId === rule && f.suppressed?.by === `rlens:ignore ${rule}`).length;
    // One comment suppresses every finding of the rule on its line (flow style puts several on one line).
    const closed = (openBefore.get(rule) ?? 0) - (openAfter.get(rule) ?? 0);
    if (suppressedNow - suppressedBefore !== closed) return 'gone, but not suppressed by the comment';
  }
  for (const [other, count] of openAfter) if (other !== rule && count > (openBefore.get(other) ?? 0)) return `a new ${other} finding`;
  return undefined;
}

describe('quick-fix verification harness', function () {
  this.timeout(600_000);

  it('every quick fix and every "fix all" over examples/, test/fixtures/ and their variants applies, parses, stays in its range and removes its finding', async () => {
    const engine = await sharedEngine();
    const files = filesUnder(path.join(ROOT, 'examples'), path.join(ROOT, 'test/fixtures')).filter((f) => !/[\\/](sarif|\.rlens)[\\/]/.test(f));
    const single: Tally = { known: 0, applied: 0, held: 0, failures: [] };
    const all: Tally = { known: 0, applied: 0, held: 0, failures: [] };
    let variants = 0;
    for (const file of files) {
      for (const variant of variantsOf(file)) {
        variants++;
        const before = findingsOf(engine, 'harness:before', variant.fileName, variant.text);
        const context = { sibling: (name: string) => (variant.kind === 'terraform' && fs.existsSync(path.join(variant.dir, name)) ? fs.readFileSync(path.join(variant.dir, name), 'utf8') : undefined) };
        const where = `${path.relative(ROOT, file)} [${variant.name}]`;
        for (const finding of before.filter((f) => !f.suppressed)) {
          for (const fix of quickFixesFor(finding, variant.text, variant.kind, context)) {
            single.applied++;
            const problem = await checkFix(engine, variant, finding, fix, before);
            if (problem && KNOWN.some((k) => where.startsWith(k.file) && finding.ruleId === k.rule && problem === k.problem)) single.known++;
            else if (problem) single.failures.push(`${where} ${finding.ruleId} line ${finding.range.start.line + 1} "${fix.title.en}": ${problem}`);
            else single.held++;
          }
        }
        for (const fixAll of fixAllByRule(before, variant.text, variant.kind, context)) {
          all.applied++;
          const own = toOffsets(variant.text, fixAll.changes);
          const overlap = overlapProblem(own);
          const after = overlap ? variant.text : applyOffsets(variant.text, own);
          const errors = (await syntaxErrors(after, variant.kind)) - (await syntaxErrors(variant.text, variant.kind));
          const left = findingsOf(engine, 'harness:after', variant.fileName, after).filter((f) => !f.suppressed && f.ruleId === fixAll.ruleId).length;
          const expected = before.filter((f) => !f.suppressed && f.ruleId === fixAll.ruleId).length - fixAll.count;
          const problem = overlap ?? (errors > 0 ? 'new syntax errors' : left > expected ? `${left} left, ${expected} expected` : undefined);
          if (problem) all.failures.push(`${where} fix all ${fixAll.ruleId}: ${problem}`);
          else all.held++;
        }
      }
    }
    console.log(`      quick fixes: ${single.held} of ${single.applied} held, ${single.known} known rule-data failures; fix all: ${all.held} of ${all.applied} held (${files.length} files, ${variants} variants)`);
    assert.ok(single.applied > 500, `only ${single.applied} fixes applied`);
    assert.ok(all.applied > 50, `only ${all.applied} fix-all actions applied`);
    assert.deepStrictEqual([...single.failures, ...all.failures], []);
  });
});
