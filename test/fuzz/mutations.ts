import type { Rng } from './prng';

/** What a file is, by its name: decides the syntax of generated payloads (nesting, long lines). */
export type FileKind = 'terraform' | 'terraform-vars' | 'yaml' | 'json';

export function fileKindOf(fileName: string): FileKind {
  if (fileName.endsWith('.tfvars')) return 'terraform-vars';
  if (fileName.endsWith('.tf')) return 'terraform';
  if (fileName.endsWith('.json')) return 'json';
  return 'yaml';
}

/** Characters that matter to the parsers, plus CJK and an emoji (a surrogate pair). */
export const SPECIAL = [...'{}[]()"\'\n\r\t:#=,$%<>\\', '责', '任', '共', '担', '😀'];

/** Mutations run on every input many times: small and fast. */
export const CHEAP_KINDS = [
  'truncate',
  'byte-flip',
  'insert',
  'delete',
  'duplicate-lines',
  'crlf-mix',
  'bom',
  'invalid-utf8',
  'lone-surrogates',
  'binary',
  'nul-bytes',
  'havoc',
] as const;

/** Mutations that make big inputs (10,000-level nesting, 1 MB lines, ~20 MB files): fewer cases. */
export const LARGE_KINDS = ['nest', 'long-line', 'huge'] as const;

export type MutationKind = (typeof CHEAP_KINDS)[number] | (typeof LARGE_KINDS)[number];

export interface Mutation {
  readonly text: string;
  /** Which variant of the kind ran (never any of the text): printed with the seed on failure. */
  readonly variant: string;
}

const DEPTH = 10_000;

/** `text` mutated by `kind`, decided entirely by `rng`. */
export function mutate(kind: MutationKind, text: string, rng: Rng, fileKind: FileKind): Mutation {
  switch (kind) {
    case 'truncate':
      return truncate(text, rng);
    case 'byte-flip':
      return byteFlip(text, rng);
    case 'insert':
      return insert(text, rng);
    case 'delete':
      return remove(text, rng);
    case 'duplicate-lines':
      return duplicateLines(text, rng);
    case 'crlf-mix':
      return crlfMix(text, rng);
    case 'bom':
      return bom(text, rng);
    case 'invalid-utf8':
      return invalidUtf8(text, rng);
    case 'lone-surrogates':
      return loneSurrogates(text, rng);
    case 'binary':
      return binary(text, rng);
    case 'nul-bytes':
      return nulBytes(text, rng);
    case 'havoc':
      return havoc(text, rng);
    case 'nest':
      return nest(text, rng, fileKind);
    case 'long-line':
      return longLine(text, rng, fileKind);
    case 'huge':
      return huge(text, fileKind);
  }
}

function at(text: string, rng: Rng): number {
  return rng.int(text.length + 1);
}

function truncate(text: string, rng: Rng): Mutation {
  const cut = at(text, rng);
  return rng.chance(0.2) ? { text: text.slice(cut), variant: 'keep-tail' } : { text: text.slice(0, cut), variant: 'keep-head' };
}

function byteFlip(text: string, rng: Rng): Mutation {
  const bytes = Buffer.from(text, 'utf8');
  const flips = rng.between(1, 16);
  for (let i = 0; i < flips && bytes.length > 0; i++) {
    const index = rng.int(bytes.length);
    bytes[index] = (bytes[index] ?? 0) ^ (1 << rng.int(8));
  }
  return { text: bytes.toString('utf8'), variant: `${flips}-flips` };
}

function insert(text: string, rng: Rng): Mutation {
  let out = text;
  const count = rng.between(1, 24);
  for (let i = 0; i < count; i++) {
    const position = at(out, rng);
    const run = rng.chance(0.2) ? rng.pick(SPECIAL).repeat(rng.between(2, 40)) : rng.pick(SPECIAL);
    out = out.slice(0, position) + run + out.slice(position);
  }
  return { text: out, variant: `${count}-insertions` };
}

