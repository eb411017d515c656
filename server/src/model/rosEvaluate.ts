import { entryOf, type DataNode } from '../parsers/dataTree';

/**
 * Evaluation of ROS intrinsic functions over what a template itself states: parameter Defaults, `Mappings` and
 * `Conditions`. Anything that depends on the deployment (pseudo-parameters, resources, parameters without a
 * Default, functions we do not model) is unknown, and unknown is never guessed at: the caller gets `undefined`.
 * Pure and total: no input, however malformed, makes it throw or loop.
 */

/** What a node evaluates to, with the offsets of the text that value comes from and how it was reached. */
export interface RosEvaluation {
  readonly value: string | number | boolean | null;
  readonly start: number;
  readonly end: number;
  /** For people, e.g. `Ref DbCidr → Parameters.DbCidr.Default`; empty for a literal written in place. */
  readonly via: string;
}

type Scalar = string | number | boolean | null;

/** An intermediate value: lists are kept apart until the end because Fn::Select and Fn::Join take them apart. */
interface Known {
  readonly value: Scalar | readonly Known[];
  readonly start: number;
  readonly end: number;
  readonly via: string;
}

interface Context {
  readonly root: DataNode | null;
  /** Conditions being evaluated, to stop at a cycle between them. */
  readonly visiting: ReadonlySet<string>;
  readonly depth: number;
  /**
   * Named conditions already decided. Without it, conditions that each use the previous one twice would take
   * exponential time. An acyclic condition's value does not depend on where it is reached from, so this is exact.
   */
  readonly decided: Map<string, boolean | undefined>;
  /** What one value's evaluation may still spend (see STEP_BUDGET); shared by everything it evaluates. */
  readonly budget: Budget;
  /**
   * Each node's value at each depth, for the whole template: `${a}${a}…` whose `a` is itself `${b}${b}…`
   * evaluates every variable once instead of once per mention (exponential in the nesting otherwise).
   */
  readonly memo: Map<DataNode, Map<number, Known | undefined>>;
}

interface Budget {
  steps: number;
  chars: number;
}

/**
 * What evaluating one value may cost: nodes visited and characters built. A real template's value takes a few
 * dozen steps; a hostile one (a 673-byte JSON of nested Fn::Sub variables took 98 s) is cut off, and its value is
 * unknown: no finding, never a guess.
 */
export const STEP_BUDGET = 100_000;
export const CHAR_BUDGET = 1_048_576;

/** Deeper nesting than this is not a real template; stopping keeps the stack safe on hostile input. */
const MAX_DEPTH = 64;

/**
 * Longest text Fn::Sub or Fn::Join may build. `${Big}` written many times could otherwise build gigabytes from a
 * small file; rules do not judge values this long anyway.
 */
const MAX_TEXT = 65_536;

/** `Fn::Join` for `{ "Fn::Join": … }` and `!Join`; `Ref` likewise; undefined for plain data. */
export function intrinsicName(node: DataNode): string | undefined {
  if (node.tag) {
    const name = node.tag.slice(1);
    return name === 'Ref' ? 'Ref' : `Fn::${name}`;
  }
  if (node.kind === 'map' && node.entries.length === 1) {
    const key = node.entries[0]?.key ?? '';
    if (key === 'Ref' || key.startsWith('Fn::')) return key;
  }
  return undefined;
}

/**
 * An evaluator for the template whose root is `root`, to be used for all its nodes so that its conditions are
 * decided once. A list result is given as its items joined with commas, as a CommaDelimitedList is written.
 */
export function rosEvaluator(root: DataNode | null): (node: DataNode) => RosEvaluation | undefined {
  const decided = new Map<string, boolean | undefined>();
  const memo = new Map<DataNode, Map<number, Known | undefined>>();
  return (node) => {
    const budget = { steps: STEP_BUDGET, chars: CHAR_BUDGET };
    const known = evaluateNode(node, { root, visiting: new Set(), depth: 0, decided, budget, memo });
    if (budget.steps < 0 || budget.chars < 0) return undefined;
    if (!known) return undefined;
    const value = flatten(known.value);
    return value === undefined ? undefined : { value, start: known.start, end: known.end, via: known.via };
  };
}

