import type { Node, Tree } from 'web-tree-sitter';
import { LineIndex } from '../util/lineIndex';
import { LineShift, moveResource } from '../incremental/shift';
import type { IacDocument, IacFormat, ParseProblem, Position, Range, Resource, ResourceKind, Setting, Value } from './types';

/** Most syntax errors worth listing in one file; more only repeat the first ones' cause. */
const MAX_PROBLEMS = 50;

/**
 * Deepest nesting of blocks and collections modelled. Real templates stay far below; a pathological file
 * (thousands of `[`) must not exhaust the stack, and what lies deeper is simply not annotated.
 */
const MAX_DEPTH = 64;

/**
 * Tree-sitter counts lines at LF only and counts a CR as a column; LSP breaks lines at a lone CR too and never
 * points between a CR and its LF. For a text with any CR, ranges are computed from the nodes' UTF-16 offsets
 * through a LineIndex instead. Set for the duration of one synchronous build.
 */
let offsetLines: LineIndex | undefined;

/**
 * The top-level blocks (or, in a .tfvars file, assignments) of the last model of a document, by their exact
 * text: what the next model of the same document can take over instead of walking the tree again.
 */
export type TerraformBlocks = ReadonlyMap<string, TopLevelEntry>;

interface TopLevelEntry {
  /** Where the element started when its resources were built or last moved. */
  readonly line: number;
  readonly character: number;
  readonly resources: readonly Resource[];
}

/** Builds the model of a `.tf` or `.tfvars` file from its tree-sitter tree (`text` is the text it parsed). */
export function buildTerraformModel(tree: Tree, format: Extract<IacFormat, 'terraform' | 'terraform-vars'>, text?: string): IacDocument {
  return buildTerraformModelReusing(tree, format, text ?? tree.rootNode.text).document;
}

/**
 * Builds the model, taking each top-level element whose text is unchanged from `previous` (the blocks of the
 * document's last model) rather than from the tree: the same resource objects when the element did not move,
 * copies moved by whole lines when an edit above it added or removed lines. An element is reused only when it
 * parsed without errors and starts at the same column, so its model is exactly what a fresh walk would give.
 * Everything else (an edited block, a block the edit broke) is built from the tree.
 */
export function buildTerraformModelReusing(
  tree: Tree,
  format: Extract<IacFormat, 'terraform' | 'terraform-vars'>,
  text: string,
  previous?: TerraformBlocks,
): { document: IacDocument; blocks: TerraformBlocks } {
  offsetLines = text.includes('\r') ? new LineIndex(text) : undefined;
  try {
    return buildModel(tree, format, text, previous);
  } finally {
    offsetLines = undefined;
  }
}

function buildModel(tree: Tree, format: Extract<IacFormat, 'terraform' | 'terraform-vars'>, text: string, previous: TerraformBlocks | undefined): { document: IacDocument; blocks: TerraformBlocks } {
  const root = tree.rootNode;
  const body = root.namedChildren.find((child) => child?.type === 'body') ?? null;
  const resources: Resource[] = [];
  const blocks = new Map<string, TopLevelEntry>();
  const elementType = format === 'terraform-vars' ? 'attribute' : 'block';
  for (const element of body ? namedChildrenOfType(body, elementType) : []) {
    const source = text.slice(element.startIndex, element.endIndex);
    const start = startOf(element);
    const earlier = previous?.get(source);
    let built: readonly Resource[];
    if (earlier && earlier.character === start.character && !element.hasError) {
      const lineDelta = start.line - earlier.line;
      const shift = lineDelta === 0 ? undefined : new LineShift(lineDelta);
      built = shift ? earlier.resources.map((resource) => moveResource(resource, shift)) : earlier.resources;
    } else {
      const fresh: Resource[] = [];
      if (format === 'terraform-vars') collectAssignment(element, fresh);
      else collectTopLevelBlock(element, fresh);
      built = fresh;
    }
    resources.push(...built);
    blocks.set(source, { line: start.line, character: start.character, resources: built });
  }
  return { document: { format, resources, problems: collectProblems(root) }, blocks };
}

/** A .tfvars assignment is an element of its own, named after the variable it sets; its value is `value`. */
function collectAssignment(attribute: Node, out: Resource[]): void {
  const keyNode = attribute.namedChildren[0];
  const expression = attribute.namedChildren[1];
  if (!keyNode || !expression) return;
  const settings: Setting[] = [];
  collectExpression('value', keyNode.text, rangeOf(keyNode), expression, settings, 1);
  out.push({ kind: 'tfvars', type: '', name: keyNode.text, range: rangeOf(attribute), headerRange: rangeOf(keyNode), settings });
}

