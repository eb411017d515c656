/**
 * 5. Server memory with many files open: start the server, open every generated file (didOpen), wait until each
 * has its diagnostics, then read the server process's VmRSS (and peak, VmHWM) from /proc/<pid>/status.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BenchServer } from './benchServer';
import { ms, now } from './measure';
import type { Report } from './report';

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function serverMemory(report: Report, files: readonly string[]): Promise<void> {
  report.section(`5. Server memory with ${files.length} files open (VmRSS of the server process)`);
  const server = await BenchServer.start();
  try {
    const before = server.memory();
    const uris = files.map((file) => pathToFileURL(file).toString());
    const started = now();
    for (let i = 0; i < files.length; i++) await server.open(uris[i]!, readFileSync(files[i]!, 'utf8'));
    await server.until(() => uris.every((uri) => (server.published.get(uri)?.version ?? -1) >= 1), `diagnostics of ${files.length} files`);
    const elapsed = now() - started;
    const after = server.memory();
    report.note(`all ${files.length} files diagnosed ${ms(elapsed)} after the first didOpen; peak RSS (VmHWM) ${mb(after.peak)}`);
    report.add({
      benchmark: `Server RSS, before / after opening ${files.length} files and receiving their diagnostics`,
      figure: `${mb(before.rss)} / ${mb(after.rss)} (+${mb(after.rss - before.rss)}, ${((after.rss - before.rss) / files.length / 1024).toFixed(0)} KB per file)`,
    });
  } finally {
    await server.stop();
  }
}
