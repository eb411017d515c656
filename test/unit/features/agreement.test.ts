/**
 * One resolver, every output: for every mapped setting of examples/ and test/fixtures/, the inlay hint, the hover,
 * `rlens explain` and `rlens scan --format json` name the same party and label, and a diagnostic never names a
 * different party from the hint on its line.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { explainFiles } from '../../../server/src/cli/explain';
import { formatJson } from '../../../server/src/cli/formatters/json';
import { scanFiles } from '../../../server/src/cli/scan';
import { ModuleIndex } from '../../../server/src/documents/moduleIndex';
import type { FileAnalysis } from '../../../server/src/engine';
import type { Annotation } from '../../../server/src/features/annotations';
import { findingView } from '../../../server/src/features/findingView';
import { documentHints } from '../../../server/src/features/hints';
import { hoverMarkdown } from '../../../server/src/features/hover';
import { sharedEngine } from '../../helpers/engine';

const root = path.resolve(__dirname, '../../..');
const SOURCE = /\.(tf|tfvars|ya?ml|json)$/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return SOURCE.test(entry.name) ? [full] : [];
  });
}

const key = (file: string, line: number, column: number) => `${path.relative(root, file).split(path.sep).join('/')}:${line}:${column}`;

describe('every output takes its party and label from the one resolver', function () {
  this.timeout(300_000);
  const files = [...filesUnder(path.join(root, 'examples')), ...filesUnder(path.join(root, 'test/fixtures'))].sort();

  it('hint, hover, explain, scan JSON and diagnostics agree on every mapped setting of examples/ and test/fixtures/', async () => {
    const engine = await sharedEngine();
    const modules = new ModuleIndex((text, kind) => engine.parseTerraform(text, kind));
    const annotated = new Map<string, { file: string; annotation: Annotation }>();
    let findingsOnSettings = 0;
    let diagnosticsBesideHints = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const lines = text.split(/\r?\n/);
      const lineEnd = (line: number) => (lines[line] ?? '').trimEnd().length;
      const analysis = engine.analyse(file, file, text, { mode: 'public-cloud', module: () => modules.siblings(path.resolve(file)) });
      engine.forget(file);
      if (analysis.status !== 'analysed') continue;
      const done = analysis as Extract<FileAnalysis, { status: 'analysed' }>;
      // Every hint, when none is folded, is the resolver's label or the verdict of the value.
      for (const language of ['en', 'zh-cn'] as const) {
        for (const hint of documentHints(done.resources, { language, showRepeated: true, customerOnly: false, lineEnd })) {
          const r = hint.annotation.resolution;
          const expected = r.verdict?.hint ? r.verdict.hint : r.label;
          assert.strictEqual(hint.label, language === 'en' ? expected.en : expected.zh, key(file, hint.position.line, hint.position.character));
          assert.ok(hint.tooltip.startsWith(language === 'en' ? r.label.en : r.label.zh), 'the tooltip names the label');
        }
      }
      for (const entry of done.resources) {
        for (const annotation of entry.annotations) {
          const r = annotation.resolution;
          const at = key(file, annotation.setting.keyRange.start.line + 1, annotation.setting.keyRange.start.character + 1);
          annotated.set(at, { file, annotation });
          assert.strictEqual(annotation.responsibility, r.party, at);
          assert.strictEqual(annotation.rows[0]?.id, r.rows[0]?.id, at);
          for (const [language, label, item] of [
            ['en', r.label.en, r.rows[0]?.item.en],
            ['zh-cn', r.label.zh, r.rows[0]?.item.zh],
          ] as const) {
            const hover = hoverMarkdown(annotation, engine.knowledge.model.modes.get('public-cloud'), language);
            assert.ok(hover.includes(`*${label}* · ${item}`), `${at}: the hover leads with "${label} · ${item}"`);
          }
        }
      }
      // A diagnostic names the same party and label as the hint on its line (folded or not).
      const visible = documentHints(done.resources, { language: 'en', showRepeated: false, customerOnly: false, lineEnd });
      const isRos = done.kind === 'yaml' || done.kind === 'json';
      for (const finding of done.findings) {
        const view = findingView(finding, engine.ruleMeta(finding.ruleId), engine.knowledge, engine.resolver('public-cloud'), isRos, 'en', finding.severity, done.resources);
        const line = finding.range.start.line;
        const at = finding.range.start;
        const notBefore = (p: { line: number; character: number }, q: { line: number; character: number }): boolean => p.line > q.line || (p.line === q.line && p.character >= q.character);
        // The settings a diagnostic sits on: those whose text, key to value, holds its start (on a minified one-line
        // template every setting shares the line, so the line alone says nothing).
        const holds = (a: { setting: { keyRange: { start: typeof at }; valueRange: { end: typeof at } } }): boolean => notBefore(at, a.setting.keyRange.start) && notBefore(a.setting.valueRange.end, at);
        const onLine = done.resources.flatMap((e) => e.annotations).filter((a) => a.setting.keyRange.start.line === line && a.setting.valueRange.end.line === line && holds(a));
        for (const annotation of onLine) {
          findingsOnSettings++;
          assert.strictEqual(view.resolution?.party, annotation.resolution.party, `${key(file, line + 1, 1)} ${finding.ruleId}`);
          assert.ok(view.text.includes(annotation.resolution.label.en), `${key(file, line + 1, 1)}: "${view.text}" names the setting's label`);
          assert.ok(view.text.startsWith(finding.message.en), 'the problem comes first');
        }
        // The hint beside the diagnostic; when several share its line, the one of the setting it sits on.
        const hintsOnLine = visible.filter((h) => h.position.line === line);
        for (const hint of hintsOnLine.length > 1 ? hintsOnLine.filter((h) => holds(h.annotation)) : hintsOnLine) {
          diagnosticsBesideHints++;
          assert.strictEqual(view.resolution?.party, hint.annotation.resolution.party, `${key(file, line + 1, 1)} ${finding.ruleId}: diagnostic and hint name the same party`);
        }
      }
    }
    assert.ok(annotated.size > 300, `${annotated.size} mapped settings`);
    assert.ok(findingsOnSettings > 20, `${findingsOnSettings} findings sit on mapped settings`);
    assert.ok(diagnosticsBesideHints > 10, `${diagnosticsBesideHints} diagnostics share a line with a hint`);

    // rlens explain: the same label and party for every setting.
    const explained = explainFiles(engine, files, 'public-cloud', root);
    let compared = 0;
    for (const setting of explained.annotations) {
      const at = `${setting.file}:${setting.range.start.line}:${setting.range.start.column}`;
      const own = annotated.get(at);
      assert.ok(own, `explain reports ${at}, which the editor does not annotate`);
      assert.deepStrictEqual(setting.label, own.annotation.resolution.label, at);
      assert.strictEqual(setting.responsibility, own.annotation.resolution.party, at);
      compared++;
    }
    assert.strictEqual(compared, annotated.size, 'explain and the editor annotate the same settings');

    // rlens scan --format json: a finding on a mapped setting carries that setting's party and label.
    const report = JSON.parse(formatJson(scanFiles(engine, files, { mode: 'public-cloud', cwd: root, version: 'test' }))) as {
      findings: { file: string; range: { start: { line: number; column: number } }; responsibility: { party?: string; label?: { en: string; zh: string } } }[];
    };
    let scanned = 0;
    for (const finding of report.findings) {
      assert.ok(finding.responsibility.party && finding.responsibility.label, `${finding.file}:${finding.range.start.line} has a party and label`);
      const line = finding.range.start.line;
      // The setting the finding sits on: key to value holds its start (several share a line in minified JSON).
      const own = [...annotated.entries()].find(([at, a]) => {
        const { keyRange, valueRange } = a.annotation.setting;
        return at.startsWith(`${finding.file}:${line}:`) && valueRange.end.line + 1 === line && keyRange.start.character + 1 <= finding.range.start.column && finding.range.start.column <= valueRange.end.character + 1;
      });
      if (!own) continue;
      scanned++;
      assert.strictEqual(finding.responsibility.party, own[1].annotation.resolution.party, `${finding.file}:${line}`);
      assert.deepStrictEqual(finding.responsibility.label, own[1].annotation.resolution.label, `${finding.file}:${line}`);
    }
    assert.ok(scanned > 20, `${scanned} scan findings compared`);
  });
});
