/**
 * Text read from a scanned file and shown to people — a file name, a resource or variable name, a ROS logical
 * id, the reason of a suppression comment or a contract waiver, a value quoted in a message — with every
 * credential a detector recognises in it replaced by its masked form (`LTAI…Yw`).
 *
 * Why: the value rules mask what they report, but a key written into a name or a comment used to reach every
 * output whole (diagnostics, hovers, code-action titles, every CLI format). Every place that turns findings or
 * annotations into output passes such text through here. Masked text stays masked when passed again, since the
 * masked form (`…` inside) matches no detector.
 */
import { detectSecrets } from './detect';
import { maskSecret } from './mask';

export function maskSecretsIn(text: string): string {
  const matches = detectSecrets(text, {});
  if (matches.length === 0) return text;
  let out = '';
  let at = 0;
  for (const match of matches) {
    out += text.slice(at, match.start) + maskSecret(text.slice(match.start, match.end));
    at = match.end;
  }
  return out + text.slice(at);
}
