import { defaultAssetPaths, type AssetPaths } from './assets';
import { DocumentAnalyzer, looksBinary, sourceKindOf, type SourceKind } from './documents/analyzer';
import { annotateMapped, type ResourceAnnotations } from './features/annotations';
import { ResourceMemo } from './incremental/resourceMemo';
import { settleMoved } from './incremental/shift';
import { loadKnowledge } from './matrices/loader';
import { RowResolver } from './matrices/resolve';
import type { DeploymentMode, Knowledge } from './matrices/types';
import type { IacDocument } from './model/types';
import type { ModuleFile } from './documents/moduleIndex';
import { resolveTerraformReferences } from './model/terraformResolve';
import { EMPTY_VIEW, ModuleView } from './model/moduleLookup';
import { remapEmbedded, workspaceFiles } from './model/rosWorkspace';
import { jsonNestingDepth, MAX_JSON_NESTING, parseJson } from './parsers/json/jsonParser';
import { MAX_YAML_NESTING, parseYaml, yamlNestingDepth } from './parsers/yaml/yamlParser';
import * as path from 'path';
import { TerraformParser } from './parsers/hcl/terraformParser';
import { BUILTIN_CODE_RULES } from './rules/builtin';
import type { DeclarativeRule } from './rules/declarative/rule';
import { byPosition, newResourceFindingsCache, runRules, type CodeRule } from './rules/run';
import { applySuppressions } from './rules/suppression';
import { SourceText } from './rules/source';
import type { Contract } from './contract/contract';
import { applyWaivers } from './contract/waivers';
import type { Finding, RuleMeta } from './rules/types';

/** Whether YAML or JSON text nests beyond what the parsers (which recurse per level) are asked to walk. */
function tooDeep(text: string, kind: SourceKind): boolean {
  if (kind === 'json') return jsonNestingDepth(text) > MAX_JSON_NESTING;
  if (kind === 'yaml') return yamlNestingDepth(text) > MAX_YAML_NESTING;
  return false;
}

/** A ROS template that carries Terraform files (Transform Aliyun::Terraform-v1.x). */
const EMBEDDED_TERRAFORM = /Aliyun::Terraform-/;

/** The result of analysing one file. `skipped` says why nothing was analysed. */
export type FileAnalysis =
  | {
      readonly status: 'analysed';
      readonly kind: SourceKind;
      readonly document: IacDocument;
      readonly resources: readonly ResourceAnnotations[];
      /** Misconfigurations, suppressed ones included (marked). */
      readonly findings: readonly Finding[];
    }
  | { readonly status: 'skipped'; readonly reason: SkipReason };

/**
 * Why a file was not analysed: not a format the engine reads; binary (documents/analyzer looksBinary); larger
 * than the limit; or YAML/JSON nested beyond what the parsers walk safely (parsers' MAX_*_NESTING).
 */
export type SkipReason = 'unsupported' | 'binary' | 'too-large' | 'too-deep';

export interface AnalyseOptions {
  readonly mode: DeploymentMode;
  readonly languageId?: string;
  /** Files above this many UTF-16 code units are skipped; undefined means no limit. */
  readonly maxLength?: number;
  /** The other files of the document's Terraform module: values (variables, tfvars, locals) and resources. */
  readonly module?: () => readonly ModuleFile[] | ModuleView;
}

/**
 * The engine's front door, shared by the language server and the CLI: parse → model → responsibility.
 * It knows nothing of LSP or VS Code.
 */
export class Engine {
  private resolvers = new Map<DeploymentMode, RowResolver>();
  private readonly codeRules: readonly CodeRule[] = BUILTIN_CODE_RULES;
  /** The workspace's own declarative rules (.rlens/rules), run after the built-in ones. */
  private customRules: readonly DeclarativeRule[] = [];
  /** The workspace's contract (.rlens/contract.yaml), applied on top of the standard and the deployment mode. */
  private contractValue: Contract | null = null;
  /**
   * Per-resource results kept across edits of a Terraform document: findings for the current rule set, and
   * annotations for each row resolver (a new resolver, after a contract or matrix change, starts empty).
   */
  private findingsCache = newResourceFindingsCache();
  private annotationMemos = new WeakMap<RowResolver, ResourceMemo<ResourceAnnotations | null>>();
  /** What "today" is for waivers; tests replace it. */
  today: () => Date = () => new Date();

