/**
 * write.raid5.fullStripe / read.raid5.degraded: sequential I/O through the volume API.
 *
 * One OPEN-V volume of 256 MiB on a RAID5 group of 5 devices (4 data + P per row,
 * stripe unit 64 KiB, so a row holds 256 KiB of data). Requests are 1 MiB, aligned to
 * rows (4 full rows each). The bytes written are a 64 MiB PRNG pool, cycled; the
 * baseline copies that same pool with Buffer.copy, the same number of bytes per pass.
 */
import { ParityGroup } from '../src/raid/parity-group.ts';
import type { RaidGroup } from '../src/raid/raid-group.ts';
import { StorageSystem } from '../src/system/storage-system.ts';
import type { LogicalVolume } from '../src/volume/logical-volume.ts';
import { BASELINE_NAME, CopyBaseline } from './baseline.ts';
import type { Figure } from './figure.ts';
import { Prng } from './prng.ts';
import { collectGarbage, gbps, median, MiB, paired, round, timeOnce, type PairedTiming } from './timing.ts';

const DEVICES = 5;
const UNIT_BYTES = 64 * 1024;
const ROW_BYTES = (DEVICES - 1) * UNIT_BYTES;
const VOLUME_BYTES = 256 * MiB;
const LDEV_BYTES = 64 * MiB;
const REQUEST_BYTES = 1 * MiB;
const POOL_BYTES = 64 * MiB;
const FAILED_DEVICE = 0;

if (REQUEST_BYTES % ROW_BYTES !== 0 || LDEV_BYTES % ROW_BYTES !== 0) throw new Error('requests must be whole rows');

function summary(t: PairedTiming, bytes: number): Record<string, number> {
  const baseGB = gbps(bytes, Math.min(...t.baseline));
  const GB = gbps(bytes, Math.min(...t.target));
  return {
    GBps: round(GB),
    baselineGBps: round(baseGB),
    ratio: round(GB / baseGB),
    medianPairRatio: round(median(t.target.map((s, i) => t.baseline[i]! / s))),
    repetitions: t.target.length,
  };
}

const GEOMETRY = {
  level: 'raid5',
  devices: DEVICES,
  stripeUnitBytes: UNIT_BYTES,
  rowDataBytes: ROW_BYTES,
  volumeBytes: VOLUME_BYTES,
  requestBytes: REQUEST_BYTES,
  ldevBytes: LDEV_BYTES,
};

/** The volume and its RAID5 group: 4 LDEVs of 64 MiB in order on 72 MiB devices. */
function benchVolume(): { volume: LogicalVolume; group: RaidGroup } {
  const system = StorageSystem.create({
    id: 'bench',
    ldevBytes: LDEV_BYTES,
    // 72 MiB devices: 64 MiB of rows for the 4 LDEVs plus slack that stays unused.
    raidGroups: [{ id: 'rg5', level: 'raid5', devices: DEVICES, deviceBytes: 72 * MiB, stripeUnitBytes: UNIT_BYTES }],
  });
  const { volume } = system.defineVolume({ id: 'v', emulation: 'OPEN-V', bytes: VOLUME_BYTES, raidGroup: 'rg5' });
  return { volume, group: system.group('rg5') };
}

interface VolumeTimings {
  readonly firstCopy: number;
  readonly freshCopy: number;
  readonly firstWrite: number;
  readonly writes: PairedTiming;
  readonly healthy: PairedTiming;
  readonly degraded: PairedTiming;
  readonly degradedGroup: PairedTiming;
}

