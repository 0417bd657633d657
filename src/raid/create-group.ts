import { fail } from '../errors.ts';
import { Arena } from '../kernels/arena.ts';
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

/** Most devices in one group: RAID6's Q needs distinct coefficients g^j, and 64 is plenty. */
export const GROUP_DEVICES_MAX = 64;
/** Largest device: keeps every byte address a safe integer with room to spare. */
export const DEVICE_BYTES_MAX = 2 ** 48;

/** RAID-G-2: validates a group's geometry, then builds it on its own arena. */
export function createRaidGroup(spec: RaidGroupSpec): RaidGroup {
  const level = spec.level;
  if (!isRaidLevel(level)) fail('INVALID_ARGUMENT', `unknown RAID level "${level}" (raid1, raid3, raid5 or raid6)`);
  const devices = requirePositive(`raid group ${spec.id} devices`, spec.devices);
  if (devices < MIN_DEVICES[level]) {
    fail('INVALID_ARGUMENT', `${level} needs at least ${MIN_DEVICES[level]} devices, raid group ${spec.id} has ${devices}`);
  }
  if (devices > GROUP_DEVICES_MAX) fail('INVALID_ARGUMENT', `raid group ${spec.id} has ${devices} devices; at most ${GROUP_DEVICES_MAX}`);
  const deviceBytes = requirePositive(`raid group ${spec.id} deviceBytes`, spec.deviceBytes);
  if (deviceBytes > DEVICE_BYTES_MAX) fail('INVALID_ARGUMENT', `deviceBytes ${deviceBytes} exceeds ${DEVICE_BYTES_MAX}`);
  // RAID-G-3: the default never exceeds a device; a unit given explicitly must fit.
  const unit = requirePositive(`raid group ${spec.id} stripeUnitBytes`, spec.stripeUnitBytes ?? Math.min(DEFAULT_STRIPE_UNIT[level], deviceBytes));
  if (unit > deviceBytes) fail('INVALID_ARGUMENT', `stripeUnitBytes ${unit} is larger than deviceBytes ${deviceBytes}`);
  if (level === 'raid1') return new MirrorGroup(spec.id, devices, deviceBytes, unit, new Arena());
  return new ParityGroup(spec.id, level, devices, deviceBytes, unit, new Arena());
}
