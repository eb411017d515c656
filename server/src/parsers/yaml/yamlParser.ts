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

function convert(node: YamlNode | null | undefined): DataNode | null {
  if (!node) return null;
  const [start = 0, valueEnd = start] = node.range ?? [];
  const tag = node.tag?.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
  if (isMap(node)) {
    const entries: DataEntry[] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode | null;
      const key = isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
      const [keyStart = start, keyEnd = keyStart] = keyNode?.range ?? [];
      entries.push({ key, keyStart, keyEnd, value: convert(pair.value as YamlNode | null) });
    }
    return { kind: 'map', start, end: valueEnd, entries, ...(tag ? { tag } : {}) };
  }
  if (isSeq(node)) {
    const items = node.items.map((item) => convert(item as YamlNode)).filter((item): item is DataNode => item !== null);
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
