import { chunkSeed, type Job } from './job-plan.ts';
import { planHash, shareJobs } from './plan.ts';
import { CAMPAIGN_FORMAT, type CampaignSummary } from './summary.ts';

/**
 * What `merge` checks before it says anything (spec/campaign.md, "Merge"): every file is a
 * campaign.json of this format, all of one plan, and their shares are disjoint and together
 * the whole plan (an open-ended plan: shards 1..N of one N, each once). Each problem is one
 * line naming the files, shards or jobs; none means the shards can be merged.
 */

export interface ShardFile {
  readonly file: string;
  readonly summary: CampaignSummary;
}

/** Jobs named in a refusal; the rest are counted. */
const NAMED_JOBS_MAX = 12;

function jobNames(indexes: readonly number[], plan: ReadonlyMap<number, Job>): string {
  const named = indexes.slice(0, NAMED_JOBS_MAX).map((i) => {
    const j = plan.get(i);
    return j ? `${i} (${j.property}, chunk ${j.chunk})` : String(i);
  });
  return `${named.join(', ')}${indexes.length > NAMED_JOBS_MAX ? `, … and ${indexes.length - NAMED_JOBS_MAX} more` : ''}`;
}

const shardName = (s: ShardFile): string => `${s.file} (shard ${s.summary.shard.index}/${s.summary.shard.count})`;

/** Files that are not campaign.json of this format, or whose plan hash does not match their plan. */
export function formatProblems(parts: readonly ShardFile[]): string[] {
  return parts.flatMap(({ file, summary: s }) => {
    if (s?.format !== CAMPAIGN_FORMAT || typeof s.plan?.hash !== 'string') return [`${file}: not a campaign.json of format ${CAMPAIGN_FORMAT} (written by an older campaign?)`];
    return planHash(s.plan) === s.plan.hash ? [] : [`${file}: its plan hash does not match its plan (the file was edited?)`];
  });
}

export function planProblems(parts: readonly ShardFile[]): string[] {
  const hashes = new Set(parts.map((p) => p.summary.plan.hash));
  if (hashes.size <= 1) return [];
  const describe = ({ file, summary: { plan: p } }: ShardFile): string =>
    `${file}: plan ${p.hash.slice(0, 12)} (seed ${p.seed}, ${p.runsPerProperty ?? 'open-ended'} runs per property, ${p.chunkRuns} per job, ${p.properties.length} properties${p.planted ? `, planted ${p.planted}` : ''})`;
  return [`the shards belong to different plans:`, ...parts.map((p) => `  ${describe(p)}`)];
}

/** Duplicated, missing and foreign jobs of a closed plan; duplicated and missing shards of an open-ended one. */
export function shareProblems(parts: readonly ShardFile[]): string[] {
  const plan = parts[0]!.summary.plan;
  if (plan.runsPerProperty === null) return openEndedProblems(parts);
  const whole = new Map([...shareJobs(plan)].map((j) => [j.index, j]));
  const owners = new Map<number, ShardFile[]>();
  const problems: string[] = [];
  for (const part of parts) {
    const foreign: number[] = [];
    const unplanned: number[] = [];
    for (const p of part.summary.properties) {
      const planned = new Set(p.plannedJobs ?? []);
      for (const i of p.plannedJobs ?? []) {
        if (whole.get(i)?.property !== p.id) foreign.push(i);
        else owners.set(i, [...(owners.get(i) ?? []), part]);
      }
      for (const j of p.ranJobs) {
        const planJob = whole.get(j.index);
        if (!planned.has(j.index) || planJob?.chunk !== j.chunk || planJob.seed !== j.seed) unplanned.push(j.index);
      }
    }
    if (foreign.length) problems.push(`${shardName(part)}: jobs not in the plan: ${jobNames(foreign, whole)}`);
    if (unplanned.length) problems.push(`${shardName(part)}: jobs ran that its share does not plan: ${jobNames(unplanned, whole)}`);
  }
  const byOwners = new Map<string, number[]>();
  for (const [i, files] of [...owners].sort(([a], [b]) => a - b)) {
    if (files.length < 2) continue;
    const key = files.map(shardName).join(', ');
    byOwners.set(key, [...(byOwners.get(key) ?? []), i]);
  }
  for (const [files, jobs] of byOwners) problems.push(`duplicated jobs (in ${files}): ${jobNames(jobs, whole)}`);
  const missing = [...whole.keys()].filter((i) => !owners.has(i));
  if (missing.length) problems.push(`missing jobs (no shard planned them; ${missingShards(parts)}): ${jobNames(missing, whole)}`);
  return problems;
}

/** Which shards of the count the files give are absent, as a hint: `shard 2/3 absent`. */
function missingShards(parts: readonly ShardFile[]): string {
  const counts = new Set(parts.map((p) => p.summary.shard.count));
  if (counts.size > 1) return `the files are shards of different counts: ${[...counts].join(', ')}`;
  const count = [...counts][0]!;
  const have = new Set(parts.map((p) => p.summary.shard.index));
  const absent = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !have.has(i));
  return absent.length ? `absent: ${absent.map((i) => `shard ${i}/${count}`).join(', ')}` : 'every shard index is present';
}

function openEndedProblems(parts: readonly ShardFile[]): string[] {
  const counts = new Set(parts.map((p) => p.summary.shard.count));
  if (counts.size > 1) return [`an open-ended plan's shards must share one count; the files have ${[...counts].join(', ')}`];
  const count = [...counts][0]!;
  const problems: string[] = [];
  for (let i = 1; i <= count; i++) {
    const with_ = parts.filter((p) => p.summary.shard.index === i);
    if (with_.length === 0) problems.push(`missing shard ${i}/${count} (an open-ended plan is whole when every shard is there)`);
    if (with_.length > 1) problems.push(`duplicated shard ${i}/${count}: ${with_.map((p) => p.file).join(', ')}`);
  }
  for (const part of parts) {
    const foreign = part.summary.properties.flatMap((p) => p.ranJobs.filter((j) => !inOpenShare(part, p.id, j)).map((j) => `${j.index} (${p.id}, chunk ${j.chunk})`));
    if (foreign.length) problems.push(`${shardName(part)}: jobs ran that its share does not plan: ${foreign.slice(0, NAMED_JOBS_MAX).join(', ')}`);
  }
  return problems;
}

/** Job numbering and the shard rule (job-plan.ts) over the plan's whole property list. */
function inOpenShare({ summary: { plan, shard } }: ShardFile, property: string, j: { index: number; chunk: number; seed: number }): boolean {
  const p = plan.properties.indexOf(property);
  return p >= 0 && j.index === j.chunk * plan.properties.length + p && j.seed === chunkSeed(plan.seed, property, j.chunk) && (j.chunk + p) % shard.count === shard.index - 1;
}
