/**
 * write.localPair.dividing: host writes through a pair in `dividing` state (routing, bitmaps,
 * copy-before-write on the first write to each uncopied track, RAID5 underneath) as a ratio
 * to the same writes on a volume in no pair, both measured here.
 *
 * Workload: 4 KiB writes at random places of a hot set of 128 tracks (64 KiB each) of a
 * 64 MiB volume, 8192 writes per repetition: an OLTP-like hot spot. Each repetition starts
 * from a freshly generated pair divided at the start, so the first write to each hot track
 * pays its copy-before-write (reported in the detail).
 */
import type { Figure } from './figure.ts';
import { Prng } from './prng.ts';
import { collectGarbage, MiB, round, timeOnce } from './timing.ts';
import { Model } from '../src/model/model.ts';

const TRACK = 65536;
const VOLUME_BYTES = 64 * MiB;
const HOT_TRACKS = 128;
const WRITES = 8192;
const WRITE_BYTES = 4096;
const REPS = 5;

function newModel(): Model {
  const model = new Model();
  model.defineSystem({
    id: 'S',
    ldevBytes: 16 * MiB,
    raidGroups: [{ id: 'RG', level: 'raid5', devices: 5, deviceBytes: 80 * MiB, stripeUnitBytes: 16384 }],
  });
  const s = model.system('S');
  for (const id of ['PLAIN', 'ORIG', 'COPY']) s.defineVolume({ id, emulation: 'OPEN-V', bytes: VOLUME_BYTES, trackBytes: TRACK, raidGroup: 'RG' });
  return model;
}

export function localPairFigures(): Figure[] {
  const model = newModel();
  const s = model.system('S');
  const plain = s.volume('PLAIN');
  const orig = s.volume('ORIG');
  const data = new Uint8Array(WRITE_BYTES).fill(7);
  const rng = new Prng(11);
  const offsets = Array.from({ length: WRITES }, () => rng.below(HOT_TRACKS) * TRACK + rng.below(TRACK / WRITE_BYTES) * WRITE_BYTES);
  const fill = new Uint8Array(TRACK).fill(3);
  for (let t = 0; t < HOT_TRACKS; t++) {
    plain.write(t * TRACK, fill);
    orig.write(t * TRACK, fill);
  }
  const lc = model.localCopy;
  const plainPass = () => {
    for (const o of offsets) lc.write(plain, o, data);
  };
  let copiesBeforeWrite = 0;
  let id = 0;
  const pairPass = () => {
    const pair = lc.pair(`P${id}`);
    const before = pair.bits.gen.count();
    pair.divide();
    for (const o of offsets) lc.write(orig, o, data);
    copiesBeforeWrite = before - pair.bits.gen.count();
  };
  const prepare = () => {
    if (lc.pairs.has(`P${id}`)) lc.delete(`P${id}`);
    id++;
    const pair = lc.create(`P${id}`, 'S:ORIG', 'S:COPY');
    while (pair.running) pair.step(1 << 20);
    for (let t = 0; t < HOT_TRACKS; t++) pair.bits.gen.set(t); // the hot set changed since generation
  };
  const base: number[] = [];
  const target: number[] = [];
  for (let r = 0; r < REPS + 1; r++) {
    prepare();
    collectGarbage();
    const b = timeOnce(plainPass);
    collectGarbage();
    const t = timeOnce(pairPass);
    if (r > 0) {
      base.push(b);
      target.push(t);
    }
  }
  const best = (xs: number[]) => Math.min(...xs);
  const ratio = best(base) / best(target);
  return [{
    id: 'write.localPair.dividing',
    ratio: round(ratio),
    baseline: 'the same writes to a volume in no pair',
    target: 0.8, // issue #13
    better: 'higher',
    detail: {
      writes: WRITES, writeBytes: WRITE_BYTES, hotTracks: HOT_TRACKS, trackBytes: TRACK,
      copiesBeforeWrite,
      plainWritesPerSecond: Math.round(WRITES / best(base)),
      pairWritesPerSecond: Math.round(WRITES / best(target)),
    },
  }];
}
