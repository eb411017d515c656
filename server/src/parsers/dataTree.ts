/**
 * A syntax-neutral tree of maps, sequences and scalars with source offsets, produced from YAML and JSON alike so
 * that ROS templates in either syntax are modelled by one piece of code.
 */

export interface DataEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: DataNode | null;
}

interface DataNodeBase {
  readonly start: number;
  readonly end: number;
  /** A YAML tag such as `!Ref` (short-form intrinsic function); undefined in JSON. */
  readonly tag?: string;
}

export interface DataMap extends DataNodeBase {
  readonly kind: 'map';
  readonly entries: readonly DataEntry[];
}

export interface DataSeq extends DataNodeBase {
  readonly kind: 'seq';
  readonly items: readonly DataNode[];
}

export interface DataScalar extends DataNodeBase {
  readonly kind: 'scalar';
  readonly value: string | number | boolean | null;
}

export type DataNode = DataMap | DataSeq | DataScalar;

export interface DataParseError {
  readonly message: { readonly en: string; readonly zh: string };
  readonly start: number;
  readonly end: number;
}

export interface DataParseResult {
  readonly root: DataNode | null;
  readonly errors: readonly DataParseError[];
}

export function entryOf(map: DataNode | null | undefined, key: string): DataEntry | undefined {
  return map?.kind === 'map' ? map.entries.find((entry) => entry.key === key) : undefined;
}
