import { pieceLength, StorageDevice } from '../device/storage-device.ts';
import { fail } from '../errors.ts';
import { Arena } from '../kernels/arena.ts';
import { gfPow2 } from '../kernels/gf256.ts';
import { requireRange } from '../validate.ts';
import { DeviceHealthTable } from './device-health.ts';
import { IoTally } from './io-tally.ts';
import { type StripeLayout, stripeLayout } from './layout.ts';
import { REBUILD_UNIT_BYTES_MIN } from './raid-group.ts';
import { RebuildingGroup } from './rebuilding-group.ts';
import { computeParity, recoverData, type RunImages } from './recover.ts';
import { writeFullRow } from './full-row.ts';
import { writeInOneUnit } from './read-modify-in-place.ts';
import { healLostBytes, LostRanges, refuseLostBytes } from './lost-ranges.ts';
import { recreateGroup } from './recreate.ts';
import { type Run, splitRuns } from './runs.ts';
import { stridedCopy } from './strided-copy.ts';

export type StripedLevel = 'raid3' | 'raid5' | 'raid6';

/**
 * RAID3, RAID5 and RAID6 requests (spec/raid.md): striping with P, or P and Q, parity.
 * Every request is split into runs (RAID-W-1); each run is handled on images in arena
 * scratch, one image per device, so parity kernels run where the bytes are. ParityGroup
 * (parity-group.ts) adds what a checker asks of it: RAID-INV-1 and the changes (CHK-2).
 */
export abstract class ParityIo extends RebuildingGroup {
  readonly layout: StripeLayout;
  readonly arena: Arena;
  readonly devices: StorageDevice[];
  readonly health: DeviceHealthTable;
  readonly capacityBytes: number;
  protected readonly rebuildUnit: number;
  protected get positionBytes(): number {
    return this.stripeUnitBytes;
  }
  protected get rebuildEnd(): number {
    return this.layout.rows;
  }
  /** Reused list of source addresses for the kernels (no allocation per piece). */
  private readonly pointers: number[] = [];
  /** The data devices of the row being written (reused: a full row allocates nothing). */
  private readonly rowDevices: StorageDevice[] = [];

  constructor(
    readonly id: string,
    readonly level: StripedLevel,
    deviceCount: number,
    readonly deviceBytes: number,
    readonly stripeUnitBytes: number,
    arena: Arena = new Arena(),
    layout?: StripeLayout,
  ) {
    super();
    this.arena = arena;
    this.layout = layout ?? stripeLayout(level, deviceCount, stripeUnitBytes, deviceBytes);
    this.devices = Array.from({ length: deviceCount }, () => new StorageDevice(deviceBytes, arena));
    this.health = new DeviceHealthTable(deviceCount, this.layout.parityCount);
    this.capacityBytes = this.layout.rows * this.layout.dataCount * stripeUnitBytes;
    this.rebuildUnit = Math.max(1, Math.ceil(REBUILD_UNIT_BYTES_MIN / stripeUnitBytes));
  }

  checkAccess(offset: number, length: number): void {
    requireRange('access', offset, length, this.capacityBytes);
    if (this.health.allHealthy()) return; // RAID-D-5 refuses only beyond the level's redundancy
    for (const run of this.runsOf(offset, length)) this.refuseLostUnits(run);
  }

  readInto(offset: number, length: number, out: Uint8Array, outOffset: number): void {
    requireRange('read', offset, length, this.capacityBytes);
    const runs = this.runsOf(offset, length);
    for (const run of runs) this.refuseLostUnits(run);
    if (this.lost.any()) for (const run of runs) refuseLostBytes(this.lost, this.layout, this.stripeUnitBytes, run); // RAID-F-6
    const tally = new IoTally();
    const view = outOffset === 0 ? out : out.subarray(outOffset, outOffset + length);
    for (const run of runs) this.readRun(run, view, tally);
    tally.commit();
  }

  write(offset: number, data: Uint8Array): void {
    requireRange('write', offset, data.length, this.capacityBytes);
    if (!writeInOneUnit(this, offset, data, this.fold)) { // RAID-W-3 where the bytes lie
      const runs = this.runsOf(offset, data.length);
      for (const run of runs) this.refuseLostUnits(run);
      const tally = new IoTally();
      for (const run of runs) this.writeRun(run, data, tally);
      tally.commit();
    }
    if (this.lost.any()) for (const run of this.runsOf(offset, data.length)) healLostBytes(this.lost, this.layout, this.stripeUnitBytes, run); // RAID-F-6
  }

  /** RAID-F-6: the bytes lost when the group was re-created, per device. */
  readonly lost = new LostRanges();
  protected override readonly recreatable = true;
  protected override recreate(): void {
    recreateGroup(this);
  }
  override hasLostBytes(): boolean {
    return this.lost.any();
  }

