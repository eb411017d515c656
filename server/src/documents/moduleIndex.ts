import * as fs from 'fs';
import * as path from 'path';
import { EMPTY_VIEW, ModuleLookup, ModuleView } from '../model/moduleLookup';
import type { IacDocument } from '../model/types';
import { inspectPath, readTextFile, realRoots } from '../util/safeFile';
import { looksBinary } from './analyzer';

/**
 * The other Terraform files of a module directory, parsed once per revision. A Terraform module is a
 * directory: a bucket's policy or a VPC's flow log often sits in another file, so rules that connect resources
 * look at the whole directory rather than guess from one file. The revision of a directory changes whenever
 * one of its files changes (in the editor or on disk), which is what analysis caches key on.
 */
/** Another file of the module and its model. */
export interface ModuleFile {
  readonly file: string;
  readonly document: IacDocument;
}

/** The files Terraform reads with a module: its .tf files and the variable files it loads by itself. */
function isModuleFile(name: string): boolean {
  return name.endsWith('.tf') || name === 'terraform.tfvars' || name.endsWith('.auto.tfvars');
}

/**
 * Where the other files of a module may be read from. Nothing else: a sibling is read only when it is a regular
 * file (a FIFO or a device named `*.tf` is never opened), no larger than `maxBytes`, and, once symlinks are
 * resolved, inside one of the roots (the workspace folders in the editor, the scanned paths in the CLI; without
 * roots, the module's own folder), so that a `terraform.tfvars -> ../../elsewhere` never brings a file from
 * outside into a message.
 */
export interface ModuleReadLimits {
  /** Real paths (util/safeFile realRoots); undefined or empty: the module's own folder. */
  readonly roots?: () => readonly string[] | undefined;
  /** Siblings larger than this many bytes are left out, as the file itself would be skipped; undefined: no cap. */
  readonly maxBytes?: () => number | undefined;
  /**
   * The files on disk do not change while this index lives (a CLI scan): a folder is listed, checked and read
   * once, not once per file of it (5,000 files in one folder were 25 million stat calls).
   */
  readonly stable?: boolean;
}

export class ModuleIndex {
  private readonly revisions = new Map<string, number>();
  private readonly parsed = new Map<string, { key: string; document: IacDocument }>();

  constructor(
    private readonly parse: (text: string, kind: 'terraform' | 'terraform-vars') => IacDocument,
    /** The text of a file open in the editor, with its version; undefined when it is not open. */
    private readonly openText: (file: string) => { text: string; version: number } | undefined = () => undefined,
    private readonly limits: ModuleReadLimits = {},
  ) {}

  revision(dir: string): number {
    return this.revisions.get(dir) ?? 0;
  }

  /** Records that a file of `dir` changed. */
  touch(dir: string): void {
    this.revisions.set(dir, this.revision(dir) + 1);
  }

  /** With `stable` limits: each folder's module files, listed and checked once (keys for `parsed`). */
  private readonly listings = new Map<string, readonly Candidate[]>();
  /** With `stable` limits: files that could not be read or are not analysed; not tried again. */
  private readonly refused = new Set<string>();

  /** The parsed `.tf` and auto-loaded `.tfvars` files of the directory of `file`, `file` itself excluded. */
  siblings(file: string): ModuleFile[] {
    const dir = path.dirname(file);
    let candidates = this.limits.stable ? this.listings.get(dir) : undefined;
    if (!candidates) {
      candidates = this.list(dir);
      if (this.limits.stable) this.listings.set(dir, candidates);
    }
    const documents: ModuleFile[] = [];
    for (const candidate of candidates) {
      if (candidate.file === file) continue;
      // A file is parsed when a neighbour first needs it, so that a folder of one file parses nothing twice.
      const document = this.documentOf(candidate);
      if (document) documents.push({ file: candidate.file, document });
    }
    return documents;
  }

  /** Per folder: the last module-wide lookup, what it was built from, and the one file left out of it (if any). */
  private readonly lookups = new Map<string, { signature: unknown; lookup: ModuleLookup; missing: string | undefined }>();

