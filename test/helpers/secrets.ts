import * as fs from 'fs';
import * as path from 'path';
import type { Engine } from '../../server/src/engine';
import { detectSecrets } from '../../server/src/rules/secrets/detect';
import { LineIndex } from '../../server/src/util/lineIndex';

/**
 * The raw secrets in a set of files, as the rules found them: for every finding that carries a secret, the
 * credential inside the reported value (or the whole value). Only tests hold these; they never print them.
 */
export function rawSecretsIn(engine: Engine, files: readonly string[]): Set<string> {
  const secrets = new Set<string>();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const analysis = engine.analyse(file, file, text, { mode: 'public-cloud' });
    engine.forget(file);
    if (analysis.status !== 'analysed') continue;
    const lines = new LineIndex(text);
    for (const finding of analysis.findings) {
      if (!finding.secret) continue;
      const value = text.slice(lines.offsetAt(finding.range.start), lines.offsetAt(finding.range.end)).replace(/^["']|["']$/g, '');
      const inside = detectSecrets(value, {}).map((m) => value.slice(m.start, m.end));
      for (const secret of inside.length > 0 ? inside : [value]) if (secret.length >= 6) secrets.add(secret);
    }
  }
  return secrets;
}

/** Every file under the given directories that the engine reads. */
export function filesUnder(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(tf|tfvars|ya?ml|json)$/.test(entry.name)) out.push(full);
    }
  };
  dirs.forEach(walk);
  return out.sort();
}

/** The secrets (counted, never shown) that appear in a text. */
export function leakedIn(text: string, secrets: ReadonlySet<string>): number {
  let count = 0;
  for (const secret of secrets) if (text.includes(secret)) count++;
  return count;
}