  /** `foldDelta`, bound once for `writeInOneUnit` (no closure per write). */
  private readonly fold = (p: number, q: number, delta: number, length: number, unit: number) => this.foldDelta(p, q, delta, length, unit);

  // ---- requests ----

  protected runsOf(offset: number, length: number): Run[] {
    return splitRuns(this.layout, offset, length, (row) => this.readabilityChange(row));
  }

  /** The first row after `row` at which some rebuilding device turns readable. */
  protected readabilityChange(row: number): number {
    let limit = Number.POSITIVE_INFINITY;
    this.health.health.forEach((h, d) => {
      const p = this.health.position[d]!;
      if (h === 'rebuilding' && p > row) limit = Math.min(limit, p);
    });
    return limit;
  }

  protected missing(row: number): number[] {
    const list: number[] = [];
    for (let d = 0; d < this.layout.deviceCount; d++) if (!this.health.readable(d, row)) list.push(d);
    return list;
  }

  /** RAID-D-5: beyond the level's redundancy, touching lost data is refused up front. */
  private refuseLostUnits(run: Run): void {
    const missing = this.missing(run.row);
    if (missing.length <= this.layout.parityCount) return;
    for (const u of run.units) {
      const d = this.layout.dataDevice(run.row, u.unit);
      if (missing.includes(d)) {
        fail('DATA_LOSS', `row ${run.row}, data unit ${u.unit} on device ${d} is lost: ${missing.length} devices are unavailable and ${this.level} survives ${this.layout.parityCount}`);
      }
    }
  }

  private readRun(run: Run, out: Uint8Array, tally: IoTally): void {
    const missing = this.missing(run.row);
    const lost = run.units.some((u) => missing.includes(this.layout.dataDevice(run.row, u.unit)));
    if (!lost && run.rows === 1) return this.readDirect(run, out, tally);
    if (run.rows === 1 && this.lostToP(run.row, missing) >= 0) return this.readAroundOneLoss(run, out, tally);
    const im = lost ? this.loadImages(run, tally) : this.images(run, 0);
    if (lost) this.recover(run, im);
    else for (const u of run.units) this.loadRole(run, u.unit, im.ptr[u.unit]!, tally);
    const bytes = this.arena.bytes();
    const rowBytes = this.rowBytes();
    for (const u of run.units) {
      stridedCopy(out, u.hostOffset, rowBytes, bytes, im.ptr[u.unit]! + (u.a - run.lo), this.stripeUnitBytes, u.b - u.a, run.rows);
    }
  }

  private readDirect(run: Run, out: Uint8Array, tally: IoTally): void {
    for (const u of run.units) {
      const dev = this.devices[this.layout.dataDevice(run.row, u.unit)]!;
      dev.mediaRead(run.row * this.stripeUnitBytes + u.a, out, u.hostOffset, u.b - u.a);
      tally.read(dev, u.b - u.a);
    }
  }

  /** The one data unit of `row` that P alone reconstructs (RAID-D-1), or -1. */
  private lostToP(row: number, missing: readonly number[]): number {
    const k = this.layout.dataCount;
    let lost = -1;
    for (let j = 0; j < k; j++) {
      if (!missing.includes(this.layout.dataDevice(row, j))) continue;
      if (lost >= 0) return -1;
      lost = j;
    }
    return missing.includes(this.layout.parityDevice(row)) ? -1 : lost;
  }

  /** RAID-D-1 in place: survivors are read straight out; the lost unit is P ^ the others. */
  private readAroundOneLoss(run: Run, out: Uint8Array, tally: IoTally): void {
    const row = run.row;
    const u = this.stripeUnitBytes;
    const lost = this.lostToP(row, this.missing(row));
    for (const unit of run.units) {
      const len = unit.b - unit.a;
      const at = row * u + unit.a;
      if (unit.unit !== lost) {
        const dev = this.devices[this.layout.dataDevice(row, unit.unit)]!;
        dev.mediaRead(at, out, unit.hostOffset, len);
        tally.read(dev, len);
        continue;
      }
      const sources = this.sourceDevices(row, lost);
      for (const dev of sources) {
        dev.assertUsable();
        tally.read(dev, len);
      }
      const [buf] = this.arena.scratchBuffers(1, Math.max(1, len)) as [number];
      for (let rel = 0; rel < len; ) {
        const n = pieceLength(at + rel, len - rel);
        for (let i = 0; i < sources.length; i++) this.pointers[i] = sources[i]!.readPointer(at + rel);
        this.pointers.length = sources.length;
        this.arena.xorMany(buf + rel, this.pointers, n);
        rel += n;
      }
      out.set(this.arena.bytes().subarray(buf, buf + len), unit.hostOffset);
    }
  }

