/** Table entries named by volume id and entry index (PL-P-3's memory; PL-INV-3's moving entries). */
export type EntrySet = ReadonlyMap<string, ReadonlySet<number>>;

export const NO_ENTRIES: EntrySet = new Map();

export function entrySetOf(entries: Iterable<readonly [string, number]>): EntrySet {
  const set = new Map<string, Set<number>>();
  for (const [volume, index] of entries) {
    let s = set.get(volume);
    if (!s) set.set(volume, (s = new Set()));
    s.add(index);
  }
  return set;
}
