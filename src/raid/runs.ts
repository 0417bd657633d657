/**
 * Splitting a request on a striped group into runs of rows (spec/raid.md, RAID-W-1).
 *
 * A run is either one row touched in part, or rows touched in full. Rows in full are
 * merged into one run only when every row has the same roles (RAID3), so a run's units
 * live at one contiguous device range per device: [row·unitBytes + lo, (row+rows-1)·unitBytes + hi).
 */
export interface RunUnit {
  /** Data unit index in the row (0..dataCount-1). */
  readonly unit: number;
  /** Touched in-unit byte range [a, b). */
  readonly a: number;
  readonly b: number;
  /** Index in the request's bytes of the unit's first touched byte in the run's first row. */
  readonly hostOffset: number;
}

export interface Run {
  readonly row: number;
  readonly rows: number;
  /** Union of the units' in-unit ranges. */
  readonly lo: number;
  readonly hi: number;
  readonly full: boolean;
  readonly units: readonly RunUnit[];
}

export interface RunGeometry {
  readonly dataCount: number;
  readonly unitBytes: number;
  readonly fixedRoles: boolean;
}

/** Longest run in rows; bounds scratch space to about 1 MiB per device image. */
const RUN_IMAGE_BYTES_MAX = 1 << 20;

export function splitRuns(
  g: RunGeometry,
  offset: number,
  length: number,
  runEndLimit: (row: number) => number,
): Run[] {
  const rowBytes = g.dataCount * g.unitBytes;
  const runs: Run[] = [];
  let at = offset;
  const end = offset + length;
  while (at < end) {
    const row = Math.floor(at / rowBytes);
    const s = at - row * rowBytes;
    const e = Math.min(rowBytes, end - row * rowBytes);
    if (s > 0 || e < rowBytes || !g.fixedRoles) {
      runs.push(partialRow(g, row, s, e, at - offset));
      at = row * rowBytes + e;
      continue;
    }
    const fullRows = Math.floor((end - at) / rowBytes);
    const cap = Math.max(1, Math.floor(RUN_IMAGE_BYTES_MAX / g.unitBytes));
    const rows = Math.min(fullRows, cap, runEndLimit(row) - row);
    runs.push(fullRun(g, row, Math.max(1, rows), at - offset));
    at += Math.max(1, rows) * rowBytes;
  }
  return runs;
}

function partialRow(g: RunGeometry, row: number, s: number, e: number, hostBase: number): Run {
  const u = g.unitBytes;
  const units: RunUnit[] = [];
  let lo = u;
  let hi = 0;
  for (let j = Math.floor(s / u); j * u < e; j++) {
    const a = Math.max(s, j * u) - j * u;
    const b = Math.min(e, (j + 1) * u) - j * u;
    units.push({ unit: j, a, b, hostOffset: hostBase + (j * u + a - s) });
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return { row, rows: 1, lo, hi, full: s === 0 && e === g.dataCount * u, units };
}

function fullRun(g: RunGeometry, row: number, rows: number, hostBase: number): Run {
  const u = g.unitBytes;
  const units: RunUnit[] = [];
  for (let j = 0; j < g.dataCount; j++) units.push({ unit: j, a: 0, b: u, hostOffset: hostBase + j * u });
  return { row, rows, lo: 0, hi: u, full: true, units };
}