  /** P and every data unit of `row` but `lost`. */
  private sourceDevices(row: number, lost: number): StorageDevice[] {
    const list = [this.devices[this.layout.parityDevice(row)]!];
    for (let j = 0; j < this.layout.dataCount; j++) if (j !== lost) list.push(this.devices[this.layout.dataDevice(row, j)]!);
    return list;
  }

  private writeRun(run: Run, data: Uint8Array, tally: IoTally): void {
    const missing = this.missing(run.row);
    if (missing.length > this.layout.parityCount) return this.writeUnitsOnly(run, data, tally);
    if (missing.length > 0) return this.writeReconstruct(run, data, tally);
    if (run.full) return this.writeFullStripe(run, data, tally);
    return this.writeReadModify(run, data, tally);
  }

  /** RAID-W-2: parity from the new data alone; no reads. */
  private writeFullStripe(run: Run, data: Uint8Array, tally: IoTally): void {
    if (run.rows === 1) return this.writeOneFullRow(run, data, tally);
    const im = this.images(run, 0);
    this.overlay(run, im, data);
    computeParity(im, this.layout.parityCount);
    for (let role = 0; role < im.ptr.length; role++) this.storeImage(run, role, im, tally);
  }

  /** RAID-W-2 for one row: data straight onto the media, parity computed where it lies (full-row.ts). */
  private writeOneFullRow(run: Run, data: Uint8Array, tally: IoTally): void {
    const { row } = run;
    const u = this.stripeUnitBytes;
    const k = this.layout.dataCount;
    const dataDevices = this.rowDevices;
    dataDevices.length = k;
    for (let j = 0; j < k; j++) dataDevices[j] = this.devices[this.layout.dataDevice(row, j)]!;
    const p = this.devices[this.layout.parityDevice(row)]!;
    const q = this.layout.parityCount === 2 ? this.devices[this.layout.qDevice(row)]! : null;
    writeFullRow(this.arena, row * u, u, data, run.units, dataDevices, p, q);
    for (let j = 0; j < k; j++) tally.write(dataDevices[j]!, u);
    tally.write(p, u);
    if (q) tally.write(q, u);
  }

  /** RAID-W-3: read old data and parity, fold the difference into P (and Q), write both. */
  private writeReadModify(run: Run, data: Uint8Array, tally: IoTally): void {
    const { row, lo } = run;
    const k = this.layout.dataCount;
    const im = this.images(run, 1);
    const temp = im.ptr[im.ptr.length - 1]!;
    for (let p = k; p < k + this.layout.parityCount; p++) this.loadRole(run, p, im.ptr[p]!, tally);
    for (const u of run.units) {
      const dev = this.devices[this.layout.dataDevice(row, u.unit)]!;
      const at = u.a - lo;
      const len = u.b - u.a;
      const old = im.ptr[u.unit]! + at;
      dev.mediaToArena(row * this.stripeUnitBytes + u.a, len, old);
      tally.read(dev, len);
      this.arena.bytes().set(data.subarray(u.hostOffset, u.hostOffset + len), temp + at);
      this.arena.xorInto(old, temp + at, len);
      this.foldDelta(im.ptr[k]! + at, im.ptr[k + 1]! + at, old, len, u.unit);
      dev.mediaWrite(row * this.stripeUnitBytes + u.a, data, u.hostOffset, len);
      tally.write(dev, len);
    }
    for (let p = k; p < k + this.layout.parityCount; p++) this.storeImage(run, p, im, tally);
  }

  /**
   * RAID-W-3: P ^= Δ and Q ^= g^unit·Δ for a data delta Δ = old ^ new. Protected so the
   * properties can show that a stale parity is caught (properties/raid/raid-broken-variants).
   */
  protected foldDelta(p: number, q: number, delta: number, length: number, unit: number): void {
    this.arena.xorInto(p, delta, length);
    if (this.layout.parityCount === 2) this.arena.mulXorInto(q, delta, length, gfPow2(unit));
  }

  /** RAID-W-4: degraded: rebuild the run's old image, lay the new data on it, write survivors. */
  private writeReconstruct(run: Run, data: Uint8Array, tally: IoTally): void {
    const im = this.loadImages(run, tally);
    this.recover(run, im);
    this.overlay(run, im, data);
    computeParity(im, this.layout.parityCount);
    const k = this.layout.dataCount;
    for (const u of run.units) {
      const dev = this.devices[this.layout.dataDevice(run.row, u.unit)]!;
      if (!this.health.writable(this.layout.dataDevice(run.row, u.unit))) continue;
      const len = (run.rows - 1) * this.stripeUnitBytes + (u.b - u.a);
      dev.mediaFromArena(run.row * this.stripeUnitBytes + u.a, im.ptr[u.unit]! + (u.a - run.lo), len);
      tally.write(dev, len);
    }
    for (let p = k; p < k + this.layout.parityCount; p++) {
      if (this.health.writable(this.roleDevice(run.row, p))) this.storeImage(run, p, im, tally);
    }
  }

