/**
 * The rules of the RAID levels as the properties see them (spec/raid.md), restated here, not
 * imported from src/: tolerance per level (RAID-F-3/4), where every stripe unit lives
 * (RAID-L-1..3, RAID-M-1), how a request cuts into unit pieces, and which of its bytes
 * survive a set of lost devices (RAID-D-5).
 */
import type { RaidLevel } from '../../src/raid/levels.ts';

export const LEVELS = ['raid1', 'raid3', 'raid5', 'raid6'] as const satisfies readonly RaidLevel[];
export const MIN_DEVICES: Readonly<Record<RaidLevel, number>> = { raid1: 2, raid3: 3, raid5: 3, raid6: 4 };
/** raid1 survives n-1 failed devices, raid3/raid5 one, raid6 two. */
export function toleranceOf(level: RaidLevel, devices: number): number {
  return level === 'raid1' ? devices - 1 : level === 'raid6' ? 2 : 1;
}
/** RAID-R-1: a rebuild unit covers at least this many device bytes. */
export const REBUILD_UNIT_BYTES = 65536;
/** Sparse media are allocated in chunks of this many device bytes (rebuilds skip unwritten ones). */
export const CHUNK_BYTES = 4096;

export interface Geometry {
  readonly level: RaidLevel;
  readonly devices: number;
  readonly deviceBytes: number;
  readonly stripeUnitBytes: number;
}

/** Where the model expects every stripe unit: md left-symmetric RAID5, Q after P, RAID3 parity last. */
export interface RefLayout {
  readonly level: RaidLevel;
  readonly devices: number;
  readonly unit: number;
  /** Data units per row (1 for raid1, whose "row" is just a unit-sized address step). */
  readonly dataCount: number;
  readonly parityCount: number;
  readonly rows: number;
  readonly rowBytes: number;
  readonly capacity: number;
  readonly tolerance: number;
  dataDevice(row: number, unit: number): number;
  parityDevices(row: number): readonly number[];
}

export function refLayout(g: Geometry): RefLayout {
  const n = g.devices;
  const u = g.stripeUnitBytes;
  const rows = Math.floor(g.deviceBytes / u);
  const tolerance = toleranceOf(g.level, n);
  const base = { level: g.level, devices: n, unit: u, rows, tolerance };
  if (g.level === 'raid1') {
    return {
      ...base, dataCount: 1, parityCount: 0, rowBytes: u, capacity: g.deviceBytes,
      dataDevice: () => 0,
      parityDevices: () => [],
    };
  }
  const m = g.level === 'raid6' ? 2 : 1;
  const k = n - m;
  const shape = { ...base, dataCount: k, parityCount: m, rowBytes: k * u, capacity: rows * k * u };
  if (g.level === 'raid3') {
    const parity = [n - 1];
    return { ...shape, dataDevice: (_row, unit) => unit, parityDevices: () => parity };
  }
  const p = (row: number) => n - 1 - (row % n);
  return {
    ...shape,
    dataDevice: (row, unit) => (p(row) + m + unit) % n,
    parityDevices: (row) => (m === 2 ? [p(row), (p(row) + 1) % n] : [p(row)]),
  };
}

/** A request's bytes cut at stripe-unit boundaries (parity levels). `at` is the group address. */
export interface UnitPiece {
  readonly row: number;
  readonly unit: number;
  readonly a: number;
  readonly b: number;
  readonly at: number;
}

export function* unitPieces(L: RefLayout, offset: number, length: number): Generator<UnitPiece> {
  const end = offset + length;
  let at = offset;
  while (at < end) {
    const row = Math.floor(at / L.rowBytes);
    const inRow = at - row * L.rowBytes;
    const unit = Math.floor(inRow / L.unit);
    const a = inRow - unit * L.unit;
    const b = Math.min(L.unit, a + (end - at));
    yield { row, unit, a, b, at };
    at += b - a;
  }
}

/** Maximal spans of [offset, offset+length) whose data units avoid `lost` devices. */
export function survivingSpans(L: RefLayout, offset: number, length: number, lost: ReadonlySet<number>): [number, number][] {
  const spans: [number, number][] = [];
  if (L.level === 'raid1') return lost.size >= L.devices ? spans : [[offset, length]];
  for (const p of unitPieces(L, offset, length)) {
    if (lost.has(L.dataDevice(p.row, p.unit))) continue;
    const last = spans[spans.length - 1];
    if (last && last[0] + last[1] === p.at) last[1] += p.b - p.a;
    else spans.push([p.at, p.b - p.a]);
  }
  return spans;
}

/**
 * Surviving spans of the range, all of them when it covers at most `windows` rows; else those
 * of `windows` one-row windows spread evenly over it (from `phase` bytes in) and of its last row,
 * so a large byte-interleaved group is not cut into a span per row.
 */
export function sampledSurvivingSpans(L: RefLayout, offset: number, length: number, lost: ReadonlySet<number>, windows: number, phase = 0): [number, number][] {
  const R = L.rowBytes;
  if (L.level === 'raid1' || length <= windows * R) return survivingSpans(L, offset, length, lost);
  const stride = Math.floor(length / windows);
  const spans: [number, number][] = [];
  const end = offset + length;
  for (let i = 0; i < windows; i++) {
    const at = offset + i * stride + (phase % Math.max(1, stride - R));
    spans.push(...survivingSpans(L, at, Math.min(R, end - at), lost));
  }
  spans.push(...survivingSpans(L, end - R, R, lost));
  return spans;
}