/** Evaluates one node (usually an intrinsic function) within the template whose root is `root`. */
export function evaluateRos(root: DataNode | null, node: DataNode): RosEvaluation | undefined {
  return rosEvaluator(root)(node);
}

function flatten(value: Known['value']): Scalar | undefined {
  if (!Array.isArray(value)) return value as Scalar;
  const parts: string[] = [];
  for (const item of value as readonly Known[]) {
    const text = textOf(item);
    if (text === undefined) return undefined;
    parts.push(text);
  }
  return parts.join(',');
}

/** A scalar as text, the way ROS puts it into a string; null and lists have no text. */
function textOf(known: Known): string | undefined {
  const value = known.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function deeper(context: Context): Context | undefined {
  return context.depth >= MAX_DEPTH ? undefined : { ...context, depth: context.depth + 1 };
}

function evaluateNode(node: DataNode, outer: Context): Known | undefined {
  const byDepth = outer.memo.get(node);
  if (byDepth?.has(outer.depth)) return byDepth.get(outer.depth);
  if (--outer.budget.steps < 0 || outer.budget.chars < 0) return undefined;
  const known = evaluateNodeOnce(node, outer);
  // A value cut short by the budget is not this node's value: it is not remembered.
  if (outer.budget.steps >= 0 && outer.budget.chars >= 0) {
    if (byDepth) byDepth.set(outer.depth, known);
    else outer.memo.set(node, new Map([[outer.depth, known]]));
  }
  return known;
}

/** Charges `length` characters built to the budget; false once it is spent. */
function spend(context: Context, length: number): boolean {
  context.budget.chars -= length;
  return context.budget.chars >= 0;
}

function evaluateNodeOnce(node: DataNode, outer: Context): Known | undefined {
  const context = deeper(outer);
  if (!context) return undefined;
  const name = intrinsicName(node);
  if (name) return evaluateFunction(name, argumentOf(node), node, context);
  if (node.kind === 'scalar') return { value: node.value, start: node.start, end: node.end, via: '' };
  if (node.kind === 'seq') return evaluateList(node, context);
  return undefined; // A map is not a value any rule judges.
}

function evaluateList(node: DataNode & { kind: 'seq' }, context: Context): Known | undefined {
  const items: Known[] = [];
  for (const item of node.items) {
    const known = evaluateNode(item, context);
    if (!known) return undefined;
    items.push(known);
  }
  return { value: items, start: node.start, end: node.end, via: '' };
}

/** The function's argument: the tagged node itself without its tag (`!Ref X`), or the value under `Fn::X`. */
function argumentOf(node: DataNode): DataNode | null {
  if (!node.tag) return node.kind === 'map' ? node.entries[0]?.value ?? null : null;
  if (node.kind === 'scalar') return { kind: 'scalar', start: node.start, end: node.end, value: node.value };
  if (node.kind === 'seq') return { kind: 'seq', start: node.start, end: node.end, items: node.items };
  return { kind: 'map', start: node.start, end: node.end, entries: node.entries };
}

function evaluateFunction(name: string, argument: DataNode | null, node: DataNode, context: Context): Known | undefined {
  if (!argument) return undefined;
  switch (name) {
    case 'Ref':
      return evaluateRef(argument, context);
    case 'Fn::Sub':
      return evaluateSub(argument, node, context);
    case 'Fn::Join':
      return evaluateJoin(argument, node, context);
    case 'Fn::Select':
      return evaluateSelect(argument, context);
    case 'Fn::If':
      return evaluateIf(argument, context);
    case 'Fn::FindInMap':
      return evaluateFindInMap(argument, context);
    default:
      return undefined; // GetAtt, Base64Encode, Jq …: unknown by design.
  }
}

/** The items of a function's list argument, or undefined when it is not a list. */
function argumentsOf(argument: DataNode, count: number): readonly DataNode[] | undefined {
  if (argument.kind !== 'seq' || argument.tag || argument.items.length !== count) return undefined;
  return argument.items;
}

// ---------------------------------------------------------------------------------------------- Ref

function evaluateRef(argument: DataNode, context: Context): Known | undefined {
  if (argument.kind !== 'scalar' || typeof argument.value !== 'string') return undefined;
  return parameterDefault(argument.value, context, `Ref ${argument.value}`);
}

/**
 * A parameter's Default, the value a stack gets when the user gives none. Pseudo-parameters (`ALIYUN::…`),
 * resources and parameters without a Default are decided at deployment, so they are unknown.
 */
function parameterDefault(name: string, context: Context, how: string): Known | undefined {
  if (name.startsWith('ALIYUN::')) return undefined;
  const parameter = entryOf(entryOf(context.root, 'Parameters')?.value, name)?.value;
  const fallback = entryOf(parameter, 'Default')?.value;
  if (!fallback || intrinsicName(fallback)) return undefined;
  const literal = literalData(fallback);
  if (!literal) return undefined;
  return { ...literal, via: `${how} → Parameters.${name}.Default` };
}

/** Data written as such (a Default, a mapping value): scalars and lists of scalars, no functions. */
function literalData(node: DataNode): Known | undefined {
  if (intrinsicName(node)) return undefined;
  if (node.kind === 'scalar') return { value: node.value, start: node.start, end: node.end, via: '' };
  if (node.kind !== 'seq') return undefined;
  const items: Known[] = [];
  for (const item of node.items) {
    if (item.kind !== 'scalar' || item.tag) return undefined;
    items.push({ value: item.value, start: item.start, end: item.end, via: '' });
  }
  return { value: items, start: node.start, end: node.end, via: '' };
}

/** A list argument; a comma-separated string (a CommaDelimitedList Default) counts as one, as ROS reads it. */
function asList(known: Known): readonly Known[] | undefined {
  if (Array.isArray(known.value)) return known.value as readonly Known[];
  if (typeof known.value !== 'string') return undefined;
  // The items of a string have no ranges of their own: each points at the whole string.
  return known.value.split(',').map((item) => ({ ...known, value: item.trim() }));
}

// ---------------------------------------------------------------------------------------------- Fn::Sub

function evaluateSub(argument: DataNode, node: DataNode, context: Context): Known | undefined {
  const parsed = subArguments(argument);
  if (!parsed) return undefined;
  const parts: Known[] = [];
  // `${Name}` is replaced; `${!Name}` is the escape for a literal `${Name}`. A single unknown makes all unknown.
  let complete = true;
  let length = parsed.template.length;
  const text = parsed.template.replace(/\$\{([^}]*)\}/g, (whole: string, inner: string) => {
    if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
    const known = complete ? subVariable(inner.trim(), parsed.variables, context) : undefined;
    const piece = known && textOf(known);
    length += piece?.length ?? 0;
    if (!known || piece === undefined || length > MAX_TEXT) complete = false;
    else parts.push(known);
    return complete && piece !== undefined ? piece : whole;
  });
  if (!complete || !spend(context, text.length)) return undefined;
  // `!Sub '${Cidr}'` is the parameter itself: point at its Default, not at the Sub.
  const [only] = parts;
  if (parts.length === 1 && only && text === textOf(only)) return only;
  return combined('Fn::Sub', text, node, parts);
}