function remove(text: string, rng: Rng): Mutation {
  let out = text;
  const count = rng.between(1, 24);
  const targeted = rng.chance(0.6);
  for (let i = 0; i < count && out.length > 0; i++) {
    if (targeted) {
      // Delete one of the characters that matter: a brace, a quote, a newline, a colon …
      const char = rng.pick(SPECIAL);
      const positions: number[] = [];
      for (let p = out.indexOf(char); p !== -1 && positions.length < 500; p = out.indexOf(char, p + 1)) positions.push(p);
      if (positions.length === 0) continue;
      const p = rng.pick(positions);
      out = out.slice(0, p) + out.slice(p + char.length);
    } else {
      const p = rng.int(out.length);
      const length = rng.chance(0.2) ? rng.between(2, 200) : 1;
      out = out.slice(0, p) + out.slice(p + length);
    }
  }
  return { text: out, variant: `${count}-${targeted ? 'special' : 'random'}-deletions` };
}

function duplicateLines(text: string, rng: Rng): Mutation {
  const lines = text.split('\n');
  const count = rng.between(1, 8);
  for (let i = 0; i < count; i++) {
    const from = rng.int(lines.length);
    const length = rng.chance(0.3) ? rng.between(2, 12) : 1;
    const block = lines.slice(from, from + length);
    const to = rng.chance(0.5) ? from : rng.int(lines.length + 1);
    lines.splice(to, 0, ...block);
  }
  return { text: lines.join('\n'), variant: `${count}-duplications` };
}

function crlfMix(text: string, rng: Rng): Mutation {
  const p = rng.next();
  const variant = rng.pick(['crlf-some', 'cr-some', 'crlf-all', 'cr-all', 'lfcr']);
  let out = '';
  for (const char of text) {
    if (char !== '\n') out += char;
    else if (variant === 'crlf-all') out += '\r\n';
    else if (variant === 'cr-all') out += '\r';
    else if (variant === 'lfcr') out += rng.chance(p) ? '\n\r' : '\n';
    else out += rng.chance(p) ? (variant === 'crlf-some' ? '\r\n' : '\r') : '\n';
  }
  return { text: out, variant };
}

function bom(text: string, rng: Rng): Mutation {
  const variant = rng.pick(['bom', 'bom-crlf', 'double-bom', 'bom-inside']);
  switch (variant) {
    case 'bom-crlf':
      return { text: `\uFEFF${text.replace(/\n/g, '\r\n')}`, variant };
    case 'double-bom':
      return { text: `\uFEFF\uFEFF${text}`, variant };
    case 'bom-inside': {
      const p = at(text, rng);
      return { text: `\uFEFF${text.slice(0, p)}\uFEFF${text.slice(p)}`, variant };
    }
    default:
      return { text: `\uFEFF${text}`, variant };
  }
}

/** Lone continuation bytes, truncated sequences and overlongs in the UTF-8, decoded as a reader would (U+FFFD). */
function invalidUtf8(text: string, rng: Rng): Mutation {
  const bytes = [...Buffer.from(text, 'utf8')];
  const count = rng.between(1, 12);
  const junk = [[0x80], [0xbf], [0x80, 0x80], [0xc3], [0xe6, 0x9c], [0xf0, 0x9f, 0x98], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xfe]];
  for (let i = 0; i < count; i++) bytes.splice(rng.int(bytes.length + 1), 0, ...rng.pick(junk));
  return { text: Buffer.from(bytes).toString('utf8'), variant: `${count}-invalid-sequences` };
}

/** Raw lone surrogates in the JS string, and a surrogate pair split by an edit. */
function loneSurrogates(text: string, rng: Rng): Mutation {
  let out = text;
  const count = rng.between(1, 12);
  for (let i = 0; i < count; i++) {
    const p = at(out, rng);
    out = out.slice(0, p) + rng.pick(['\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uDC00\uD800', '\uD83D']) + out.slice(p);
  }
  return { text: out, variant: `${count}-lone-surrogates` };
}