/** Every pass, in order: fresh writes, overwrites, healthy reads, degraded reads (volume, then group). */
function measure(baseline: CopyBaseline, volume: LogicalVolume, group: RaidGroup): VolumeTimings {
  const pool = baseline.src;
  const writePass = () => {
    for (let at = 0; at < VOLUME_BYTES; at += REQUEST_BYTES) {
      const p = at % POOL_BYTES;
      volume.write(at, pool.subarray(p, p + REQUEST_BYTES));
    }
  };
  let mismatches = 0;
  // Reads land in one reused buffer, as a controller reads into a cache slot: the figure
  // measures the data plane, not the allocator (a fresh 1 MiB result per request costs
  // page faults and GC that dwarf the reconstruction).
  const slot = new Uint8Array(REQUEST_BYTES);
  const readPass = (check: boolean) => () => {
    for (let at = 0; at < VOLUME_BYTES; at += REQUEST_BYTES) {
      volume.readInto(at, REQUEST_BYTES, slot, 0);
      const p = at % POOL_BYTES;
      if (check && Buffer.compare(slot, pool.subarray(p, p + REQUEST_BYTES)) !== 0) mismatches++;
    }
  };
  const copyPass = () => baseline.copy(VOLUME_BYTES);
  // Pass 1 writes fresh media: chunks are allocated and the arena grows. It doubles as
  // the warm-up; it is reported in the detail, the ratio uses overwrite passes.
  // Its fair comparison is a copy into memory never touched before (page faults included).
  collectGarbage();
  const firstCopy = timeOnce(copyPass);
  const fresh = Buffer.allocUnsafeSlow(VOLUME_BYTES);
  const freshCopy = timeOnce(() => {
    for (let at = 0; at < VOLUME_BYTES; at += POOL_BYTES) pool.copy(fresh, at);
  });
  const firstWrite = timeOnce(writePass);
  const writes = paired(copyPass, writePass, 1, 9);
  readPass(true)(); // verification + warm-up of the healthy path
  const healthy = paired(copyPass, readPass(false), 0, 5);
  group.failDevice(FAILED_DEVICE);
  readPass(true)(); // verification + warm-up of the reconstructing path
  const degraded = paired(copyPass, readPass(false), 1, 9);
  // Context: the same reads on the RAID group directly, without LogicalVolume's LDEV split
  // (the LDEVs map the volume onto the group in order).
  const groupPass = () => {
    for (let at = 0; at < VOLUME_BYTES; at += REQUEST_BYTES) group.readInto(at, REQUEST_BYTES, slot, 0);
  };
  const degradedGroup = paired(copyPass, groupPass, 1, 5);
  if (mismatches > 0) throw new Error(`volume bench: ${mismatches} reads returned wrong bytes`);
  return { firstCopy, freshCopy, firstWrite, writes, healthy, degraded, degradedGroup };
}

export function volumeFigures(): Figure[] {
  const baseline = new CopyBaseline(POOL_BYTES, (b) => new Prng(42).fill(b));
  const { volume, group } = benchVolume();
  const t = measure(baseline, volume, group);
  return [writeFigure(t), degradedReadFigure(t, group)];
}

function writeFigure({ writes, firstWrite, firstCopy, freshCopy }: VolumeTimings): Figure {
  const w = summary(writes, VOLUME_BYTES);
  return {
    id: 'write.raid5.fullStripe',
    ratio: w['ratio']!,
    baseline: BASELINE_NAME,
    target: 0.5, // issue #13
    better: 'higher',
    detail: {
      what: 'sequential 1 MiB row-aligned volume.write over the whole volume (every row written in full: no reads); ratio from overwrite passes',
      ...GEOMETRY,
      ...w,
      firstWriteGBps: round(gbps(VOLUME_BYTES, firstWrite)),
      firstWriteRatio: round(firstCopy / firstWrite),
      freshCopyGBps: round(gbps(VOLUME_BYTES, freshCopy)),
      firstWriteVsFreshCopyRatio: round(freshCopy / firstWrite),
      firstWriteNote: 'first pass onto empty media (allocates 4 KiB chunks, grows the arena, faults in 320 MiB of fresh pages for data + parity); context only. freshCopy = Buffer.copy into a never-touched 256 MiB buffer',
    },
  };
}

function degradedReadFigure({ degraded, degradedGroup, healthy }: VolumeTimings, group: RaidGroup): Figure {
  const layout = group instanceof ParityGroup ? group.layout : undefined;
  const rows = VOLUME_BYTES / ROW_BYTES;
  let reconstructed = 0;
  for (let row = 0; row < rows; row++) if (layout && layout.parityDevice(row) !== FAILED_DEVICE) reconstructed++;
  const d = summary(degraded, VOLUME_BYTES);
  return {
    id: 'read.raid5.degraded',
    ratio: d['ratio']!,
    baseline: BASELINE_NAME,
    target: 0.2,
    better: 'higher',
    detail: {
      what: `sequential 1 MiB volume.read over the whole volume after failDevice(${FAILED_DEVICE}); rows whose data unit was on the failed device are reconstructed from P, the others are read directly`,
      ...GEOMETRY,
      ...d,
      reconstructedRowFraction: layout ? round(reconstructed / rows) : null,
      groupReadGBps: summary(degradedGroup, VOLUME_BYTES)['GBps'],
      groupReadRatio: summary(degradedGroup, VOLUME_BYTES)['ratio'],
      groupReadNote: 'degraded reads of the same bytes via RaidGroup.read, bypassing LogicalVolume.read (context only; like every read figure here it swings with the allocator state, since each request allocates fresh result buffers)',
      healthyReadGBps: summary(healthy, VOLUME_BYTES)['GBps'],
      healthyReadRatio: summary(healthy, VOLUME_BYTES)['ratio'],
      verified: 'every byte read back (healthy and degraded) matched what was written',
    },
  };
}