function collectTopLevelBlock(block: Node, out: Resource[]): void {
  const blockType = block.namedChildren[0]?.text ?? '';
  const labels = blockLabels(block);
  const kindByBlockType: Record<string, ResourceKind> = {
    resource: 'resource',
    data: 'data',
    provider: 'provider',
    variable: 'variable',
    output: 'output',
  };
  const kind = kindByBlockType[blockType];
  const blockBody = bodyOf(block);
  if (kind) {
    const settings: Setting[] = [];
    if (blockBody) collectBody(blockBody, '', settings);
    const [first = '', second = ''] = labels;
    const twoLabels = kind === 'resource' || kind === 'data';
    out.push({
      kind,
      type: twoLabels || kind === 'provider' ? first : '',
      name: twoLabels ? second : kind === 'provider' ? '' : first,
      range: rangeOf(block),
      headerRange: rangeOf(block.namedChildren[0] ?? block),
      settings,
    });
    return;
  }
  if (blockType === 'locals' && blockBody) {
    const settings: Setting[] = [];
    collectBody(blockBody, '', settings);
    out.push({ kind: 'locals', type: '', name: '', range: rangeOf(block), headerRange: rangeOf(block.namedChildren[0] ?? block), settings });
    return;
  }
  if (blockType === 'terraform' && blockBody) {
    for (const inner of namedChildrenOfType(blockBody, 'block')) {
      if (inner.namedChildren[0]?.text !== 'backend') continue;
      const settings: Setting[] = [];
      const innerBody = bodyOf(inner);
      if (innerBody) collectBody(innerBody, '', settings);
      out.push({
        kind: 'backend',
        type: blockLabels(inner)[0] ?? '',
        name: '',
        range: rangeOf(inner),
        headerRange: rangeOf(inner.namedChildren[0] ?? inner),
        settings,
      });
    }
  }
}

