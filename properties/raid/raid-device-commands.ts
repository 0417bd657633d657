/**
 * The RAID harness's device requests (properties/raid/raid-model.ts): fail a device, replace a
 * failed one, and step the rebuild (RAID-F-1..5, RAID-R-1), with their refusals.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BaseCommand } from './raid-command-base.ts';
import { assertIoPerRequest, assertNoIo, type Io, ioDelta } from './raid-io.ts';
import { REBUILD_UNIT_BYTES } from './raid-layout.ts';
import type { RaidReal } from './raid-real.ts';
import type { RaidModel } from './raid-reference.ts';
import { noteRebuildStop } from './raid-witness.ts';
import { bump, expectCode } from '../harness/support.ts';

/** `tolerated`: only runs while the failure stays within tolerance; `up`: only on a device not failed. */
export type FailGate = 'tolerated' | 'up' | 'any';

export class FailDeviceCommand extends BaseCommand {
  constructor(
    readonly device: number,
    readonly gate: FailGate,
  ) {
    super();
  }

  override check(m: Readonly<RaidModel>): boolean {
    const h = m.health[this.device];
    if (this.gate === 'any' || h === undefined) return true;
    if (h === 'failed') return false;
    if (this.gate === 'up') return true;
    const down = m.health.filter((x) => x !== 'healthy').length;
    return down + (h === 'healthy' ? 1 : 0) <= m.layout.tolerance;
  }

  toString(): string {
    return `failDevice(${this.device})`;
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    if (this.device >= m.health.length) {
      expectCode('NOT_FOUND', () => r.group.failDevice(this.device), what);
      bump(m.reached, 'notFoundRefusals');
      return;
    }
    if (m.health[this.device] === 'failed') {
      expectCode('INVALID_STATE', () => r.group.failDevice(this.device), what);
      bump(m.reached, 'invalidStateRefusals');
      return;
    }
    r.group.failDevice(this.device);
    m.fail(this.device);
    bump(m.reached, 'deviceFailures');
    assertNoIo(ioDelta(before, r.group), what);
  }
}

export class ReplaceDeviceCommand extends BaseCommand {
  /** The device of the latest run (onlyIfFailed: resolved among the failed devices then). */
  private resolved: number | null;

  /** `onlyIfFailed`: `pick` chooses among the devices failed when it runs (modulo their count); else `pick` is the device. */
  constructor(
    readonly pick: number,
    readonly onlyIfFailed: boolean,
  ) {
    super();
    this.resolved = onlyIfFailed ? null : pick;
  }

  get device(): number {
    return this.resolved ?? -1;
  }

  override check(m: Readonly<RaidModel>): boolean {
    return !this.onlyIfFailed || m.health.includes('failed');
  }

  override run(m: RaidModel, r: RaidReal): void {
    if (this.onlyIfFailed) {
      const failed = [...m.failedSet()];
      this.resolved = failed[this.pick % failed.length]!;
    }
    super.run(m, r);
  }

  toString(): string {
    return this.resolved === null ? `replaceDevice(failed#${this.pick})` : `replaceDevice(${this.resolved})`;
  }

  [fc.cloneMethod](): ReplaceDeviceCommand {
    return new ReplaceDeviceCommand(this.pick, this.onlyIfFailed);
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    if (this.device >= m.health.length) {
      expectCode('NOT_FOUND', () => r.group.replaceDevice(this.device), what);
      bump(m.reached, 'notFoundRefusals');
      return;
    }
    if (m.health[this.device] !== 'failed') {
      expectCode('INVALID_STATE', () => r.group.replaceDevice(this.device), what);
      bump(m.reached, 'invalidStateRefusals');
      return;
    }
    if (m.lost && m.layout.level === 'raid1') {
      expectCode('DATA_LOSS', () => r.group.replaceDevice(this.device), what);
      bump(m.reached, 'replaceRefusedLost');
      return;
    }
    if (m.lost) {
      r.group.replaceDevice(this.device); // RAID-F-6: the striped group is re-created
      m.recreate();
      assertNoIo(ioDelta(before, r.group), `${what} (re-creation: maintenance, not counted)`);
      return;
    }
    r.group.replaceDevice(this.device);
    m.health[this.device] = 'rebuilding';
    bump(m.reached, 'replacements');
    assertNoIo(ioDelta(before, r.group), what);
    const p = r.group.rebuildProgress().find((x) => x.device === this.device);
    assert.ok(p && p.done === 0 && p.total >= 1, `${what}: rebuildProgress of the new device: ${JSON.stringify(p)}`);
    // RAID-R-1: a rebuild unit covers at least REBUILD_UNIT_BYTES of the device.
    const deviceBytesUsed = m.layout.level === 'raid1' ? m.layout.capacity : m.layout.rows * m.layout.unit;
    assert.ok(p.total <= Math.ceil(deviceBytesUsed / REBUILD_UNIT_BYTES), `${what}: ${p.total} rebuild units for ${deviceBytesUsed} device bytes`);
  }
}

export class RebuildStepCommand extends BaseCommand {
  constructor(readonly units: number) {
    super();
  }

  toString(): string {
    return `rebuildStep(${this.units})`;
  }

  protected apply(m: RaidModel, r: RaidReal, before: readonly Io[]): void {
    const what = this.toString();
    const g = r.group;
    const rebuilding = m.health.flatMap((h, d) => (h === 'rebuilding' ? [d] : []));
    const progressBefore = new Map(g.rebuildProgress().map((p) => [p.device, p.done]));
    const done = g.rebuildStep(this.units);
    bump(m.reached, 'rebuildSteps');
    // RAID-R-1: the lowest rebuilding device is the one rebuilt.
    noteRebuildStop(m.reached, m.layout, g.health, rebuilding[0] ?? -1);
    assert.ok(Number.isInteger(done) && done >= 0 && done <= this.units, `${what}: returned ${done}`);
    const io = ioDelta(before, g);
    if (m.checkIo) assertIoPerRequest(io, what, m.failedSet());
    if (rebuilding.length === 0) {
      assert.equal(done, 0, `${what}: nothing to rebuild, but it did ${done} units`);
      assertNoIo(io, what);
      return;
    }
    for (const d of rebuilding) {
      const h = g.health.health[d];
      if (h === 'healthy') {
        m.health[d] = 'healthy';
        bump(m.reached, 'rebuildCompletions');
      } else assert.equal(h, 'rebuilding', `${what}: device ${d} was rebuilding`);
    }
    if (done < this.units) assert.ok(!m.health.includes('rebuilding'), `${what}: did ${done} of ${this.units} units but a device is still rebuilding`);
    const after = g.rebuildProgress();
    assert.deepEqual(after.map((p) => p.device), m.health.flatMap((h, d) => (h === 'rebuilding' ? [d] : [])), `${what}: rebuildProgress devices`);
    if (after.some((p) => p.done > 0 && p.done < p.total)) bump(m.reached, 'partialRebuildSteps');
    for (const p of after) {
      assert.ok(p.done <= p.total && p.done >= (progressBefore.get(p.device) ?? 0), `${what}: progress of device ${p.device} went to ${p.done}/${p.total}`);
    }
  }
}
