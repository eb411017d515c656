// Shared by run-code-server.mjs and run-desktop.mjs: read + print the results
// JSON written by suite-helpers.ts, and decide the exit code.
import fs from 'node:fs';

export function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if (e.code === 'ENOENT') return undefined;
    throw new Error(`cannot parse results ${file}: ${e.message}`);
  }
}

/** Prints one line per test and a summary; returns 0 only if nothing failed and at least one test passed. */
export function printResults(results, { resultsFile, totalSeconds } = {}) {
  console.log('');
  for (const t of results.tests ?? []) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'failed' ? '  ✘' : '  -';
    const ms = t.durationMs != null ? ` (${t.durationMs} ms)` : '';
    console.log(`${mark} ${t.fullTitle ?? t.title}${ms}`);
    if (t.state === 'failed' && t.error) console.log(`      ${String(t.error.message).split('\n').join('\n      ')}`);
  }
  if (results.error) console.log(`  ✘ suite error: ${results.error.message}`);
  const s = results.stats ?? {};
  const total = totalSeconds != null ? `, total ${totalSeconds.toFixed(1)}s` : '';
  console.log(`\n${s.passes ?? 0} passing, ${s.failures ?? 0} failing, ${s.pending ?? 0} pending` +
    ` — VS Code ${results.vscodeVersion ?? '?'}, suite ${((results.durationMs ?? 0) / 1000).toFixed(1)}s${total}`);
  if (resultsFile) console.log(`results: ${resultsFile}`);
  const ok = !results.error && (s.failures ?? 1) === 0 && (s.passes ?? 0) > 0;
  if (!ok && !results.error && !s.failures && !s.passes) console.log('no test ran: treated as failure');
  return ok ? 0 : 1;
}
