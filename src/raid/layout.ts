import type { RaidLevel } from './levels.ts';

/**
 * Where each stripe unit of a row lives (spec/raid.md, RAID-L-1..RAID-L-3).
 * A row is one stripe: one unit of `unitBytes` on every device at device offset row·unitBytes.
 */
export interface StripeLayout {
  readonly deviceCount: number;
  /** Data units per row. */
  readonly dataCount: number;
  /** Redundancy units per row: 1 (P) or 2 (P and Q). */
  readonly parityCount: 1 | 2;
  readonly unitBytes: number;
  readonly rows: number;
  /** True when every row has the same roles (RAID3): runs of rows can be handled at once. */
  readonly fixedRoles: boolean;
  parityDevice(row: number): number;
  /** Q device of a RAID6 row; -1 elsewhere. */
  qDevice(row: number): number;
  dataDevice(row: number, unit: number): number;
}

export function stripeLayout(
  level: Exclude<RaidLevel, 'raid1'>,
  deviceCount: number,
  unitBytes: number,
  deviceBytes: number,
): StripeLayout {
  const rows = Math.floor(deviceBytes / unitBytes);
  const n = deviceCount;
  if (level === 'raid3') {
    // RAID-L-1: dedicated parity device, data units in device order.
    return {
      deviceCount: n, dataCount: n - 1, parityCount: 1, unitBytes, rows, fixedRoles: true,
      parityDevice: () => n - 1,
      qDevice: () => -1,
      dataDevice: (_row, unit) => unit,
    };
  }
  // RAID-L-2/3: md's left-symmetric layout; RAID6 puts Q right after P.
  const p = (row: number) => n - 1 - (row % n);
  const m = level === 'raid6' ? 2 : 1;
  return {
    deviceCount: n, dataCount: n - m, parityCount: m, unitBytes, rows, fixedRoles: false,
    parityDevice: p,
    qDevice: level === 'raid6' ? (row) => (p(row) + 1) % n : () => -1,
    dataDevice: (row, unit) => (p(row) + m + unit) % n,
  };
}
