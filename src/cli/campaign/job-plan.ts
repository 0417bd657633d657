/**
 * The campaign's seed space (README "Campaign"): each property's runs are cut into chunks,
 * each chunk a fast-check run of its own with a seed derived from (campaign seed, property,
 * chunk). Jobs are numbered round-robin over the properties (chunk c of property p is job
 * c·P + p); shard i/N takes chunk c of property p when (c + p) mod N = i−1, so every shard
 * gets a share of every property's chunks, the shards of one seed are disjoint, and together
 * they are exactly the unsharded campaign.
 */

/** One fast-check run of `runs` runs of one property. */
export interface Job {
  readonly index: number;
  readonly property: string;
  readonly chunk: number;
  readonly seed: number;
  readonly runs: number;
}

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export const WHOLE: Shard = { index: 1, count: 1 };

/** Parses `i/N` (1 ≤ i ≤ N); null when it is not one. */
export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return index >= 1 && index <= count ? { index, count } : null;
}

/** A chunk's fast-check seed: FNV-1a over the three, as a signed 32-bit integer. */
export function chunkSeed(seed: number, property: string, chunk: number): number {
  let h = 0x811c9dc5;
  for (const ch of `${seed}/${property}/${chunk}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export interface PlanOptions {
  readonly seed: number;
  /** Runs per property; null: unbounded (a time budget ends the campaign). */
  readonly runs: number | null;
  readonly chunkRuns: number;
  readonly shard: Shard;
}

/** The shard's jobs in order: round r holds chunk r of every property. */
export function* planJobs(properties: readonly string[], o: PlanOptions): Generator<Job> {
  const chunks = o.runs === null ? Number.POSITIVE_INFINITY : Math.ceil(o.runs / o.chunkRuns);
  for (let chunk = 0; chunk < chunks; chunk++) {
    const runs = o.runs === null ? o.chunkRuns : Math.min(o.chunkRuns, o.runs - chunk * o.chunkRuns);
    for (let p = 0; p < properties.length; p++) {
      const index = chunk * properties.length + p;
      if ((chunk + p) % o.shard.count !== o.shard.index - 1) continue;
      const property = properties[p]!;
      yield { index, property, chunk, seed: chunkSeed(o.seed, property, chunk), runs };
    }
  }
}
