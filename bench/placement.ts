/**
 * placement.spreadReduction: the fourth embodiment's planner (spec/placement.md PL-P-1) on a
 * skewed workload, as 1 − spread after / spread before, both measured in this run. The
 * spread is the RAID groups' max/mean utilization over a statistics window (PL-S-3).
 *
 * System: RAID1 (2 devices), RAID5 (4+1) and RAID6 (4+2) groups, 1 MiB LDEVs. Volumes start
 * skewed: both OLTP volumes and the log on RAID6, the batch volume on RAID5, nothing on RAID1.
 * Workload (src/placement/workload.ts, one seed): Zipf-popular 8 KiB random reads and writes
 * over 256 KiB areas of the OLTP volumes, a 64 KiB sequential log writer and a 256 KiB
 * sequential batch reader. Rounds: the same workload through hostRead/hostWrite (the model's
 * host path, so PL-S-1 counts it) → `rebalance` → settle the relocations, until a round plans
 * no move (at most ROUNDS_MAX). "Before" is the first round's window, "after" the last's.
 * Response times are PL-S-3's M/M/1 estimate, the groups' weighted by their host pieces.
 */
import type { Figure } from './figure.ts';
import { MiB, round } from './timing.ts';
import { Model } from '../src/model/model.ts';
import { type Plan, rebalance } from '../src/placement/planner.ts';
import { systemResponseMs } from '../src/placement/utilization.ts';
import { generateWorkload, type HostIo, runWorkload } from '../src/placement/workload.ts';

const LDEV_BYTES = 1 * MiB;
const IOS_PER_ROUND = 12_000;
const ROUNDS_MAX = 8;
const SEED = 4;

const VOLUMES = [
  { id: 'DB1', bytes: 8 * MiB, raidGroup: 'R6' },
  { id: 'DB2', bytes: 8 * MiB, raidGroup: 'R6' },
  { id: 'LOG', bytes: 4 * MiB, raidGroup: 'R6' },
  { id: 'BATCH', bytes: 8 * MiB, raidGroup: 'R5' },
] as const;

function skewedModel(): Model {
  const model = new Model();
  model.defineSystem({
    id: 'S',
    ldevBytes: LDEV_BYTES,
    raidGroups: [
      { id: 'R1', level: 'raid1', devices: 2, deviceBytes: 16 * MiB },
      { id: 'R5', level: 'raid5', devices: 5, deviceBytes: 8 * MiB, stripeUnitBytes: 16384 },
      { id: 'R6', level: 'raid6', devices: 6, deviceBytes: 8 * MiB, stripeUnitBytes: 16384 },
    ],
  });
  for (const v of VOLUMES) model.system('S').defineVolume({ id: v.id, emulation: 'OPEN-V', bytes: v.bytes, raidGroup: v.raidGroup });
  return model;
}

function workload(): HostIo[] {
  return generateWorkload({
    seed: SEED,
    ios: IOS_PER_ROUND,
    random: { system: 'S', volumes: [{ volume: 'DB1', bytes: 8 * MiB }, { volume: 'DB2', bytes: 8 * MiB }], areaBytes: 256 * 1024, zipf: 1.1, readShare: 0.75, ioBytes: 8192 },
    streams: [
      { system: 'S', volume: 'LOG', op: 'write', first: 0, bytes: 4 * MiB, ioBytes: 65536, share: 0.3 },
      { system: 'S', volume: 'BATCH', op: 'read', first: 0, bytes: 8 * MiB, ioBytes: 262144, share: 0.2 },
    ],
  });
}

interface Measured {
  readonly rounds: Plan[];
  readonly moves: number;
  readonly seconds: number;
}

/** Rounds of workload → rebalance → settle until a round plans no move. */
function run(): Measured {
  const model = skewedModel();
  const system = model.system('S');
  const ios = workload();
  const rounds: Plan[] = [];
  let moves = 0;
  const t0 = performance.now();
  for (let r = 0; r < ROUNDS_MAX; r++) {
    runWorkload(model, ios);
    const { plan } = rebalance(model, system);
    rounds.push(plan);
    moves += plan.moves.length;
    if (plan.moves.length === 0) break;
    model.settle();
  }
  return { rounds, moves, seconds: (performance.now() - t0) / 1000 };
}

function groups(plan: Plan): Record<string, number> {
  return Object.fromEntries(plan.groups.map((g) => [g.raidGroup, round(g.utilization)]));
}

export function placementFigures(): Figure[] {
  const { rounds, moves, seconds } = run();
  const first = rounds[0]!;
  const last = rounds[rounds.length - 1]!;
  return [
    {
      id: 'placement.spreadReduction',
      ratio: round(1 - last.spreadBefore / first.spreadBefore),
      baseline: 'the same workload\'s RAID-group spread (max/mean utilization) before the planner, same run',
      target: 0.3,
      better: 'higher',
      detail: {
        what: 'skewed OLTP + log + batch workload on RAID1/RAID5/RAID6 groups; rounds of workload → rebalance → settle until no move; spread and M/M/1 response from PL-S-3',
        spreadBefore: round(first.spreadBefore),
        spreadAfter: round(last.spreadBefore),
        responseMsBefore: round(systemResponseMs(first.groups)),
        responseMsAfter: round(systemResponseMs(last.groups)),
        moves,
        rounds: rounds.length,
        iosPerRound: IOS_PER_ROUND,
        seconds: round(seconds),
        utilizationBefore: groups(first),
        utilizationAfter: groups(last),
        planned: rounds.flatMap((p, i) => p.moves.map((m) => `round ${i + 1}: LDEV ${m.ldev} (${m.volume} tracks ${m.tracks.join('-')}) ${m.from} → ${m.to}`)),
      },
    },
  ];
}
