/**
 * Biased pair areas for the remote-copy harness (CHK-6): the places where takeover bugs hide
 * — a sibling area just past a live pair's, within one target LDEV; an area ending on the
 * volume's last track; one ending inside a dataset (a dataset straddling the area's end);
 * one across a 32-track word of the difference bitmap.
 */
import type { CreateSpec, RcScenario } from './rc-scenario.ts';

type Extent = [number, number];

/** What a biased area reads of the reference model: its scenario and track size. */
export interface AreaContext {
  readonly scenario: RcScenario;
  readonly tb: number;
}

/** Chosen by `bias` 6..11 of a pairCreate: a word boundary as often as the others together. */
export const BIASED_MODES = ['near', 'tail', 'dataset', 'boundary', 'boundary', 'boundary'] as const;

/** The area of a biased `pairCreate`, or null for the plain modes. */
export function biasedArea(m: AreaContext, spec: CreateSpec, vol: { readonly idx: number; readonly tracks: number }, held: readonly { readonly area: readonly (readonly [number, number])[] }[]): Extent[] | null {
  const n = vol.tracks;
  const len = Math.max(1, Math.min(spec.len1, n));
  const span = (a: number): Extent[] => {
    const first = Math.max(0, Math.min(a, n - 1));
    return [[first, Math.min(n - 1, first + len - 1)]];
  };
  switch (spec.mode) {
    case 'near': {
      if (held.length === 0) return span(spec.start % n);
      const ldevTracks = Math.max(1, Math.floor(m.scenario.ldevBytesT / m.tb));
      const end = Math.max(...held[spec.start % held.length]!.area.map(([, b]) => b));
      return span(end + 1 + (spec.gap % ldevTracks));
    }
    case 'tail': return span(n - len);
    case 'dataset': {
      const ds = m.scenario.datasets.filter((d) => d.vol === vol.idx);
      if (ds.length === 0) return span(spec.start % n);
      const [a, b] = ds[spec.start % ds.length]!.extents[0]!;
      const end = a + (spec.gap % Math.max(1, b - a)); // inside the dataset, before its last track
      return [[Math.max(0, end - len + 1), end]];
    }
    case 'boundary': {
      const words = Math.floor((n - 1) / 32);
      if (words === 0) return span(spec.start % n);
      const boundary = 32 * (1 + (spec.start % words));
      return span(boundary - 1 - (spec.gap % 2));
    }
    default: return null;
  }
}