function randomBytes(rng: Rng, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = rng.int(256);
  return bytes;
}

/** Binary content: random bytes decoded as UTF-8 or Latin-1, alone or spliced into the text. */
function binary(text: string, rng: Rng): Mutation {
  const variant = rng.pick(['random-utf8', 'random-latin1', 'spliced', 'png-header']);
  const bytes = randomBytes(rng, rng.between(1, 4096));
  switch (variant) {
    case 'random-utf8':
      return { text: bytes.toString('utf8'), variant };
    case 'random-latin1':
      return { text: bytes.toString('latin1'), variant };
    case 'png-header':
      return { text: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), bytes]).toString('latin1'), variant };
    default: {
      const p = at(text, rng);
      return { text: text.slice(0, p) + bytes.toString('utf8') + text.slice(p), variant };
    }
  }
}

/** NUL bytes in the text; `late` puts them past the first 8 KB, where the binary check does not look. */
function nulBytes(text: string, rng: Rng): Mutation {
  const late = rng.chance(0.6);
  let out = late ? '\n'.repeat(8200) + text : text;
  const count = rng.between(1, 10);
  for (let i = 0; i < count; i++) {
    const p = late ? 8200 + rng.int(out.length - 8200 + 1) : at(out, rng);
    out = out.slice(0, p) + '\u0000'.repeat(rng.between(1, 3)) + out.slice(p);
  }
  return { text: out, variant: `${count}-nul-${late ? 'late' : 'early'}` };
}

function havoc(text: string, rng: Rng): Mutation {
  const steps = rng.between(2, 5);
  const kinds: MutationKind[] = ['truncate', 'byte-flip', 'insert', 'delete', 'duplicate-lines', 'crlf-mix', 'invalid-utf8', 'lone-surrogates'];
  let out = text;
  const names: string[] = [];
  for (let i = 0; i < steps; i++) {
    const kind = rng.pick(kinds);
    // Truncation early in a chain would leave little to mutate: only as the last step.
    if (kind === 'truncate' && i < steps - 1) continue;
    out = mutate(kind, out, rng, 'yaml').text;
    names.push(kind);
  }
  return { text: out, variant: names.join('+') };
}

/** 10,000 levels of nesting in the file's own syntax or another one, at a random point or as the whole file. */
export const NEST_VARIANTS = ['brackets-open', 'braces-open', 'parens-open', 'brackets-balanced', 'braces-balanced', 'hcl-blocks', 'hcl-blocks-open', 'hcl-object', 'json-objects', 'yaml-compact-seq', 'yaml-flow', 'yaml-indent'] as const;