/** `'text'` or `['text', {Name: value}]`; undefined when malformed. */
function subArguments(argument: DataNode): { template: string; variables: DataNode | undefined } | undefined {
  const [template, variables] = argument.kind === 'seq' ? argument.items : [argument];
  if (argument.kind === 'seq' && argument.items.length !== 2) return undefined;
  if (!template || template.kind !== 'scalar' || template.tag || typeof template.value !== 'string') return undefined;
  if (variables && (variables.kind !== 'map' || variables.tag)) return undefined;
  return { template: template.value, variables };
}

/** A `${Name}`: from the variables map first, then a parameter; `Res.Attr` and pseudo-parameters are unknown. */
function subVariable(name: string, variables: DataNode | undefined, context: Context): Known | undefined {
  const local = entryOf(variables, name);
  if (local) {
    if (!local.value) return undefined;
    const known = evaluateNode(local.value, context);
    return known && { ...known, via: known.via || `Fn::Sub variable ${name}` };
  }
  if (name.includes('.')) return undefined;
  return parameterDefault(name, context, `\${${name}}`);
}

/** A value built from several sources: it is written where the function is. */
function combined(name: string, value: string, node: DataNode, parts: readonly Known[]): Known {
  const vias = [...new Set(parts.map((part) => part.via).filter((via) => via !== ''))];
  return { value, start: node.start, end: node.end, via: vias.length > 0 ? `${name} (${vias.join('; ')})` : name };
}

