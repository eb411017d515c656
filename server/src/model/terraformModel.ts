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
/** The text being modelled and its line index (ends of nodes are found through it); set like offsetLines. */
let currentText = '';
let currentLines = new LineIndex('');
/** Whether the top-level element being modelled parsed without errors (so its nodes have their usual shape). */
let elementIsClean = false;

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
  currentText = text;
  currentLines = new LineIndex(text);
  offsetLines = text.includes('\r') ? currentLines : undefined;
  try {
    return buildModel(tree, format, text, previous);
  } finally {
    offsetLines = undefined;
    elementIsClean = false;
    currentText = '';
    currentLines = new LineIndex('');
  }
}

function buildModel(tree: Tree, format: Extract<IacFormat, 'terraform' | 'terraform-vars'>, text: string, previous: TerraformBlocks | undefined): { document: IacDocument; blocks: TerraformBlocks } {
  const root = tree.rootNode;
  const body = root.namedChildren.find((child) => child?.type === 'body') ?? null;
  const resources: Resource[] = [];
  const blocks = new Map<string, TopLevelEntry>();
  const elementType = format === 'terraform-vars' ? 'attribute' : 'block';
  for (const element of body?.namedChildren ?? []) {
    if (!element || element.type !== elementType) continue;
    const source = text.slice(element.startIndex, element.endIndex);
    const start = startOf(element);
    const earlier = previous?.get(source);
    elementIsClean = !element.hasError;
    let built: readonly Resource[];
    if (earlier && earlier.character === start.character && elementIsClean) {
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
  const [keyNode, expression] = attribute.namedChildren;
  if (!keyNode || !expression) return;
  const settings: Setting[] = [];
  const key = spanOf(keyNode);
  collectExpression('value', key.text, key.range, expression, settings, 1);
  out.push({ kind: 'tfvars', type: '', name: key.text, range: rangeOf(attribute), headerRange: key.range, settings });
}

function collectTopLevelBlock(block: Node, out: Resource[]): void {
  const parts = blockParts(block);
  const kindByBlockType: Record<string, ResourceKind> = {
    resource: 'resource',
    data: 'data',
    provider: 'provider',
    variable: 'variable',
    output: 'output',
  };
  const kind = kindByBlockType[parts.type];
  if (kind) {
    const settings: Setting[] = [];
    if (parts.body) collectBody(parts.body, '', settings);
    const [first = '', second = ''] = parts.labels;
    const twoLabels = kind === 'resource' || kind === 'data';
    out.push({
      kind,
      type: twoLabels || kind === 'provider' ? first : '',
      name: twoLabels ? second : kind === 'provider' ? '' : first,
      range: rangeOf(block),
      headerRange: parts.typeRange,
      settings,
    });
    return;
  }
  if (parts.type === 'locals' && parts.body) {
    const settings: Setting[] = [];
    collectBody(parts.body, '', settings);
    out.push({ kind: 'locals', type: '', name: '', range: rangeOf(block), headerRange: parts.typeRange, settings });
    return;
  }
  if (parts.type === 'terraform' && parts.body) {
    for (const inner of parts.body.namedChildren) {
      if (!inner || inner.type !== 'block') continue;
      const innerParts = blockParts(inner);
      if (innerParts.type !== 'backend') continue;
      const settings: Setting[] = [];
      if (innerParts.body) collectBody(innerParts.body, '', settings);
      out.push({ kind: 'backend', type: innerParts.labels[0] ?? '', name: '', range: rangeOf(inner), headerRange: innerParts.typeRange, settings });
    }
  }
}

/*
 * Every property of a tree-sitter node (its type, its end, its children) is a call into wasm, and the model
 * asks for hundreds of thousands of them in a large file: the walk below asks for each once, and reads texts
 * and positions from the source and a line index instead of from the tree.
 */

/**
 * A block's type (its first named child, `resource`), labels (its strings, unquoted, and the identifiers after
 * the type), body, and the range of its type, read in one pass. `hasType` is false for a block without children.
 */
function blockParts(block: Node): { hasType: boolean; type: string; typeRange: Range; labels: string[]; body: Node | null } {
  const children = block.namedChildren;
  const typeNode = children[0];
  const typeSpan = typeNode ? spanOf(typeNode) : undefined;
  const labels: string[] = [];
  let body: Node | null = null;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    if (!child) continue;
    const childType = child.type;
    if (childType === 'body') body ??= child;
    else if (childType === 'string_lit') labels.push(textOf(child).replace(/^"|"$/g, ''));
    else if (childType === 'identifier' && i > 0) labels.push(textOf(child));
  }
  return { hasType: !!typeNode, type: typeSpan?.text ?? '', typeRange: typeSpan?.range ?? rangeOf(block), labels, body };
}

/** Attributes and nested blocks of a body, depth first, with dotted paths. */
function collectBody(body: Node, prefix: string, out: Setting[], depth = 0): void {
  if (depth > MAX_DEPTH) return;
  for (const child of body.namedChildren) {
    if (!child) continue;
    const childType = child.type;
    if (childType === 'attribute') {
      const [keyNode, expression] = child.namedChildren;
      if (!keyNode || !expression) continue;
      const key = spanOf(keyNode);
      collectExpression(join(prefix, key.text), key.text, key.range, expression, out, depth + 1);
    } else if (childType === 'block') {
      const parts = blockParts(child);
      if (!parts.hasType) continue;
      // `dynamic "ingress" { content { … } }` generates `ingress` blocks: analyse its content as one.
      if (parts.type === 'dynamic') {
        const generated = parts.labels[0];
        const content = parts.body?.namedChildren.flatMap((b) => (b && b.type === 'block' ? [blockParts(b)] : [])).find((p) => p.type === 'content');
        const contentBody = content?.body ?? null;
        if (generated && contentBody) collectBody(contentBody, join(prefix, generated), out, depth + 1);
        continue;
      }
      const path = join(prefix, parts.type);
      out.push({ path, key: parts.type, keyRange: parts.typeRange, value: { kind: 'block' }, valueRange: rangeOf(child) });
      if (parts.body) collectBody(parts.body, path, out, depth + 1);
    }
  }
}

function collectExpression(path: string, key: string, keyRange: Range, expression: Node, out: Setting[], depth: number): void {
  // Most values are plain literals: in an element without errors their text alone says so, and the nodes
  // between the expression and the literal (all of the same span) need not be visited.
  if (elementIsClean) {
    const span = spanOf(expression);
    const literal = plainLiteral(span.text);
    if (literal !== undefined) {
      out.push({ path, key, keyRange, value: { kind: 'literal', value: literal }, valueRange: span.range });
      return;
    }
  }
  const { node: inner, type } = unwrapExpression(expression);
  if (type === 'collection_value') {
    const collection = inner.namedChildren[0];
    const collectionType = collection?.type;
    if (collection && collectionType === 'tuple' && depth <= MAX_DEPTH) {
      out.push({ path, key, keyRange, value: { kind: 'list' }, valueRange: rangeOf(inner) });
      for (const element of collection.namedChildren) {
        if (element && element.type === 'expression') collectExpression(path, key, keyRange, element, out, depth + 1);
      }
      return;
    }
    if (collection && collectionType === 'object' && depth <= MAX_DEPTH) {
      out.push({ path, key, keyRange, value: { kind: 'block' }, valueRange: rangeOf(inner) });
      for (const element of collection.namedChildren) {
        if (!element || element.type !== 'object_elem') continue;
        const keyExpr = element.childForFieldName('key');
        const valueExpr = element.childForFieldName('val');
        if (!keyExpr || !valueExpr) continue;
        const keySpan = spanOf(keyExpr);
        const elementKey = objectKeyText(keyExpr, keySpan.text);
        collectExpression(join(path, elementKey), elementKey, keySpan.range, valueExpr, out, depth + 1);
      }
      return;
    }
    out.push({ path, key, keyRange, value: { kind: 'unknown', text: '' }, valueRange: rangeOf(inner) });
    return;
  }
  const span = spanOf(inner);
  out.push({ path, key, keyRange, value: unwrappedValue(inner, type, span.text), valueRange: span.range });
}

/** HCL's number syntax: digits, an optional fraction and exponent (a sign makes it an operation). */
const NUMBER = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** The value of an expression whose text is a literal on its own (string, number, bool, null); else undefined. */
function plainLiteral(text: string): string | number | boolean | null | undefined {
  const first = text.charCodeAt(0);
  if (first === 34 /* " */) return isClosedOneLineString(text) && !text.includes('${') && !text.includes('%{') ? unescapeHcl(text.slice(1, -1)) : undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (first >= 48 && first <= 57 && NUMBER.test(text)) return Number(text);
  return undefined;
}

/** The expression inside redundant `expression` wrappers, with its type (asked for once). */
function unwrapExpression(node: Node): { node: Node; type: string } {
  let current = node;
  let type = current.type;
  while (type === 'expression') {
    // web-tree-sitter keeps a node's children once asked for: asking again costs nothing.
    const children = current.namedChildren;
    const only = children.length === 1 ? children[0] : null;
    if (!only) break;
    current = only;
    type = current.type;
  }
  return { node: current, type };
}

/** A literal when the expression is one, a reference when it names something, otherwise unknown. */
function valueOf(node: Node): Value {
  const { node: inner, type } = unwrapExpression(node);
  return unwrappedValue(inner, type, textOf(inner));
}

/** The value of an unwrapped expression `node` of type `type` whose text is `text`. */
function unwrappedValue(node: Node, type: string, text: string): Value {
  switch (type) {
    case 'literal_value': {
      // In an element without syntax errors a literal_value has one child spanning it: its text says what it is.
      const plain = elementIsClean ? plainLiteral(text) : undefined;
      if (plain !== undefined) return { kind: 'literal', value: plain };
      const children = node.namedChildren;
      const literal = children[0];
      if (!literal) return { kind: 'unknown', text };
      // A literal_value's one child spans all of it; error recovery may add others, then read the child alone.
      const literalText = children.length === 1 ? text : textOf(literal);
      switch (literal.type) {
        case 'numeric_lit':
          return { kind: 'literal', value: Number(literalText) };
        case 'bool_lit':
          return { kind: 'literal', value: literalText === 'true' };
        case 'null_lit':
          return { kind: 'literal', value: null };
        case 'string_lit':
          return stringValue(literal, literalText);
        default:
          return { kind: 'unknown', text };
      }
    }
    case 'template_expr': {
      const template = node.namedChildren[0];
      return template ? templateValue(template) : { kind: 'unknown', text };
    }
    case 'variable_expr':
      return { kind: 'reference', text };
    default:
      // `var.x` parses as expression(variable_expr, get_attr…), which unwrapExpression leaves as `expression`.
      if (type === 'expression' && node.namedChildren[0]?.type === 'variable_expr') return { kind: 'reference', text };
      return { kind: 'unknown', text };
  }
}

/**
 * A `string_lit` holds only its quotes and literal parts (an interpolation makes it a template_expr), so a
 * properly closed one is its text between the quotes, unescaped. Any other is read from its parts.
 */
function stringValue(literal: Node, text: string): Value {
  if (isClosedOneLineString(text)) {
    return { kind: 'literal', value: unescapeHcl(text.slice(1, -1)) };
  }
  return templateValue(literal);
}

/**
 * `"…"` on one line, its last quote not escaped (an odd number of backslashes before it). A string that runs
 * over a line break is an HCL error whose parts do not cover all its text.
 */
function isClosedOneLineString(text: string): boolean {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"') || text.includes('\n') || text.includes('\r')) return false;
  let backslashes = 0;
  for (let i = text.length - 2; i >= 1 && text.charCodeAt(i) === 92 /* \ */; i--) backslashes++;
  return backslashes % 2 === 0;
}

/** A quoted string or heredoc: literal when it has no interpolation; `"${var.x}"` alone is a reference. */
function templateValue(template: Node): Value {
  const parts: { node: Node; type: string }[] = [];
  for (const child of template.namedChildren) {
    if (!child) continue;
    const type = child.type;
    if (!/(_start|_end|heredoc_identifier)$/.test(type)) parts.push({ node: child, type });
  }
  if (parts.every((part) => part.type === 'template_literal')) {
    const raw = parts.map((part) => textOf(part.node)).join('');
    return { kind: 'literal', value: template.type === 'heredoc_template' ? raw : unescapeHcl(raw) };
  }
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only?.type === 'template_interpolation') {
    const expression = only.node.namedChildren.find((child) => child?.type === 'expression');
    if (expression) {
      const value = valueOf(expression);
      if (value.kind === 'reference') return value;
    }
  }
  return { kind: 'unknown', text: textOf(template) };
}

