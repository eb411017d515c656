import { isMap, isNode, isScalar, isSeq, type Document } from 'yaml';
import type { Range } from '../model/types';
import type { LineIndex } from '../util/lineIndex';

/**
 * Ranges in a YAML document for JSON pointers (as Ajv reports them): `key` points at the key that holds the
 * value — where a person looks for a wrong name — and `value` at the value itself. A pointer that does not
 * exist falls back to its nearest existing parent, then to the start of the file.
 */
export function yamlRanges(document: Document, lines: LineIndex): { key(pointer: string): Range; value(pointer: string): Range } {
  const whole = lines.rangeOf(0, 0);
  const segments = (pointer: string): (string | number)[] =>
    pointer
      .split('/')
      .slice(1)
      .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((k) => (/^\d+$/.test(k) ? Number(k) : k));

  const nodeRange = (keys: readonly (string | number)[]): Range | undefined => {
    const node = document.getIn(keys, true);
    if (!isNode(node) || !node.range) return undefined;
    return lines.rangeOf(node.range[0], node.range[1]);
  };

  const keyRange = (keys: readonly (string | number)[]): Range | undefined => {
    const parent = keys.length === 1 ? document.contents : document.getIn(keys.slice(0, -1), true);
    const last = keys[keys.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
      if (pair && isNode(pair.key) && pair.key.range) return lines.rangeOf(pair.key.range[0], pair.key.range[1]);
    }
    if (isSeq(parent)) return nodeRange(keys);
    return undefined;
  };

  const nearest = (pointer: string, find: (keys: readonly (string | number)[]) => Range | undefined): Range => {
    const keys = segments(pointer);
    for (let n = keys.length; n > 0; n--) {
      const range = find(keys.slice(0, n));
      if (range) return range;
    }
    return whole;
  };

  return {
    key: (pointer) => nearest(pointer, keyRange),
    value: (pointer) => nearest(pointer, (keys) => nodeRange(keys) ?? keyRange(keys)),
  };
}