// ---------------------------------------------------------------------------------------------- Fn::Join

function evaluateJoin(argument: DataNode, node: DataNode, context: Context): Known | undefined {
  const [delimiterNode, listNode] = argumentsOf(argument, 2) ?? [];
  if (!delimiterNode || !listNode) return undefined;
  const delimiter = evaluateNode(delimiterNode, context);
  const separator = delimiter && textOf(delimiter);
  const list = evaluateNode(listNode, context);
  const items = list && asList(list);
  if (separator === undefined || !delimiter || !list || !items) return undefined;
  const texts: string[] = [];
  let length = 0;
  for (const item of items) {
    const text = textOf(item);
    length += (text?.length ?? 0) + separator.length;
    if (text === undefined || length > MAX_TEXT) return undefined;
    texts.push(text);
  }
  if (!spend(context, length)) return undefined;
  return combined('Fn::Join', texts.join(separator), node, [delimiter, list, ...items]);
}

// ---------------------------------------------------------------------------------------------- Fn::Select

function evaluateSelect(argument: DataNode, context: Context): Known | undefined {
  const [indexNode, listNode] = argumentsOf(argument, 2) ?? [];
  if (!indexNode || !listNode) return undefined;
  const index = evaluateNode(indexNode, context);
  const list = evaluateNode(listNode, context);
  const items = list && asList(list);
  const position = index ? indexOf(index.value) : undefined;
  if (position === undefined || !items) return undefined;
  const chosen = items[position];
  if (!chosen) return undefined;
  const via = chosen.via || list.via;
  return { ...chosen, via: via ? `Fn::Select ${position} → ${via}` : `Fn::Select ${position}` };
}

function indexOf(value: Known['value']): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isInteger(number) && number >= 0 ? number : undefined;
}

// ---------------------------------------------------------------------------------------------- Fn::FindInMap

function evaluateFindInMap(argument: DataNode, context: Context): Known | undefined {
  const keyNodes = argumentsOf(argument, 3);
  if (!keyNodes) return undefined;
  const keys: string[] = [];
  for (const keyNode of keyNodes) {
    const key = evaluateNode(keyNode, context);
    const text = key && textOf(key);
    if (text === undefined) return undefined;
    keys.push(text);
  }
  const [mapName = '', first = '', second = ''] = keys;
  const found = entryOf(entryOf(entryOf(entryOf(context.root, 'Mappings')?.value, mapName)?.value, first)?.value, second)?.value;
  const literal = found ? literalData(found) : undefined;
  return literal && { ...literal, via: `Fn::FindInMap → Mappings.${mapName}.${first}.${second}` };
}

// ---------------------------------------------------------------------------------------------- Fn::If and Conditions

function evaluateIf(argument: DataNode, context: Context): Known | undefined {
  const [conditionNode, whenTrue, whenFalse] = argumentsOf(argument, 3) ?? [];
  if (!conditionNode || !whenTrue || !whenFalse) return undefined;
  const truth = evaluateCondition(conditionNode, context);
  if (truth === undefined) return undefined;
  const chosen = evaluateNode(truth ? whenTrue : whenFalse, context);
  if (!chosen) return undefined;
  const label = conditionNode.kind === 'scalar' ? `${String(conditionNode.value)} ` : '';
  const head = `Fn::If ${label}(${String(truth)})`;
  return { ...chosen, via: chosen.via ? `${head} → ${chosen.via}` : head };
}