function unescapeHcl(raw: string): string {
  if (!raw.includes('\\') && !raw.includes('$${') && !raw.includes('%%{')) return raw;
  return raw.replace(/\\(["\\nrt])|\$\$\{|%%\{/g, (match, escaped: string | undefined) => {
    if (match === '$${') return '${';
    if (match === '%%{') return '%{';
    return { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' }[escaped as 'n'] ?? match;
  });
}

function objectKeyText(keyExpr: Node, text: string): string {
  const { node: inner, type } = unwrapExpression(keyExpr);
  const value = unwrappedValue(inner, type, inner === keyExpr ? text : textOf(inner));
  if (value.kind === 'literal' && typeof value.value === 'string') return value.value;
  return text;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

function startOf(node: Node): Position {
  if (offsetLines) return offsetLines.positionAt(node.startIndex);
  return { line: node.startPosition.row, character: node.startPosition.column };
}

/** A node's text and range, with one call into the parser (its end offset). */
function spanOf(node: Node): { text: string; range: Range } {
  const start = node.startIndex;
  const end = node.endIndex;
  return { text: currentText.slice(start, end), range: { start: startOf(node), end: currentLines.positionAt(end) } };
}

function textOf(node: Node): string {
  return currentText.slice(node.startIndex, node.endIndex);
}

function rangeOf(node: Node): Range {
  return { start: startOf(node), end: currentLines.positionAt(node.endIndex) };
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