  /**
   * The other files of the module of `file`, as one lookup built for the whole folder and shared by all its
   * files until one of them changes (not the list of the others, made again for each: N² for N files). The
   * file asking is left out of a new lookup when it has not been parsed as a neighbour yet (a folder of one
   * file parses nothing twice; a keystroke does not parse the file being edited twice); the next file of the
   * folder to ask then builds it whole, once.
   */
  module(file: string): ModuleView {
    const dir = path.dirname(file);
    let candidates = this.limits.stable ? this.listings.get(dir) : undefined;
    if (!candidates) {
      candidates = this.list(dir);
      if (this.limits.stable) this.listings.set(dir, candidates);
    }
    if (!candidates.some((candidate) => candidate.file !== file)) return EMPTY_VIEW;
    // Stable: the listing object itself (files do not change); the editor: every file's content key.
    const signature = this.limits.stable ? candidates : candidates.map((candidate) => `${candidate.file}\u0000${candidate.key}`).join('\u0000');
    const known = this.lookups.get(dir);
    if (known && known.signature === signature && (known.missing === undefined || known.missing === file)) return new ModuleView(known.lookup, file);
    const members: ModuleFile[] = [];
    let missing: string | undefined;
    for (const candidate of candidates) {
      if (candidate.file === file) {
        const cached = this.parsed.get(file);
        if (cached?.key === candidate.key) members.push({ file, document: cached.document });
        else missing = file;
        continue;
      }
      const document = this.documentOf(candidate);
      if (document) members.push({ file: candidate.file, document });
    }
    const lookup = new ModuleLookup(members);
    this.lookups.set(dir, { signature, lookup, missing });
    return new ModuleView(lookup, file);
  }

  /**
   * The module files of a folder that may be read, each with a key that identifies its content: an open file's
   * version, or a closed file's real path, inode, time and size (nothing is opened to know that). A closed file
   * is parsed again only when it changed on disk, not when a neighbour is edited: the directory's revision moves
   * on every keystroke in any of its files.
   */
  private list(dir: string): Candidate[] {
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter(isModuleFile).sort();
    } catch {
      return [];
    }
    const given = this.limits.roots?.();
    const roots = given && given.length > 0 ? given : realRoots([dir]);
    const maxBytes = this.limits.maxBytes?.();
    const candidates: Candidate[] = [];
    for (const name of names) {
      const file = path.join(dir, name);
      const open = this.openText(file);
      if (open) {
        candidates.push({ file, name, key: `open:${open.version}`, open: open.text, roots, maxBytes });
        continue;
      }
      const found = inspectPath(file, roots);
      if (!found.ok || found.kind !== 'file' || (maxBytes !== undefined && found.stat.size > maxBytes)) {
        this.parsed.delete(file);
        continue;
      }
      candidates.push({ file, name, key: `disk:${found.real}:${found.stat.ino}:${found.stat.mtimeMs}:${found.stat.size}`, roots, maxBytes });
    }
    return candidates;
  }

  private documentOf(candidate: Candidate): IacDocument | undefined {
    const cached = this.parsed.get(candidate.file);
    if (cached?.key === candidate.key) return cached.document;
    if (this.limits.stable && this.refused.has(candidate.file)) return undefined;
    let text: string;
    if (candidate.open !== undefined) text = candidate.open;
    else {
      const read = readTextFile(candidate.file, { roots: candidate.roots, ...(candidate.maxBytes !== undefined ? { maxBytes: candidate.maxBytes } : {}) });
      if (!read.ok) {
        this.refused.add(candidate.file);
        return undefined;
      }
      text = read.text;
    }
    // A file the engine would not analyse on its own (binary, too long) does not count for its neighbours either.
    if (looksBinary(text) || (candidate.maxBytes !== undefined && text.length > candidate.maxBytes)) {
      this.refused.add(candidate.file);
      return undefined;
    }
    const document = this.parse(text, candidate.name.endsWith('.tf') ? 'terraform' : 'terraform-vars');
    this.parsed.set(candidate.file, { key: candidate.key, document });
    return document;
  }
}

/** A module file that may be read, not read yet (ModuleIndex.list). */
interface Candidate {
  readonly file: string;
  readonly name: string;
  readonly key: string;
  readonly open?: string;
  readonly roots: readonly string[];
  readonly maxBytes: number | undefined;
}
