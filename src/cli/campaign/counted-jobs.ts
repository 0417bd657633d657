/**
 * Which of a property's jobs count (spec/campaign.md, "Failures"): every job up to and including
 * its first failing one, in job order. Jobs of a failed property that ran after that one (in
 * flight on another worker, or in another shard that did not know of the failure) are kept in
 * the ledger but not counted, so the totals and the failure reported do not depend on threads
 * or shards: a sharded campaign merged counts what the unsharded one counts.
 */

/** The ledger entry of one job that ran: plain data, as campaign.json holds it. */
export interface JobRun {
  readonly index: number;
  readonly chunk: number;
  readonly seed: number;
  readonly runs: number;
  readonly commands: number;
  /** Witness name → times reached in this job (the property's named witnesses only). */
  readonly witnesses: Readonly<Record<string, number>>;
  readonly failed: boolean;
}

/** The counted jobs of one property's ledger, in job order. */
export function countedJobs<J extends { readonly index: number; readonly failed: boolean }>(ran: readonly J[]): J[] {
  const sorted = [...ran].sort((a, b) => a.index - b.index);
  const firstFailed = sorted.findIndex((j) => j.failed);
  return firstFailed < 0 ? sorted : sorted.slice(0, firstFailed + 1);
}

/** Sums of the counted jobs: runs, commands, and each named witness. */
export function countedTotals(witnesses: readonly string[], counted: readonly JobRun[]): { runs: number; commands: number; witnesses: Record<string, number> } {
  const sums = Object.fromEntries(witnesses.map((w) => [w, 0]));
  let runs = 0;
  let commands = 0;
  for (const j of counted) {
    runs += j.runs;
    commands += j.commands;
    for (const w of witnesses) sums[w] = (sums[w] ?? 0) + (j.witnesses[w] ?? 0);
  }
  return { runs, commands, witnesses: sums };
}
