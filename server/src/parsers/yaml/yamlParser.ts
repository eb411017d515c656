import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Tags } from 'yaml';
import type { DataEntry, DataNode, DataParseError, DataParseResult } from '../dataTree';

/** ROS short-form intrinsic functions (`!Ref`, `!GetAtt` …); each may tag a scalar, a sequence or a mapping. */
export const ROS_SHORT_TAGS = [
  'Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'If', 'Equals', 'And', 'Or', 'Not', 'FindInMap', 'Base64Encode',
  'Base64Decode', 'Base64', 'GetAZs', 'Replace', 'Split', 'Str', 'Length', 'ListMerge', 'GetJsonValue', 'MergeMapToList',
  'Avg', 'SelectMapList', 'Add', 'Calculate', 'Max', 'Min', 'GetStackOutput', 'Jq', 'Index', 'Contains', 'Sort',
  'EachMemberIn', 'MatchPattern', 'Any', 'MarketplaceImage', 'GetParam', 'Cidr', 'Transform',
];

/** Tags that accept any node kind, so the parser never fails or warns on a ROS short form. */
const customTags: Tags = ROS_SHORT_TAGS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => value },
  { tag: `!${name}`, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag: `!${name}`, collection: 'map' as const, resolve: (value: unknown) => value },
]) as unknown as Tags;

/** Parses YAML into a data tree; syntax errors are returned, never thrown. Only the first document is used. */
export function parseYaml(text: string): DataParseResult {
  if (yamlNestingDepth(text) > MAX_YAML_NESTING) return tooDeep(text);
  try {
    return parseYamlUnguarded(text);
  } catch (error) {
    // The yaml library recurses per nesting level; extreme nesting exhausts the stack. Report it, do not throw.
    if (!(error instanceof RangeError)) throw error;
    return tooDeep(text);
  }
}

/**
 * The yaml library recurses once per nesting level, so what it makes of pathological nesting depends on how much
 * stack is left at that moment. Nesting is measured first, cheaply, and anything far beyond a real template is
 * refused with the same answer every time.
 */
export const MAX_YAML_NESTING = 1000;

function tooDeep(text: string): DataParseResult {
  return {
    root: null,
    errors: [{ message: { en: 'YAML nested too deeply to analyse', zh: 'YAML 嵌套过深，无法分析' }, start: 0, end: Math.min(1, text.length) }],
  };
}

/** The deepest of: open flow brackets, block indicators (`- `, `? `) opening one line, indentation in spaces. */
export function yamlNestingDepth(text: string): number {
  let deepest = 0;
  let brackets = 0;
  let lineStart = true;
  let indicators = 0;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 10 /* \n */) {
      lineStart = true;
      indicators = 0;
      indent = 0;
      continue;
    }
    if (char === 123 /* { */ || char === 91 /* [ */) deepest = Math.max(deepest, ++brackets);
    else if (char === 125 /* } */ || char === 93 /* ] */) brackets = Math.max(0, brackets - 1);
    if (!lineStart) continue;
    if (char === 32 /* space */) {
      indent++;
    } else if ((char === 45 /* - */ || char === 63 /* ? */) && text.charCodeAt(i + 1) === 32) {
      deepest = Math.max(deepest, ++indicators);
      i++;
      indent += 2;
    } else {
      lineStart = false;
    }
    deepest = Math.max(deepest, Math.floor(indent / 2));
  }
  return deepest;
}

function parseYamlUnguarded(text: string): DataParseResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    customTags,
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    strict: false,
  });
  const errors: DataParseError[] = document.errors.map((error) => ({
    message: { en: `YAML syntax error (${error.code})`, zh: `YAML 语法错误（${error.code}）` },
    start: error.pos[0],
    end: Math.max(error.pos[1], error.pos[0] + 1),
  }));
  return { root: convert(document.contents as YamlNode | null), errors };
}

/** Deeper nesting is not modelled: real templates stay far below, and the walk must not exhaust the stack. */
const MAX_DEPTH = 200;

function convert(node: YamlNode | null | undefined, depth = 0): DataNode | null {
  if (!node || depth > MAX_DEPTH) return null;
  const [start = 0, valueEnd = start] = node.range ?? [];
  const tag = node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
  if (isMap(node)) {
    const entries: DataEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      // A collection used as a key names nothing a template needs; stringifying it could be unbounded.
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      const [keyStart = start, keyEnd = keyStart] = keyNode?.range ?? [];
      entries.push({ key, keyStart, keyEnd, value: convert(pair.value as YamlNode | null, depth + 1) });
    }
    return { kind: 'map', start, end: valueEnd, entries, ...(tag ? { tag } : {}) };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(item as YamlNode, depth + 1)).filter((item): item is DataNode => item !== null);
    return { kind: 'seq', start, end: valueEnd, items, ...(tag ? { tag } : {}) };
  }
  if (isScalar(node)) {
    const raw = node.value;
    const value = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null ? raw : String(raw);
    return { kind: 'scalar', start, end: valueEnd, value, ...(tag ? { tag } : {}) };
  }
  // An alias: its target was analysed where it is defined.
  return { kind: 'scalar', start, end: valueEnd, value: null };
}
