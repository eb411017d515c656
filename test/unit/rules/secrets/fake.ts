/**
 * Fake credentials built at run time from a seeded PRNG, so the repository never holds a string a secret scanner
 * would flag. Prefixes and PEM armour are assembled from pieces for the same reason.
 */

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
export const ALNUM = UPPER + LOWER + DIGITS;
export const UPPER_DIGITS = UPPER + DIGITS;
export const BASE64 = ALNUM + '+/';
/** The characters of a Google API key after its prefix. */
export const URL_SAFE = ALNUM + '-_';

/** mulberry32: tiny, deterministic, good enough to make strings look random. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick(next: () => number, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet.charAt(Math.floor(next() * alphabet.length));
  return s;
}

/** A generator with helpers bound to one seed. */
export function fakes(seed: number): { alnum: (n: number) => string; upper: (n: number) => string; b64: (n: number) => string } {
  const next = rng(seed);
  return { alnum: (n) => pick(next, ALNUM, n), upper: (n) => pick(next, UPPER_DIGITS, n), b64: (n) => pick(next, BASE64, n) };
}

/** Known prefixes, joined at run time. */
export const PREFIX = {
  alibaba: ['LT', 'AI'].join(''),
  sts: ['ST', 'S.'].join(''),
  stsToken: ['CA', 'IS'].join(''),
  tencent: ['AK', 'ID'].join(''),
  awsLong: ['AK', 'IA'].join(''),
  awsSession: ['AS', 'IA'].join(''),
  azureMark: ['Q', '~'].join(''),
  gcpApiKey: ['AI', 'za'].join(''),
  volcengine: ['AK', 'LT'].join(''),
} as const;

const DASHES = '-'.repeat(5);
const LABEL = ['PRIV', 'ATE', ' KEY'].join('');

export function pemArmour(type: string): { begin: string; end: string } {
  const prefix = type === '' ? '' : `${type} `;
  return { begin: `${DASHES}BEGIN ${prefix}${LABEL}${DASHES}`, end: `${DASHES}END ${prefix}${LABEL}${DASHES}` };
}

/** A PEM block with a random base64 body of `lines` 64-character lines. */
export function fakePem(seed: number, type = 'RSA', lines = 6, headers: readonly string[] = []): string {
  const f = fakes(seed);
  const { begin, end } = pemArmour(type);
  const body = Array.from({ length: lines }, () => f.b64(64));
  const head = headers.length > 0 ? [...headers, ''] : [];
  return [begin, ...head, ...body, end].join('\n');
}