  private constructor(
    private knowledgeValue: Knowledge,
    private readonly analyzer: DocumentAnalyzer,
    readonly assets: AssetPaths,
  ) {}

  static async create(assets: AssetPaths = defaultAssetPaths()): Promise<Engine> {
    const knowledge = loadKnowledge(assets.matricesDir);
    const parser = await TerraformParser.load(assets);
    return new Engine(knowledge, new DocumentAnalyzer(parser), assets);
  }

  get knowledge(): Knowledge {
    return this.knowledgeValue;
  }

  /** Replaces the responsibility data (after a successful reload). */
  setKnowledge(knowledge: Knowledge): void {
    this.knowledgeValue = knowledge;
    this.resolvers = new Map();
    this.findingsCache = newResourceFindingsCache();
    this.ruleIndex = undefined;
  }

  /** The contract's deployment mode wins over the one asked for (the setting or --deployment). */
  resolver(mode: DeploymentMode): RowResolver {
    const effective = this.effectiveMode(mode);
    let resolver = this.resolvers.get(effective);
    if (!resolver) {
      resolver = new RowResolver(this.knowledgeValue.model, effective, this.contractValue);
      this.resolvers.set(effective, resolver);
    }
    return resolver;
  }

  effectiveMode(mode: DeploymentMode): DeploymentMode {
    return this.contractValue?.deploymentMode ?? mode;
  }

  get contract(): Contract | null {
    return this.contractValue;
  }

  /** Replaces the workspace's contract (null: none); resolved rows are recomputed. */
  setContract(contract: Contract | null): void {
    this.contractValue = contract;
    this.resolvers = new Map();
  }

  /** Parses and annotates a file. `id` identifies the document across edits (its URI or path). */
  analyse(id: string, fileName: string, text: string, options: AnalyseOptions): FileAnalysis {
    const kind = sourceKindOf(fileName, options.languageId);
    if (!kind) return { status: 'skipped', reason: 'unsupported' };
    if (options.maxLength !== undefined && text.length > options.maxLength) return { status: 'skipped', reason: 'too-large' };
    if (looksBinary(text)) return { status: 'skipped', reason: 'binary' };
    if (tooDeep(text, kind)) return { status: 'skipped', reason: 'too-deep' };
    const parsed = this.analyzer.parse(id, text, kind);
    const given = kind === 'terraform' && options.module ? options.module() : EMPTY_VIEW;
    // One lookup for the whole module (ModuleIndex.module) rather than the list of the other files, built per file.
    const module = given instanceof ModuleView ? given : ModuleView.of(given);
    // Values written elsewhere in the module (variables, tfvars, locals) are judged where they are used.
    const document = !module.isEmpty ? resolveTerraformReferences(parsed, module) : parsed;
    const declarative = this.customRules.length > 0 ? [...this.knowledgeValue.rules, ...this.customRules] : this.knowledgeValue.rules;
    const cache = kind === 'terraform' || kind === 'terraform-vars' ? this.findingsCache : undefined;
    const own = applySuppressions(text, document, runRules(document, declarative, this.codeRules, module, cache, new SourceText(text)), (id) => this.ruleMeta(id)?.xref);
    const embedded = (kind === 'yaml' || kind === 'json') && EMBEDDED_TERRAFORM.test(text) ? this.analyseWorkspace(text, kind, declarative, options.mode) : undefined;
    const findings = embedded ? [...own, ...embedded.findings].sort(byPosition) : own;
    const waived = this.contractValue ? applyWaivers(findings, this.contractValue.waivers, this.today()) : findings;
    const resources = this.annotate(document, options.mode);
    settleMoved(parsed.resources);
    return { status: 'analysed', kind, document, resources: embedded ? [...resources, ...embedded.resources] : resources, findings: waived };
  }

