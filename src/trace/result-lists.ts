import { LIMITS } from '../limits.ts';

/**
 * LIM-7 (spec/limits.md): a result line stays small. A list of more than resultListMax items
 * (a system's LDEV numbers, a volume's table entries) keeps its first resultListMax items,
 * and the object holding it gains `<field>Count` (how many there are) and
 * `<field>Truncated: true`. Lists inside lists (an extent's two tracks) are left whole.
 */
export function capResultLists<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => capResultLists(v)) as T;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v) && v.length > LIMITS.resultListMax) {
      out[key] = v.slice(0, LIMITS.resultListMax).map((x) => capResultLists(x));
      out[`${key}Count`] = v.length;
      out[`${key}Truncated`] = true;
    } else {
      out[key] = capResultLists(v);
    }
  }
  return out as T;
}

/** Whether any list of the value is longer than resultListMax (most results have none: no copy is made). */
export function hasLongList(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > LIMITS.resultListMax || value.some(hasLongList);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return false;
  return Object.values(value).some(hasLongList);
}
