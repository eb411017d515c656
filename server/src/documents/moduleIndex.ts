import * as fs from 'fs';
import * as path from 'path';
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

  /** With `stable` limits: every module file of a folder, read once. */
  private readonly snapshots = new Map<string, ModuleFile[]>();

  /** The parsed `.tf` and auto-loaded `.tfvars` files of the directory of `file`, `file` itself excluded. */
  siblings(file: string): ModuleFile[] {
    if (!this.limits.stable) return this.read(file);
    const dir = path.dirname(file);
    let all = this.snapshots.get(dir);
    if (!all) {
      // Read as the neighbours of a file that is not one of them, so that every module file is in.
      all = this.read(path.join(dir, '\u0000none'));
      this.snapshots.set(dir, all);
    }
    return all.filter((member) => member.file !== file);
  }

  private read(file: string): ModuleFile[] {
    const dir = path.dirname(file);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter(isModuleFile).sort();
    } catch {
      return [];
    }
    const given = this.limits.roots?.();
    const roots = given && given.length > 0 ? given : realRoots([dir]);
    const maxBytes = this.limits.maxBytes?.();
    const documents: ModuleFile[] = [];
    for (const name of names) {
      const member = path.join(dir, name);
      if (member === file) continue;
      const open = this.openText(member);
      // A closed file is parsed again only when it changed on disk, not when a neighbour is edited: the
      // directory's revision moves on every keystroke in any of its files. Nothing is opened to know that.
      let key: string;
      if (open) key = `open:${open.version}`;
      else {
        const found = inspectPath(member, roots);
        if (!found.ok || found.kind !== 'file' || (maxBytes !== undefined && found.stat.size > maxBytes)) {
          this.parsed.delete(member);
          continue;
        }
        key = `disk:${found.real}:${found.stat.ino}:${found.stat.mtimeMs}:${found.stat.size}`;
      }
      const cached = this.parsed.get(member);
      if (cached?.key === key) {
        documents.push({ file: member, document: cached.document });
        continue;
      }
      let text: string;
      if (open) text = open.text;
      else {
        const read = readTextFile(member, { roots, ...(maxBytes !== undefined ? { maxBytes } : {}) });
        if (!read.ok) continue;
        text = read.text;
      }
      // A file the engine would not analyse on its own (binary, too long) does not count for its neighbours either.
      if (looksBinary(text) || (maxBytes !== undefined && text.length > maxBytes)) continue;
      const document = this.parse(text, name.endsWith('.tf') ? 'terraform' : 'terraform-vars');
      this.parsed.set(member, { key, document });
      documents.push({ file: member, document });
    }
    return documents;
  }
}
