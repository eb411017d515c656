import * as fs from 'fs';
import * as path from 'path';

/**
 * The one way the engine, the server and the CLI read a file from disk. A repository is untrusted input: a
 * `*.tf` may be a FIFO (opening it blocks), a symlink to `/dev/zero` (reading never ends) or to a file outside
 * the workspace (whose content would end up in a message). So a file is read only when:
 *  - its real path (symlinks resolved) lies inside one of the allowed roots, when roots are given;
 *  - it is a regular file, checked with stat BEFORE it is opened (a FIFO is never opened);
 *  - it is no larger than the cap, checked on the size before reading and again on the bytes read: at most
 *    cap + 1 bytes are ever read, so a file that grows while read is still bounded.
 * It is opened with O_NONBLOCK where the platform has it, and the opened descriptor is checked again (fstat),
 * so a file swapped for a FIFO between the check and the open is still refused.
 */

/** Why a file was not read. */
export type ReadRefusal =
  /** A symlink (or a path through one) leads outside the allowed roots. */
  | 'outside'
  /** A FIFO, a device, a socket or a directory: only regular files are read. */
  | 'not-regular'
  /** Larger than the cap. */
  | 'too-large'
  /** Missing, no permission, or another I/O error; `code` says which. */
  | 'unreadable';

export type SafeRead =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName; readonly bytes: number }
  | { readonly ok: false; readonly reason: ReadRefusal; readonly code?: string };

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface SafeReadOptions {
  /**
   * Real paths (see realRoots) of the folders the file must lie in once symlinks are resolved. Undefined: no
   * containment check (a path the user named explicitly).
   */
  readonly roots?: readonly string[];
  /** The largest file read, in bytes; undefined: no cap. */
  readonly maxBytes?: number;
}

const O_NONBLOCK = (fs.constants as { O_NONBLOCK?: number }).O_NONBLOCK ?? 0;

/** The real paths of existing roots (symlinks resolved), for SafeReadOptions.roots. Missing roots are dropped. */
export function realRoots(roots: readonly string[]): string[] {
  const out: string[] = [];
  for (const root of roots) {
    try {
      out.push(fs.realpathSync(root));
    } catch {
      // A root that does not exist contains nothing.
    }
  }
  return out;
}

/** Whether a real path is one of the roots or lies below one. */
export function isWithin(real: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const relative = path.relative(root, real);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
}

/** What is at a path, symlinks resolved within the roots; never opens it. */
export type PathKind =
  | { readonly ok: true; readonly kind: 'file' | 'directory'; readonly real: string; readonly stat: fs.Stats }
  | { readonly ok: false; readonly reason: ReadRefusal; readonly code?: string };

export function inspectPath(file: string, roots?: readonly string[]): PathKind {
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errorCode(error) };
  }
  if (roots !== undefined && !isWithin(real, roots)) return { ok: false, reason: 'outside' };
  if (stat.isDirectory()) return { ok: true, kind: 'directory', real, stat };
  if (!stat.isFile()) return { ok: false, reason: 'not-regular' };
  return { ok: true, kind: 'file', real, stat };
}

/** Reads a text file under the rules above, decoding it (see decodeText). */
export function readTextFile(file: string, options: SafeReadOptions = {}): SafeRead {
  const inspected = inspectPath(file, options.roots);
  if (!inspected.ok) return inspected;
  if (inspected.kind !== 'file') return { ok: false, reason: 'not-regular' };
  const cap = options.maxBytes;
  if (cap !== undefined && inspected.stat.size > cap) return { ok: false, reason: 'too-large' };
  let fd: number;
  try {
    fd = fs.openSync(inspected.real, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errorCode(error) };
  }
  try {
    const opened = fs.fstatSync(fd);
    // The path may have been replaced between the check and the open.
    if (!opened.isFile() || opened.ino !== inspected.stat.ino || opened.dev !== inspected.stat.dev) return { ok: false, reason: 'not-regular' };
    // Never more than cap + 1 bytes, whatever fstat said: a file may grow while it is read.
    const bytes = readUpTo(fd, cap === undefined ? opened.size : cap + 1);
    if (cap !== undefined && bytes.length > cap) return { ok: false, reason: 'too-large' };
    const decoded = decodeText(bytes);
    return { ok: true, text: decoded.text, encoding: decoded.encoding, bytes: bytes.length };
  } catch (error) {
    return { ok: false, reason: 'unreadable', code: errorCode(error) };
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads up to `limit` bytes, or fewer at the end of the file, in chunks of at most 1 MB. */
function readUpTo(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(limit, 1 << 20)));
  while (total < limit) {
    const read = fs.readSync(fd, buffer, 0, Math.min(buffer.length, limit - total), null);
    if (read === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, read)));
    total += read;
  }
  return Buffer.concat(chunks, total);
}

/**
 * Text from a file's bytes: a UTF-8 byte-order mark is dropped; a UTF-16 mark (FF FE little-endian, FE FF
 * big-endian) decodes the rest as UTF-16; anything else is UTF-8, invalid sequences becoming U+FFFD.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: Buffer.from(bytes.buffer, bytes.byteOffset + 3, bytes.length - 3).toString('utf8'), encoding: 'utf-8' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  return { text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), encoding: 'utf-8' };
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}
