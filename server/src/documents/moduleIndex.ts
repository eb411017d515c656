import * as fs from 'fs';
import * as path from 'path';
import type { IacDocument } from '../model/types';

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

/** Identifies a file's content on disk without reading it; undefined when it cannot be read. */
function diskKey(file: string): string | undefined {
  try {
    const stat = fs.statSync(file);
    return `disk:${stat.mtimeMs}:${stat.size}`;
  } catch {
    return undefined;
  }
}

/** The files Terraform reads with a module: its .tf files and the variable files it loads by itself. */
function isModuleFile(name: string): boolean {
  return name.endsWith('.tf') || name === 'terraform.tfvars' || name.endsWith('.auto.tfvars');
}

export class ModuleIndex {
  private readonly revisions = new Map<string, number>();
  private readonly parsed = new Map<string, { key: string; document: IacDocument }>();

  constructor(
    private readonly parse: (text: string, kind: 'terraform' | 'terraform-vars') => IacDocument,
    /** The text of a file open in the editor, with its version; undefined when it is not open. */
    private readonly openText: (file: string) => { text: string; version: number } | undefined = () => undefined,
  ) {}

  revision(dir: string): number {
    return this.revisions.get(dir) ?? 0;
  }

  /** Records that a file of `dir` changed. */
  touch(dir: string): void {
    this.revisions.set(dir, this.revision(dir) + 1);
  }

  /** The parsed `.tf` and auto-loaded `.tfvars` files of the directory of `file`, `file` itself excluded. */
  siblings(file: string): ModuleFile[] {
    const dir = path.dirname(file);
    let names: string[];
    try {
      names = fs.readdirSync(dir).filter(isModuleFile).sort();
    } catch {
      return [];
    }
    const documents: ModuleFile[] = [];
    for (const name of names) {
      const member = path.join(dir, name);
      if (member === file) continue;
      const open = this.openText(member);
      // A closed file is parsed again only when it changed on disk, not when a neighbour is edited: the
      // directory's revision moves on every keystroke in any of its files.
      const key = open ? `open:${open.version}` : diskKey(member);
      if (key === undefined) continue;
      const cached = this.parsed.get(member);
      if (cached?.key === key) {
        documents.push({ file: member, document: cached.document });
        continue;
      }
      let text: string;
      try {
        text = open?.text ?? fs.readFileSync(member, 'utf8');
      } catch {
        continue;
      }
      const document = this.parse(text, name.endsWith('.tf') ? 'terraform' : 'terraform-vars');
      this.parsed.set(member, { key, document });
      documents.push({ file: member, document });
    }
    return documents;
  }
}
