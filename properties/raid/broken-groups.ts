/**
 * Deliberately wrong RAID groups, to show the properties fail when the data plane is wrong
 * (properties/raid/raid-broken-variants.test.ts). Each is a GroupFactory for the harness.
 */
import { Arena } from '../../src/kernels/arena.ts';
import { stripeLayout, type StripeLayout } from '../../src/raid/layout.ts';
import { ParityGroup } from '../../src/raid/parity-group.ts';
import type { Geometry, GroupFactory } from './raid-model.ts';

type Striped = 'raid3' | 'raid5' | 'raid6';

function striped(g: Geometry): Striped {
  if (g.level === 'raid1') throw new Error('broken variants are parity groups');
  return g.level;
}

/** Read-modify-write forgets to fold the data delta into P and Q: parity goes stale. */
export class StaleParityGroup extends ParityGroup {
  protected override foldDelta(_p: number, _q: number, _delta: number, _length: number, _unit: number): void {}
}

export const staleParity: GroupFactory = (g) =>
  new StaleParityGroup(`stale-${g.level}`, striped(g), g.devices, g.deviceBytes, g.stripeUnitBytes, new Arena());

function withLayout(g: Geometry, change: (base: StripeLayout) => StripeLayout): ParityGroup {
  const base = stripeLayout(striped(g), g.devices, g.stripeUnitBytes, g.deviceBytes);
  return new ParityGroup(`broken-${g.level}`, striped(g), g.devices, g.deviceBytes, g.stripeUnitBytes, new Arena(), change(base));
}

/** RAID5/RAID6 data rotated onto the parity device: data unit 0 of each row collides with P. */
export const parityCollidesWithData: GroupFactory = (g) =>
  withLayout(g, (base) => ({
    ...base,
    dataDevice: (row, unit) => (base.parityDevice(row) + unit) % base.deviceCount,
  }));

/** RAID6 Q written on the P device (one device unused per row). */
export const qOnPDevice: GroupFactory = (g) =>
  withLayout(g, (base) => ({ ...base, qDevice: (row) => base.parityDevice(row) }));

/** RAID5 parity rotated the other way (right-symmetric): a consistent layout, just not md's. */
export const parityRotatedBackwards: GroupFactory = (g) =>
  withLayout(g, (base) => {
    const n = base.deviceCount;
    const m = base.parityCount;
    const p = (row: number) => row % n;
    return {
      ...base,
      parityDevice: p,
      qDevice: m === 2 ? (row) => (p(row) + 1) % n : () => -1,
      dataDevice: (row, unit) => (p(row) + m + unit) % n,
    };
  });

/** RAID-F-6 undone: a re-creation forgets what the failed devices held, so their bytes read as zeros. */
export class ForgetfulRecreationGroup extends ParityGroup {
  protected override recreate(): void {
    super.recreate();
    for (let d = 0; d < this.devices.length; d++) this.lost.remove(d, 0, this.deviceBytes);
  }
}

export const forgetfulRecreation: GroupFactory = (g) =>
  new ForgetfulRecreationGroup(`forgetful-${g.level}`, striped(g), g.devices, g.deviceBytes, g.stripeUnitBytes, new Arena());
