import type { Tree } from 'web-tree-sitter';
import type { TerraformParser } from '../parsers/hcl/terraformParser';
import { parseJson } from '../parsers/json/jsonParser';
import { parseYaml } from '../parsers/yaml/yamlParser';
import { buildConfigModel, buildRosModel, isRosTemplate } from '../model/rosModel';
import { buildTerraformModelReusing, type TerraformBlocks } from '../model/terraformModel';
import type { IacDocument } from '../model/types';

/** The syntaxes the engine reads; which one a file is comes from its name or the editor's language id. */
export type SourceKind = 'terraform' | 'terraform-vars' | 'yaml' | 'json';

export function sourceKindOf(fileName: string, languageId?: string): SourceKind | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tfvars') || languageId === 'terraform-vars') return 'terraform-vars';
  if (lower.endsWith('.tf') || languageId === 'terraform') return 'terraform';
  if (/\.ya?ml$/.test(lower) || languageId === 'yaml' || languageId === 'ros-yaml') return 'yaml';
  if (/\.(json|template)$/.test(lower) || languageId === 'json' || languageId === 'jsonc' || languageId === 'ros-json') return 'json';
  return undefined;
}

/**
 * Text we refuse to analyse as binary: its first 8 KB hold both a NUL character and a U+FFFD replacement
 * character, i.e. bytes that are not valid UTF-8 (how a file read as UTF-8 shows them; util/safeFile decodes a
 * UTF-16 file by its byte-order mark first). A NUL alone is not enough: HashiCorp's HCL parser reads a `.tf`
 * with a NUL in a comment, so such a file is a Terraform file and its credentials must be checked; and images,
 * archives and executables all hold invalid UTF-8 early on. See docs/input-limits.md.
 */
export function looksBinary(text: string): boolean {
  const head = text.slice(0, 8192);
  return head.includes('\u0000') && head.includes('\ufffd');
}

/**
 * Parses documents into the IaC model. Keeps each Terraform document's last tree and top-level blocks, so the
 * next parse of the same document is incremental and the blocks an edit did not touch keep their model; YAML
 * and JSON are reparsed whole (they are fast enough, see bench/).
 */
export class DocumentAnalyzer {
  /** Per document: the last tree (for tree-sitter's incremental parse) and the last model's top-level blocks. */
  private readonly trees = new Map<string, { tree: Tree; text: string; kind: SourceKind; blocks: TerraformBlocks }>();

  constructor(private readonly terraform: TerraformParser) {}

  /** The model of `text`; YAML/JSON that is not a ROS template is a `config-*` document (secrets only). */
  parse(id: string, text: string, kind: SourceKind): IacDocument {
    switch (kind) {
      case 'terraform':
      case 'terraform-vars': {
        // Tree-sitter's lexers take a NUL for the end of the input, so a NUL in a comment would hide the rest of
        // the file (and its credentials). HCL reads on; a space in its place keeps every offset and position.
        if (text.includes('\u0000')) text = text.replace(/\u0000/g, ' ');
        const previous = this.trees.get(id);
        const tree = this.terraform.parse(text, previous);
        previous?.tree.delete();
        const { document, blocks } = buildTerraformModelReusing(tree, kind, text, previous?.kind === kind ? previous.blocks : undefined);
        this.trees.set(id, { tree, text, kind, blocks });
        return document;
      }
      case 'yaml':
      case 'json': {
        const parsed = kind === 'yaml' ? parseYaml(text) : parseJson(text);
        if (!isRosTemplate(parsed)) return buildConfigModel(parsed, text, kind === 'yaml' ? 'config-yaml' : 'config-json');
        return buildRosModel(parsed, text, kind === 'yaml' ? 'ros-yaml' : 'ros-json');
      }
    }
  }

  /** Frees the retained tree of a closed document. */
  forget(id: string): void {
    this.trees.get(id)?.tree.delete();
    this.trees.delete(id);
  }
}
