import { fail } from '../errors.ts';
import { Arena } from '../kernels/arena.ts';
import { withinLimit } from '../limits.ts';
import { requirePositive } from '../validate.ts';
import { DEFAULT_STRIPE_UNIT, isRaidLevel, MIN_DEVICES } from './levels.ts';
import { MirrorGroup } from './mirror-group.ts';
import { ParityGroup } from './parity-group.ts';
import type { RaidGroup } from './raid-group.ts';

export interface RaidGroupSpec {
  readonly id: string;
  readonly level: string;
  readonly devices: number;
  readonly deviceBytes: number;
  readonly stripeUnitBytes?: number | undefined;
}


/** RAID-G-2: validates a group's geometry, then builds it on its own arena. */
export function createRaidGroup(spec: RaidGroupSpec): RaidGroup {
  const level = spec.level;
  if (!isRaidLevel(level)) fail('INVALID_ARGUMENT', `unknown RAID level "${level}" (raid1, raid3, raid5 or raid6)`);
  const devices = requirePositive(`raid group ${spec.id} devices`, spec.devices);
  if (devices < MIN_DEVICES[level]) {
    fail('INVALID_ARGUMENT', `${level} needs at least ${MIN_DEVICES[level]} devices, raid group ${spec.id} has ${devices}`);
  }
  withinLimit('devicesPerGroupMax', `raid group ${spec.id} devices`, devices);
  const deviceBytes = withinLimit('deviceBytesMax', `raid group ${spec.id} deviceBytes`, requirePositive(`raid group ${spec.id} deviceBytes`, spec.deviceBytes));
  // RAID-G-3: the default never exceeds a device; a unit given explicitly must fit.
  const unit = requirePositive(`raid group ${spec.id} stripeUnitBytes`, spec.stripeUnitBytes ?? Math.min(DEFAULT_STRIPE_UNIT[level], deviceBytes));
  if (unit > deviceBytes) fail('INVALID_ARGUMENT', `stripeUnitBytes ${unit} is larger than deviceBytes ${deviceBytes}`);
  if (level === 'raid1') return new MirrorGroup(spec.id, devices, deviceBytes, unit, new Arena());
  return new ParityGroup(spec.id, level, devices, deviceBytes, unit, new Arena());
}
