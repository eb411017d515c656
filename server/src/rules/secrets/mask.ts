/**
 * Masking and hashing of detected secrets.
 *
 * Why: a diagnostic, hover, log line or SARIF file that repeats a leaked key leaks it again, so nothing past the
 * detector may carry the value. The masked form lets a reader recognise which key it is; the hash lets a baseline
 * or waiver name the secret without storing it.
 */
import { createHash } from 'crypto';
import type { SecretEvidence } from '../types';

/** Values shorter than this are masked completely: showing 6 characters of them would show most of them. */
const MIN_PARTIAL_LENGTH = 10;

/** First 4 and last 2 characters (code points, so a surrogate pair is never split), or `****`. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  if (chars.length < MIN_PARTIAL_LENGTH) return '****';
  return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
}

export function secretHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function toEvidence(value: string, kind: string): SecretEvidence {
  return { masked: maskSecret(value), hash: secretHash(value), kind };
}
