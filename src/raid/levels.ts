/** RAID levels of the model (spec/raid.md, "State"). */
export const RAID_LEVELS = ['raid1', 'raid3', 'raid5', 'raid6'] as const;
export type RaidLevel = (typeof RAID_LEVELS)[number];

/** Fewest devices each level is defined on (RAID-G-2). */
export const MIN_DEVICES: Record<RaidLevel, number> = { raid1: 2, raid3: 3, raid5: 3, raid6: 4 };

/** Default stripe unit in bytes when a trace gives none (RAID-G-3). */
export const DEFAULT_STRIPE_UNIT: Record<RaidLevel, number> = {
  raid1: 65536,
  raid3: 1,
  raid5: 65536,
  raid6: 65536,
};

export function isRaidLevel(value: string): value is RaidLevel {
  return (RAID_LEVELS as readonly string[]).includes(value);
}
