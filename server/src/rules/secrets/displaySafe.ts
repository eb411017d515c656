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

/**
 * Text that can hold no credential: no run of 16 key-like characters (the shortest key, an AccessKey ID, has 16)
 * and no `name=value` or `name: value` in which a password could stand. Most names and messages are such text,
 * and every finding's message passes here, so it is passed over without running the detectors.
 */
const MAY_HOLD_SECRET = /[A-Za-z0-9+/=._~-]{16}|[=:]/;

export function maskSecretsIn(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
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