  /** RAID-D-5: the group has lost data; surviving units are still written in place. */
  private writeUnitsOnly(run: Run, data: Uint8Array, tally: IoTally): void {
    const im = this.images(run, 0);
    this.overlay(run, im, data);
    for (const u of run.units) {
      const dev = this.devices[this.layout.dataDevice(run.row, u.unit)]!;
      const len = (run.rows - 1) * this.stripeUnitBytes + (u.b - u.a);
      dev.mediaFromArena(run.row * this.stripeUnitBytes + u.a, im.ptr[u.unit]! + (u.a - run.lo), len);
      tally.write(dev, len);
    }
  }

  // ---- images ----

  protected rowBytes(): number {
    return this.layout.dataCount * this.stripeUnitBytes;
  }

  protected imageLength(run: Run): number {
    return (run.rows - 1) * this.stripeUnitBytes + (run.hi - run.lo);
  }

  /** Device of role `role` in `row`: data units first, then P, then Q. */
  protected roleDevice(row: number, role: number): number {
    const k = this.layout.dataCount;
    if (role < k) return this.layout.dataDevice(row, role);
    return role === k ? this.layout.parityDevice(row) : this.layout.qDevice(row);
  }

  private images(run: Run, extra: number): RunImages {
    const roles = this.layout.dataCount + this.layout.parityCount;
    const length = this.imageLength(run);
    const ptr = this.arena.scratchBuffers(roles + extra, Math.max(1, length));
    return { arena: this.arena, ptr, dataCount: this.layout.dataCount, length };
  }

  /** Reads every readable role's device range of the run into its image. */
  private loadImages(run: Run, tally: IoTally): RunImages {
    const im = this.images(run, 0);
    for (let role = 0; role < im.ptr.length; role++) {
      if (this.health.readable(this.roleDevice(run.row, role), run.row)) this.loadRole(run, role, im.ptr[role]!, tally);
    }
    return im;
  }

  protected loadRole(run: Run, role: number, dst: number, tally: IoTally): void {
    const dev = this.devices[this.roleDevice(run.row, role)]!;
    const length = this.imageLength(run);
    dev.mediaToArena(run.row * this.stripeUnitBytes + run.lo, length, dst);
    tally.read(dev, length);
  }

  private storeImage(run: Run, role: number, im: RunImages, tally: IoTally): void {
    const dev = this.devices[this.roleDevice(run.row, role)]!;
    dev.mediaFromArena(run.row * this.stripeUnitBytes + run.lo, im.ptr[role]!, im.length);
    tally.write(dev, im.length);
  }

  private recover(run: Run, im: RunImages): void {
    const k = this.layout.dataCount;
    const missingData: number[] = [];
    for (let j = 0; j < k; j++) if (!this.health.readable(this.roleDevice(run.row, j), run.row)) missingData.push(j);
    const present = (role: number) => role < im.ptr.length && this.health.readable(this.roleDevice(run.row, role), run.row);
    recoverData(im, missingData, present(k), present(k + 1));
  }

  /** Lays the request's bytes for the run's units onto their images. */
  private overlay(run: Run, im: RunImages, data: Uint8Array): void {
    const bytes = this.arena.bytes();
    for (const u of run.units) {
      stridedCopy(bytes, im.ptr[u.unit]! + (u.a - run.lo), this.stripeUnitBytes, data, u.hostOffset, this.rowBytes(), u.b - u.a, run.rows);
    }
  }

  // ---- rebuild ----

  /** RAID-R-1: reconstruct device `d` on rows [from, to) from the survivors. */
  protected rebuildRange(d: number, from: number, to: number, tally: IoTally): void {
    const u = this.stripeUnitBytes;
    const step = this.layout.fixedRoles ? to - from : 1;
    for (let row = from; row < to; row += step) {
      const rows = Math.min(step, to - row);
      const run: Run = { row, rows, lo: 0, hi: u, full: true, units: [] };
      if (!this.devices.some((dev, i) => this.health.writable(i) && dev.hasDataIn(row * u, rows * u))) continue;
      const im = this.loadImages(run, tally);
      this.recover(run, im);
      const role = this.roleOf(row, d);
      if (role >= this.layout.dataCount) computeParity(im, this.layout.parityCount);
      this.storeImage(run, role, im, tally);
    }
  }

  protected roleOf(row: number, device: number): number {
    for (let role = 0; role < this.layout.dataCount + this.layout.parityCount; role++) {
      if (this.roleDevice(row, role) === device) return role;
    }
    throw new Error(`device ${device} has no role in row ${row}`);
  }
}