  /**
   * Terraform files held in a ROS template's Workspace (Transform Aliyun::Terraform-…): each is analysed as a
   * Terraform file of its folder within the workspace, and its annotations and findings are moved to the
   * template's lines and columns.
   */
  private analyseWorkspace(text: string, kind: 'yaml' | 'json', declarative: readonly DeclarativeRule[], mode: DeploymentMode): { resources: ResourceAnnotations[]; findings: Finding[] } {
    const root = (kind === 'yaml' ? parseYaml(text) : parseJson(text)).root;
    const files = workspaceFiles(root, text, kind).map((file) => ({ ...file, document: this.parseTerraform(file.map.text, file.kind) }));
    const mapOf = (name: string) => files.find((f) => f.name === name)?.map;
    const resources: ResourceAnnotations[] = [];
    const findings: Finding[] = [];
    for (const file of files) {
      if (file.kind !== 'terraform') continue;
      const members = files.filter((o) => o !== file && path.posix.dirname(o.name) === path.posix.dirname(file.name)).map((o) => ({ file: o.name, document: o.document }));
      const module = ModuleView.of(members);
      const inner = members.length > 0 ? resolveTerraformReferences(file.document, module) : file.document;
      const raw = applySuppressions(file.map.text, inner, runRules(inner, declarative, this.codeRules, module, undefined, new SourceText(file.map.text)), (id) => this.ruleMeta(id)?.xref);
      const out = remapEmbedded(inner, raw, file.map, { mapOf });
      resources.push(...this.annotate(out.document, mode));
      findings.push(...out.findings);
    }
    return { resources, findings };
  }

  /** Parses Terraform text without keeping its tree: for the other files of a module. */
  parseTerraform(text: string, kind: 'terraform' | 'terraform-vars' = 'terraform'): IacDocument {
    const id = `\u0000module:${this.standaloneCounter++}`;
    try {
      return this.analyzer.parse(id, text, kind);
    } finally {
      this.analyzer.forget(id);
    }
  }

  private standaloneCounter = 0;

  annotate(document: IacDocument, mode: DeploymentMode): ResourceAnnotations[] {
    const resolver = this.resolver(mode);
    let memo = this.annotationMemos.get(resolver);
    if (!memo) {
      memo = new ResourceMemo<ResourceAnnotations | null>((entry, shift) => entry && shift.resourceAnnotations(entry));
      this.annotationMemos.set(resolver, memo);
    }
    const isRos = document.format === 'ros-yaml' || document.format === 'ros-json';
    const result: ResourceAnnotations[] = [];
    for (const resource of document.resources) {
      const annotated = memo.get(resource, () => annotateMapped(resource, this.knowledgeValue, resolver, isRos));
      if (annotated) result.push(annotated);
    }
    return result;
  }

  /** Metadata of every rule that runs: built-in declarative, then TypeScript rules. */
  get rules(): readonly RuleMeta[] {
    return [...this.knowledgeValue.rules.map((rule) => rule.meta), ...this.codeRules.map((rule) => rule.meta), ...this.customRules.map((rule) => rule.meta)];
  }

  /** The metadata of rule `id`: asked once per finding, so looked up in an index kept with the rule set. */
  ruleMeta(id: string): RuleMeta | undefined {
    if (!this.ruleIndex) {
      this.ruleIndex = new Map();
      // The first rule of an id wins, as a search of `rules` would find it.
      for (const meta of this.rules) if (!this.ruleIndex.has(meta.id)) this.ruleIndex.set(meta.id, meta);
    }
    return this.ruleIndex.get(id);
  }

  private ruleIndex: Map<string, RuleMeta> | undefined;

  setCustomRules(rules: readonly DeclarativeRule[]): void {
    this.customRules = rules;
    this.findingsCache = newResourceFindingsCache();
    this.ruleIndex = undefined;
  }

  /** Drops what is kept for a document (its parse tree) once it is closed or analysed for the last time. */
  forget(id: string): void {
    this.analyzer.forget(id);
  }
}
