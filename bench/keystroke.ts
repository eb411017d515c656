/**
 * 3a. Keystroke latency through the real server over LSP: open a generated Terraform file, then type one
 * character at a time at places spread over it, each an incremental didChange, and time each didChange until the
 * publishDiagnostics of that version. The server waits 200 ms after the last change before it analyses
 * (DiagnosticsScheduler's debounce), so that wait is part of what the user sees; it is reported with and without.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchServer } from './benchServer';
import { applyKeystroke, keystrokes } from './edits';
import { generateTerraform } from './generate-terraform.mjs';
import { kb, median, ms, now } from './measure';
import type { Report } from './report';

const DEBOUNCE_MS = 200;

export async function keystrokeLatency(report: Report, sizeKb: number, edits: number): Promise<void> {
  report.section('3a. Keystroke latency through the server (LSP over stdio, dist/server.js)');
  const dir = mkdtempSync(path.join(tmpdir(), 'rlens-bench-keys-'));
  const file = path.join(dir, 'main.tf');
  let text = generateTerraform(sizeKb * 1024);
  writeFileSync(file, text); // on disk too, as a file of a module folder is
  const uri = pathToFileURL(file).toString();
  const server = await BenchServer.start();
  try {
    let started = now();
    await server.open(uri, text);
    const opened = (await server.diagnosed(uri, 1)) - started;
    const latencies: number[] = [];
    let version = 1;
    for (const keystroke of keystrokes(text, edits)) {
      version++;
      const position = { line: keystroke.line, character: keystroke.character };
      text = applyKeystroke(text, keystroke);
      started = now();
      await server.change(uri, version, { start: position, end: position }, keystroke.text);
      latencies.push((await server.diagnosed(uri, version)) - started);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    report.note(`open → first diagnostics: ${ms(opened)}; per keystroke (ms): ${latencies.map((l) => l.toFixed(0)).join(', ')}`);
    report.add({
      benchmark: `${kb(Buffer.byteLength(text))} Terraform over LSP, ${edits} keystrokes: didChange → publishDiagnostics (median / max)`,
      figure: `${ms(median(latencies))} / ${ms(sorted[sorted.length - 1]!)} (200 ms debounce included)`,
    });
    report.add({
      benchmark: '… the same without the 200 ms debounce (median / max)',
      figure: `${ms(median(latencies) - DEBOUNCE_MS)} / ${ms(sorted[sorted.length - 1]! - DEBOUNCE_MS)}`,
    });
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