export function nestPayload(variant: (typeof NEST_VARIANTS)[number]): string {
  switch (variant) {
    case 'brackets-open':
      return '['.repeat(DEPTH);
    case 'braces-open':
      return '{'.repeat(DEPTH);
    case 'parens-open':
      return '('.repeat(DEPTH);
    case 'brackets-balanced':
      return `${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`;
    case 'braces-balanced':
      return `${'{'.repeat(DEPTH)}${'}'.repeat(DEPTH)}`;
    case 'hcl-blocks':
      return `resource "alicloud_instance" "deep" {\n${'b {\n'.repeat(DEPTH)}${'}\n'.repeat(DEPTH)}}\n`;
    case 'hcl-blocks-open':
      return `resource "alicloud_instance" "deep" {\n${'b {\n'.repeat(DEPTH)}`;
    case 'hcl-object':
      return `resource "alicloud_instance" "deep" {\n  tags = ${'{ a = '.repeat(DEPTH)}1${' }'.repeat(DEPTH)}\n}\n`;
    case 'json-objects':
      return `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;
    case 'yaml-compact-seq':
      return `Resources:\n  X:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      Tags:\n        ${'- '.repeat(DEPTH)}x\n`;
    case 'yaml-flow':
      return `Resources:\n  X:\n    Type: ALIYUN::ECS::Instance\n    Properties:\n      Tags: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`;
    case 'yaml-indent': {
      // Indentation grows with depth, so the text grows with its square: 2,000 levels is 2 MB already.
      const lines: string[] = [];
      for (let i = 0; i < 2_000; i++) lines.push(`${' '.repeat(i)}a${i}:`);
      return `${lines.join('\n')} 1\n`;
    }
  }
}

const NATIVE: Record<FileKind, readonly (typeof NEST_VARIANTS)[number][]> = {
  terraform: ['hcl-blocks', 'hcl-blocks-open', 'hcl-object', 'brackets-balanced', 'braces-open'],
  'terraform-vars': ['hcl-object', 'brackets-balanced', 'brackets-open', 'braces-open'],
  yaml: ['yaml-compact-seq', 'yaml-flow', 'yaml-indent', 'brackets-balanced', 'braces-open'],
  json: ['json-objects', 'brackets-balanced', 'brackets-open', 'braces-balanced', 'braces-open'],
};

function nest(text: string, rng: Rng, fileKind: FileKind): Mutation {
  const variant = rng.chance(0.6) ? rng.pick(NATIVE[fileKind]) : rng.pick(NEST_VARIANTS);
  const payload = nestPayload(variant);
  const where = rng.pick(['whole', 'append', 'inside']);
  if (where === 'whole') return { text: payload, variant: `${variant}/${where}` };
  if (where === 'append') return { text: `${text}\n${payload}`, variant: `${variant}/${where}` };
  const p = at(text, rng);
  return { text: text.slice(0, p) + payload + text.slice(p), variant: `${variant}/${where}` };
}

const MEGABYTE = 1024 * 1024;

/** A line of 1 MB: a long value, a long run of one character, or the whole file joined onto one line. */
function longLine(text: string, rng: Rng, fileKind: FileKind): Mutation {
  const variant = rng.pick(['value', 'run', 'joined', 'special-run']);
  const filler = 'a1b2c3d4'.repeat(MEGABYTE / 8);
  switch (variant) {
    case 'value': {
      const line =
        fileKind === 'json' ? `{"long": "${filler}"}` : fileKind === 'yaml' ? `long: "${filler}"` : `locals {\n  long = "${filler}"\n}`;
      return { text: rng.chance(0.5) ? `${text}\n${line}\n` : `${line}\n${text}`, variant };
    }
    case 'run': {
      const p = at(text, rng);
      return { text: text.slice(0, p) + filler + text.slice(p), variant };
    }
    case 'special-run': {
      const p = at(text, rng);
      return { text: text.slice(0, p) + rng.pick(SPECIAL).repeat(MEGABYTE) + text.slice(p), variant };
    }
    default: {
      let joined = text.replace(/\r?\n/g, ' ');
      while (joined.length < MEGABYTE) joined += ' '.repeat(Math.min(MEGABYTE - joined.length, 65536));
      return { text: joined, variant };
    }
  }
}

const hugeCache = new Map<string, string>();

/** ~20 MB: the text repeated (generated once per input). */
function huge(text: string, fileKind: FileKind): Mutation {
  const key = `${fileKind}\u0000${text}`;
  let out = hugeCache.get(key);
  if (out === undefined) {
    const target = 20 * MEGABYTE;
    const unit = fileKind === 'json' ? `${text.trimEnd()},\n` : `${text}\n`;
    const repeated = unit.repeat(Math.ceil(target / Math.max(1, unit.length)));
    out = fileKind === 'json' ? `[${repeated}null]` : repeated;
    hugeCache.clear();
    hugeCache.set(key, out);
  }
  return { text: out, variant: `${Math.round(out.length / MEGABYTE)}MB` };
}
