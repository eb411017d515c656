import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { DataEntry, DataNode, DataParseResult } from '../dataTree';

/**
 * jsonc-parser recurses once per nesting level: about 6,000 levels exhaust the default stack, and how deep it
 * gets depends on the stack left (a worker thread's differs). Nesting is measured first, without recursion, and
 * anything far beyond a real template (ROS templates stay below 50) is refused the same way every time.
 */
export const MAX_JSON_NESTING = 1000;

/** The deepest nesting of `{` and `[` outside strings and comments, measured without recursion. */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 34 /* " */) {
      for (i++; i < text.length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 92 /* \ */) i++;
        else if (inner === 34 || inner === 10) break;
      }
    } else if (char === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (char === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (char === 123 /* { */ || char === 91 /* [ */) {
      if (++depth > deepest) deepest = depth;
    } else if (char === 125 /* } */ || char === 93 /* ] */) {
      depth = Math.max(0, depth - 1);
    }
  }
  return deepest;
}

/** Parses JSON (comments and trailing commas tolerated) into a data tree; errors are returned, never thrown. */
export function parseJson(text: string): DataParseResult {
  if (jsonNestingDepth(text) > MAX_JSON_NESTING) {
    return { root: null, errors: [{ message: tooDeepMessage(MAX_JSON_NESTING), start: 0, end: Math.min(1, text.length) }] };
  }
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

/** Why a document nested beyond the limit is not analysed (the engine and the parsers say it alike). */
export function tooDeepMessage(limit: number): { en: string; zh: string } {
  return { en: `Nested more than ${limit} levels deep; not analysed`, zh: `嵌套超过 ${limit} 层，未分析` };
}
