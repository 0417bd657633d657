/**
 * The scenario of VOL-INV-2.addressTranslation (properties/vol/vol-address-translation.ts): a
 * system's LDEV size, its RAID groups and its OPEN-V volumes, each with areas placing track
 * ranges on named groups; and the model's own account of which table entries an area maps.
 */
import type { Geometry } from '../raid/raid-model.ts';

export const LDEV_SIZES = [8192, 8704, 12288, 16384, 32768, 65536] as const;

export interface AreaSpec {
  readonly tracks: readonly [number, number];
  readonly group: number;
}

export interface VolumeSpec {
  readonly bytes: number;
  /** undefined: the OPEN-V default (65536). */
  readonly trackBytes: number | undefined;
  /** Default group of entries no area touches; undefined: any group. */
  readonly group: number | undefined;
  readonly areas: readonly AreaSpec[];
}

export interface SystemShape {
  readonly ldevBytes: number;
  readonly groups: readonly Geometry[];
  readonly volumes: readonly VolumeSpec[];
}

export function tracksOf(v: VolumeSpec): number {
  return Math.ceil(v.bytes / (v.trackBytes ?? 65536));
}

/** Inclusive table entries an area maps onto. */
export function areaEntries(v: VolumeSpec, a: AreaSpec, L: number): [number, number] {
  const tb = v.trackBytes ?? 65536;
  const start = a.tracks[0] * tb;
  const end = Math.min((a.tracks[1] + 1) * tb, v.bytes);
  return [Math.floor(start / L), Math.floor((end - 1) / L)];
}

/** Areas whose entries overlap an earlier area's are dropped (the model refuses overlapping areas). */
export function disjointAreas(v: Omit<VolumeSpec, 'areas'>, areas: readonly AreaSpec[], L: number): AreaSpec[] {
  const owner = new Set<number>();
  const kept: AreaSpec[] = [];
  for (const a of areas) {
    const [first, last] = areaEntries({ ...v, areas: [] }, a, L);
    let free = true;
    for (let e = first; e <= last; e++) if (owner.has(e)) free = false;
    if (!free) continue;
    for (let e = first; e <= last; e++) owner.add(e);
    kept.push(a);
  }
  return kept;
}
