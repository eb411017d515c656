import type { Resource } from '../model/types';
import { originOf, type LineShift } from './shift';

/**
 * What was computed for one resource object (its rule findings, its annotations), kept while the object lives.
 * The Terraform model hands back the same object for a block an edit did not touch, and a line-shifted copy
 * (see moveResource) for a block the edit only moved: the first is a hit, the second a hit moved by its lines.
 * Keys are objects, so nothing is shared between documents or kept after a document's model is dropped.
 */
export class ResourceMemo<T> {
  private readonly values = new WeakMap<Resource, T>();

  /** `move` returns undefined when a value cannot be moved and must be computed again. */
  constructor(private readonly move: (value: T, shift: LineShift) => T | undefined) {}

  get(resource: Resource, compute: () => T): T {
    const hit = this.values.get(resource);
    if (hit !== undefined) return hit;
    const derived = originOf(resource);
    const earlier = derived ? this.values.get(derived.origin) : undefined;
    const value = (earlier !== undefined && derived ? this.move(earlier, derived.shift) : undefined) ?? compute();
    this.values.set(resource, value);
    return value;
  }
}
