import { fail } from '../errors.ts';
import { type Extent, requireExtents } from '../local-copy/extents.ts';
import { DATASET_EXTENTS_MAX, DATASET_NAME_BYTES_MAX, type DatasetEntry, encodeVtoc } from './vtoc-format.ts';

/**
 * VTOC-D-1, VTOC-D-2, VTOC-D-3: the VTOC after adding one dataset, validated against the volume's
 * geometry and the datasets already there; refused before anything is written.
 */
export function withDataset(
  entries: readonly DatasetEntry[],
  name: string,
  extents: readonly (readonly number[])[],
  volume: { readonly tracks: number; readonly trackBytes: number },
): Uint8Array {
  const nameBytes = new TextEncoder().encode(name).length;
  if (nameBytes === 0 || nameBytes > DATASET_NAME_BYTES_MAX) {
    fail('INVALID_ARGUMENT', `a dataset name has 1 to ${DATASET_NAME_BYTES_MAX} bytes; "${name}" has ${nameBytes}`);
  }
  if (entries.some((e) => e.name === name)) fail('ALREADY_EXISTS', `dataset ${name} is already in the VTOC`);
  const list = requireExtents(extents, volume.tracks);
  if (list.length > DATASET_EXTENTS_MAX) fail('INVALID_ARGUMENT', `a dataset has at most ${DATASET_EXTENTS_MAX} extents`);
  for (const [a] of list) if (a === 0) fail('INVALID_ARGUMENT', 'track 0 holds the VTOC; no dataset may include it');
  refuseOverlap(name, list, entries);
  const bytes = encodeVtoc([...entries, { name, extents: list }]);
  if (bytes.length > volume.trackBytes) fail('NO_CAPACITY', `the VTOC would need ${bytes.length} bytes; track 0 holds ${volume.trackBytes}`);
  return bytes;
}

function refuseOverlap(name: string, list: readonly Extent[], entries: readonly DatasetEntry[]): void {
  const mine = list.map((e, i) => ({ e, owner: `${name} extent ${i}` }));
  const all = [...entries.flatMap((d) => d.extents.map((e, i) => ({ e, owner: `${d.name} extent ${i}` })))];
  for (const m of mine) {
    const clash = all.find(({ e }) => m.e[0] <= e[1] && e[0] <= m.e[1]);
    if (clash) fail('INVALID_ARGUMENT', `${m.owner} [${m.e.join(', ')}] overlaps ${clash.owner} [${clash.e.join(', ')}]`);
    all.push(m);
  }
}

/** VTOC-D-4: datasets wholly inside `area` (all their extents), for operation switching later. */
export function datasetsInside(entries: readonly DatasetEntry[], area: readonly Extent[]): DatasetEntry[] {
  const inside = ([a, b]: readonly [number, number]) => area.some(([x, y]) => a >= x && b <= y);
  return entries.filter((d) => d.extents.every(inside));
}
