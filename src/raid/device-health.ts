import { fail } from '../errors.ts';

export type DeviceHealth = 'healthy' | 'failed' | 'rebuilding';

/**
 * Health of a group's devices (spec/raid.md, RAID-F-1..RAID-F-5).
 * A rebuilding device is valid below its rebuild position (rows, or bytes for RAID1).
 * When more devices are failed or rebuilding than the level survives, running rebuilds
 * abort (RAID-F-3): the group has lost data and only reads of surviving data are served.
 */
export class DeviceHealthTable {
  readonly health: DeviceHealth[];
  readonly position: number[];
  readonly tolerance: number;

  constructor(count: number, tolerance: number) {
    this.health = Array.from({ length: count }, () => 'healthy' as DeviceHealth);
    this.position = Array.from({ length: count }, () => 0);
    this.tolerance = tolerance;
  }

  count(state: DeviceHealth): number {
    return this.health.filter((h) => h === state).length;
  }

  /** RAID-F-4: more devices failed than the level survives; no rebuild can start. */
  get lost(): boolean {
    return this.count('failed') > this.tolerance;
  }

  /** Every device healthy: no request of the group needs reconstruction. */
  allHealthy(): boolean {
    for (const h of this.health) if (h !== 'healthy') return false;
    return true;
  }

  readable(device: number, position: number): boolean {
    const h = this.health[device];
    return h === 'healthy' || (h === 'rebuilding' && position < this.position[device]!);
  }

  writable(device: number): boolean {
    return this.health[device] !== 'failed';
  }

  requireIndex(device: number): void {
    if (!Number.isSafeInteger(device) || device < 0) {
      fail('INVALID_ARGUMENT', `device must be a whole number ≥ 0, got ${device}`);
    }
    if (device >= this.health.length) {
      fail('NOT_FOUND', `no device ${device} (the group has ${this.health.length})`);
    }
  }

  /** RAID-F-1, RAID-F-3. Returns the devices whose rebuild was aborted. */
  fail(device: number): number[] {
    this.requireIndex(device);
    if (this.health[device] === 'failed') fail('INVALID_STATE', `device ${device} has already failed`);
    this.health[device] = 'failed';
    if (this.count('failed') + this.count('rebuilding') <= this.tolerance) return [];
    const aborted: number[] = [];
    this.health.forEach((h, i) => {
      if (h === 'rebuilding') {
        this.health[i] = 'failed';
        aborted.push(i);
      }
    });
    return aborted;
  }

  /**
   * RAID-F-2, RAID-F-4, RAID-F-6: checks a replacement may start and says what it does: a
   * rebuild, or (a group that lost data, on a level that allows it) a re-creation.
   */
  checkReplace(device: number, recreatable: boolean): 'rebuild' | 'recreate' {
    this.requireIndex(device);
    if (this.health[device] !== 'failed') {
      fail('INVALID_STATE', `device ${device} is ${this.health[device]}, only a failed device can be replaced`);
    }
    if (!this.lost) return 'rebuild';
    if (recreatable) return 'recreate';
    fail('DATA_LOSS', `the group has lost data: ${this.count('failed')} devices failed, the level survives ${this.tolerance}`);
  }

  startRebuild(device: number): void {
    this.health[device] = 'rebuilding';
    this.position[device] = 0;
  }

  /** The device rebuilding first in device order, or -1. */
  nextRebuilding(): number {
    return this.health.indexOf('rebuilding');
  }

  finishRebuild(device: number): void {
    this.health[device] = 'healthy';
    this.position[device] = 0;
  }
}
