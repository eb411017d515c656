import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { DataEntry, DataNode, DataParseResult } from '../dataTree';

/** Parses JSON (comments and trailing commas tolerated) into a data tree; errors are returned, never thrown. */
export function parseJson(text: string): DataParseResult {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  return {
    root: convert(root),
    errors: errors.slice(0, 50).map((error) => ({
      message: {
        en: `JSON syntax error (${printParseErrorCode(error.error)})`,
        zh: `JSON 语法错误（${printParseErrorCode(error.error)}）`,
      },
      start: error.offset,
      end: error.offset + Math.max(1, error.length),
    })),
  };
}

/** Deeper nesting is not modelled: real templates stay far below, and the walk must not exhaust the stack. */
const MAX_DEPTH = 200;

function convert(node: JsonNode | undefined, depth = 0): DataNode | null {
  if (!node || depth > MAX_DEPTH) return null;
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const entries: DataEntry[] = [];
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode) continue;
        entries.push({
          key: String(keyNode.value),
          keyStart: keyNode.offset,
          keyEnd: keyNode.offset + keyNode.length,
          value: convert(valueNode, depth + 1),
        });
      }
      return { kind: 'map', start, end, entries };
    }
    case 'array':
      return { kind: 'seq', start, end, items: (node.children ?? []).map((child) => convert(child, depth + 1)).filter((n): n is DataNode => n !== null) };
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return { kind: 'scalar', start, end, value: node.value as string | number | boolean | null };
    default:
      return null;
  }
}