/**
 * A condition: a name from `Conditions`, a boolean, or Fn::Equals / And / Or / Not / Condition over them.
 * Undefined when it depends on something unknown. And/Or decide as soon as one operand decides them.
 */
function evaluateCondition(node: DataNode, outer: Context): boolean | undefined {
  const context = deeper(outer);
  if (!context) return undefined;
  if (node.kind === 'scalar' && !node.tag) {
    if (typeof node.value === 'boolean') return node.value;
    return typeof node.value === 'string' ? namedCondition(node.value, context) : undefined;
  }
  const name = intrinsicName(node) ?? conditionKey(node);
  const argument = name === 'Condition' ? node.kind === 'map' ? node.entries[0]?.value ?? null : null : argumentOf(node);
  if (!name || !argument) return undefined;
  switch (name) {
    case 'Fn::Equals':
      return evaluateEquals(argument, context);
    case 'Fn::And':
      return combineTruths(operandsOf(argument).map((operand) => evaluateCondition(operand, context)), false);
    case 'Fn::Or':
      return combineTruths(operandsOf(argument).map((operand) => evaluateCondition(operand, context)), true);
    case 'Fn::Not':
      return evaluateNot(argument, context);
    case 'Fn::Condition':
    case 'Condition':
      return argument.kind === 'scalar' && typeof argument.value === 'string' ? namedCondition(argument.value, context) : undefined;
    default:
      return undefined;
  }
}

/** `{"Condition": "Name"}` in JSON, which is not an `Fn::` key. */
function conditionKey(node: DataNode): string | undefined {
  return node.kind === 'map' && node.entries.length === 1 && node.entries[0]?.key === 'Condition' ? 'Condition' : undefined;
}

function operandsOf(argument: DataNode): readonly DataNode[] {
  return argument.kind === 'seq' && !argument.tag ? argument.items : [];
}

/** `decider` is the value that decides the whole (false for And, true for Or); no operands is malformed. */
function combineTruths(truths: readonly (boolean | undefined)[], decider: boolean): boolean | undefined {
  if (truths.length === 0) return undefined;
  if (truths.includes(decider)) return decider;
  return truths.includes(undefined) ? undefined : !decider;
}

function evaluateNot(argument: DataNode, context: Context): boolean | undefined {
  // ROS writes `Fn::Not: [cond]`; a bare condition is accepted too.
  const operand = argument.kind === 'seq' && !argument.tag ? argument.items.length === 1 ? argument.items[0] : undefined : argument;
  const truth = operand && evaluateCondition(operand, context);
  return truth === undefined ? undefined : !truth;
}

function evaluateEquals(argument: DataNode, context: Context): boolean | undefined {
  const [leftNode, rightNode] = argumentsOf(argument, 2) ?? [];
  if (!leftNode || !rightNode) return undefined;
  const left = evaluateNode(leftNode, context);
  const right = evaluateNode(rightNode, context);
  return left && right ? sameKnown(left.value, right.value) : undefined;
}

/** ROS compares `true` and `'true'`, `1` and `'1'` alike; lists item by item. */
function sameKnown(left: Known['value'], right: Known['value']): boolean {
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    const rightItems = right as readonly Known[];
    return (left as readonly Known[]).every((item, i) => rightItems[i] !== undefined && sameKnown(item.value, rightItems[i].value));
  }
  return String(left) === String(right);
}

/** A condition of the `Conditions` section by name; a cycle between conditions is unknown, not a hang. */
function namedCondition(name: string, context: Context): boolean | undefined {
  if (context.visiting.has(name)) return undefined;
  if (context.decided.has(name)) return context.decided.get(name);
  const definition = entryOf(entryOf(context.root, 'Conditions')?.value, name)?.value;
  const truth = definition ? evaluateCondition(definition, { ...context, visiting: new Set([...context.visiting, name]) }) : undefined;
  context.decided.set(name, truth);
  return truth;
}