/** Attributes and nested blocks of a body, depth first, with dotted paths. */
function collectBody(body: Node, prefix: string, out: Setting[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  for (const child of body.namedChildren) {
    if (!child) continue;
    if (child.type === 'attribute') {
      const keyNode = child.namedChildren[0];
      const expression = child.namedChildren[1];
      if (!keyNode || !expression) continue;
      collectExpression(join(prefix, keyNode.text), keyNode.text, rangeOf(keyNode), expression, out, depth + 1);
    } else if (child.type === 'block') {
      const typeNode = child.namedChildren[0];
      if (!typeNode) continue;
      const childBody = bodyOf(child);
      // `dynamic "ingress" { content { … } }` generates `ingress` blocks: analyse its content as one.
      if (typeNode.text === 'dynamic') {
        const generated = blockLabels(child)[0];
        const content = childBody ? namedChildrenOfType(childBody, 'block').find((b) => b.namedChildren[0]?.text === 'content') : undefined;
        const contentBody = content ? bodyOf(content) : null;
        if (generated && contentBody) collectBody(contentBody, join(prefix, generated), out, depth + 1);
        continue;
      }
      const path = join(prefix, typeNode.text);
      out.push({ path, key: typeNode.text, keyRange: rangeOf(typeNode), value: { kind: 'block' }, valueRange: rangeOf(child) });
      if (childBody) collectBody(childBody, path, out, depth + 1);
    }
  }
}

function collectExpression(path: string, key: string, keyRange: Range, expression: Node, out: Setting[], depth: number): void {
  const inner = unwrapExpression(expression);
  if (inner.type === 'collection_value' && depth <= MAX_DEPTH) {
    const collection = inner.namedChildren[0];
    if (collection?.type === 'tuple') {
      out.push({ path, key, keyRange, value: { kind: 'list' }, valueRange: rangeOf(inner) });
      for (const element of namedChildrenOfType(collection, 'expression')) collectExpression(path, key, keyRange, element, out, depth + 1);
      return;
    }
    if (collection?.type === 'object') {
      out.push({ path, key, keyRange, value: { kind: 'block' }, valueRange: rangeOf(inner) });
      for (const element of namedChildrenOfType(collection, 'object_elem')) {
        const keyExpr = element.childForFieldName('key');
        const valueExpr = element.childForFieldName('val');
        if (!keyExpr || !valueExpr) continue;
        const elementKey = objectKeyText(keyExpr);
        collectExpression(join(path, elementKey), elementKey, rangeOf(keyExpr), valueExpr, out, depth + 1);
      }
      return;
    }
  }
  const value: Value = inner.type === 'collection_value' ? { kind: 'unknown', text: '' } : valueOf(inner);
  out.push({ path, key, keyRange, value, valueRange: rangeOf(inner) });
}

function unwrapExpression(node: Node): Node {
  let current = node;
  while (current.type === 'expression' && current.namedChildCount === 1 && current.namedChildren[0]) {
    current = current.namedChildren[0];
  }
  return current;
}

/** A literal when the expression is one, a reference when it names something, otherwise unknown. */
export function valueOf(node: Node): Value {
  const inner = unwrapExpression(node);
  switch (inner.type) {
    case 'literal_value': {
      const literal = inner.namedChildren[0];
      if (!literal) return { kind: 'unknown', text: inner.text };
      if (literal.type === 'numeric_lit') return { kind: 'literal', value: Number(literal.text) };
      if (literal.type === 'bool_lit') return { kind: 'literal', value: literal.text === 'true' };
      if (literal.type === 'null_lit') return { kind: 'literal', value: null };
      if (literal.type === 'string_lit') return templateValue(literal);
      return { kind: 'unknown', text: inner.text };
    }
    case 'template_expr': {
      const template = inner.namedChildren[0];
      return template ? templateValue(template) : { kind: 'unknown', text: inner.text };
    }
    case 'variable_expr':
      return { kind: 'reference', text: inner.text };
    default:
      // `var.x` parses as expression(variable_expr, get_attr…), which unwrapExpression leaves as `expression`.
      if (inner.type === 'expression' && inner.namedChildren[0]?.type === 'variable_expr') {
        return { kind: 'reference', text: inner.text };
      }
      return { kind: 'unknown', text: inner.text };
  }
}

/** A quoted string or heredoc: literal when it has no interpolation; `"${var.x}"` alone is a reference. */
function templateValue(template: Node): Value {
  const parts = template.namedChildren.filter((child): child is Node => !!child && !/(_start|_end|heredoc_identifier)$/.test(child.type));
  if (parts.every((part) => part.type === 'template_literal')) {
    const raw = parts.map((part) => part.text).join('');
    return { kind: 'literal', value: template.type === 'heredoc_template' ? raw : unescapeHcl(raw) };
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.type === 'template_interpolation') {
    const expression = only.namedChildren.find((child) => child?.type === 'expression');
    if (expression) {
      const value = valueOf(expression);
      if (value.kind === 'reference') return value;
    }
  }
  return { kind: 'unknown', text: template.text };
}

function unescapeHcl(raw: string): string {
  return raw.replace(/\\(["\\nrt])|\$\$\{|%%\{/g, (match, escaped: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    return { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[escaped as 'n'] ?? match;
  });
}

function objectKeyText(keyExpr: Node): string {
  const value = valueOf(keyExpr);
  if (value.kind === 'literal' && typeof value.value === 'string') return value.value;
  return keyExpr.text;
}

function blockLabels(block: Node): string[] {
  return block.namedChildren
    .filter((child): child is Node => !!child && (child.type === 'string_lit' || (child.type === 'identifier' && child !== block.namedChildren[0])))
    .map((label) => (label.type === 'string_lit' ? label.text.replace(/^"|"$/g, '') : label.text));
}

function bodyOf(block: Node): Node | null {
  return block.namedChildren.find((child) => child?.type === 'body') ?? null;
}

function namedChildrenOfType(node: Node, type: string): Node[] {
  return node.namedChildren.filter((child): child is Node => !!child && child.type === type);
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function startOf(node: Node): Position {
  if (offsetLines) return offsetLines.positionAt(node.startIndex);
  return { line: node.startPosition.row, character: node.startPosition.column };
}

function rangeOf(node: Node): Range {
  if (offsetLines) return offsetLines.rangeOf(node.startIndex, node.endIndex);
  return {
    start: { line: node.startPosition.row, character: node.startPosition.column },
    end: { line: node.endPosition.row, character: node.endPosition.column },
  };
}

function collectProblems(root: Node): ParseProblem[] {
  const problems: ParseProblem[] = [];
  if (!root.hasError) return problems;
  const cursor = root.walk();
  let descend = true;
  // Iterative walk: deep nesting must not overflow the stack.
  for (;;) {
    const node = cursor.currentNode;
    let visitChildren = descend;
    if (descend && (node.isError || node.isMissing)) {
      problems.push(problemFor(node));
      visitChildren = false;
    } else if (descend && !node.hasError) {
      visitChildren = false;
    }
    if (problems.length >= MAX_PROBLEMS) break;
    if (visitChildren && cursor.gotoFirstChild()) {
      descend = true;
      continue;
    }
    if (cursor.gotoNextSibling()) {
      descend = true;
      continue;
    }
    let climbed = false;
    while (cursor.gotoParent()) {
      if (cursor.gotoNextSibling()) {
        climbed = true;
        break;
      }
    }
    if (!climbed) break;
    descend = true;
  }
  cursor.delete();
  return problems;
}

function problemFor(node: Node): ParseProblem {
  if (node.isMissing) {
    return {
      message: { en: `Syntax error: missing ${node.type}`, zh: `语法错误：缺少 ${node.type}` },
      range: rangeOf(node),
    };
  }
  // The offending text is not quoted: it may be a secret.
  return {
    message: { en: 'Syntax error: this part could not be parsed as HCL', zh: '语法错误：此处无法按 HCL 解析' },
    range: rangeOf(node),
  };
}
