/**
 * Device I/O as the properties expect it (spec/raid.md, RAID-IO-1 and the write penalty,
 * RAID-W-2/3): per-request counter deltas, and the exact per-device reads and writes of a
 * request on a healthy group.
 */
import assert from 'node:assert/strict';
import type { RaidGroup } from '../../src/raid/raid-group.ts';
import { type RefLayout, unitPieces } from './raid-layout.ts';

export interface Io {
  reads: number;
  writes: number;
  bytesRead: number;
  bytesWritten: number;
}

export function snapshot(g: RaidGroup): Io[] {
  return g.devices.map((d) => ({ ...d.counters }));
}

export function ioDelta(before: readonly Io[], g: RaidGroup): Io[] {
  return g.devices.map((d, i) => {
    const b = before[i]!;
    const c = d.counters;
    return { reads: c.reads - b.reads, writes: c.writes - b.writes, bytesRead: c.bytesRead - b.bytesRead, bytesWritten: c.bytesWritten - b.bytesWritten };
  });
}

export function totals(io: readonly Io[]): Io {
  return io.reduce(
    (t, x) => ({ reads: t.reads + x.reads, writes: t.writes + x.writes, bytesRead: t.bytesRead + x.bytesRead, bytesWritten: t.bytesWritten + x.bytesWritten }),
    { reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0 },
  );
}

function zeroIo(n: number): Io[] {
  return Array.from({ length: n }, () => ({ reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0 }));
}

function countsFromBytes(io: Io[]): Io[] {
  for (const x of io) {
    x.reads = x.bytesRead > 0 ? 1 : 0;
    x.writes = x.bytesWritten > 0 ? 1 : 0;
  }
  return io;
}

/** RAID-IO-1: per request, each device does at most one read and one write, bytes summed. */
export function assertIoPerRequest(io: readonly Io[], what: string, failed: ReadonlySet<number> = new Set()): void {
  io.forEach((x, d) => {
    if (x.reads !== 0 && x.reads !== 1) assert.fail(`${what}: RAID-IO-1: device ${d} counted ${x.reads} reads in one request`);
    if (x.writes !== 0 && x.writes !== 1) assert.fail(`${what}: RAID-IO-1: device ${d} counted ${x.writes} writes in one request`);
    if ((x.bytesRead > 0) !== (x.reads === 1)) assert.fail(`${what}: RAID-IO-1: device ${d}: ${x.reads} reads for ${x.bytesRead} bytes`);
    if ((x.bytesWritten > 0) !== (x.writes === 1)) assert.fail(`${what}: RAID-IO-1: device ${d}: ${x.writes} writes for ${x.bytesWritten} bytes`);
    if (failed.has(d) && (x.reads || x.writes)) assert.fail(`${what}: failed device ${d} was accessed`);
  });
}

export function assertNoIo(io: readonly Io[], what: string): void {
  io.forEach((x, d) => {
    if (x.reads || x.writes || x.bytesRead || x.bytesWritten) {
      assert.fail(`${what}: device ${d} did I/O (${JSON.stringify(x)}) on a request that must not touch devices`);
    }
  });
}

export function assertIoEqual(actual: readonly Io[], expected: readonly Io[], what: string): void {
  actual.forEach((x, d) => {
    const e = expected[d]!;
    if (x.reads !== e.reads || x.writes !== e.writes || x.bytesRead !== e.bytesRead || x.bytesWritten !== e.bytesWritten) {
      assert.fail(`${what}: device ${d} did ${JSON.stringify(x)}, expected ${JSON.stringify(e)}`);
    }
  });
}

/**
 * Device I/O of a write on a healthy group: a whole row writes every device (new data,
 * new P, Q) without reading; a partial row reads old data and old parity over the touched
 * range and writes both (read-modify-write). Per device, bytes add up over rows.
 */
export function healthyWriteIo(L: RefLayout, offset: number, length: number): Io[] {
  const io = zeroIo(L.devices);
  if (L.level === 'raid1') {
    for (const x of io) x.bytesWritten = length;
    return countsFromBytes(io);
  }
  const u = L.unit;
  const R = L.rowBytes;
  const end = offset + length;
  for (let at = offset; at < end; ) {
    const row = Math.floor(at / R);
    const rowEnd = Math.min(end, (row + 1) * R);
    const s = at - row * R;
    const e = rowEnd - row * R;
    if (s === 0 && e === R) {
      for (const x of io) x.bytesWritten += u;
    } else {
      let lo = u;
      let hi = 0;
      for (let j = Math.floor(s / u); j * u < e; j++) {
        const a = Math.max(s, j * u) - j * u;
        const b = Math.min(e, (j + 1) * u) - j * u;
        const x = io[L.dataDevice(row, j)]!;
        x.bytesRead += b - a;
        x.bytesWritten += b - a;
        lo = Math.min(lo, a);
        hi = Math.max(hi, b);
      }
      for (const d of L.parityDevices(row)) {
        io[d]!.bytesRead += hi - lo;
        io[d]!.bytesWritten += hi - lo;
      }
    }
    at = rowEnd;
  }
  return countsFromBytes(io);
}

/** Device I/O of a read on a healthy striped group: each touched data device, its bytes. */
export function healthyReadIo(L: RefLayout, offset: number, length: number): Io[] {
  const io = zeroIo(L.devices);
  for (const p of unitPieces(L, offset, length)) io[L.dataDevice(p.row, p.unit)]!.bytesRead += p.b - p.a;
  return countsFromBytes(io);
}

/** The spec's exact write-penalty cases; null when the request is none of them. */
export function penaltyCase(L: RefLayout, offset: number, length: number): { name: string; reads: number; writes: number } | null {
  if (L.level === 'raid1') return { name: 'raid1 write', reads: 0, writes: L.devices };
  const firstUnit = Math.floor(offset / L.unit);
  if (firstUnit === Math.floor((offset + length - 1) / L.unit)) {
    return { name: 'write inside one stripe unit', reads: 1 + L.parityCount, writes: 1 + L.parityCount };
  }
  if (offset % L.rowBytes === 0 && length % L.rowBytes === 0) {
    return { name: `full-stripe write of ${length / L.rowBytes} row(s)`, reads: 0, writes: L.devices };
  }
  return null;
}
