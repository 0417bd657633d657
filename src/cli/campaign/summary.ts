/**
 * What a campaign wrote (out/campaign.json): the summary table, machine coverage and failures,
 * read by the HTML report (src/report/) and by CI.
 */

export interface MachineCoverage {
  /** Machine id (machines/coverage.ts MACHINES). */
  readonly machine: string;
  readonly states: readonly string[];
  readonly statesReached: readonly string[];
  /** Every edge key of the machine's graph (`source|EVENT|target[guard]`) with how often it was taken. */
  readonly edges: ReadonlyArray<{ readonly key: string; readonly source: string; readonly event: string; readonly target: string; readonly guard: string | null; readonly rule: string; readonly seed: string; readonly taken: number }>;
}

export interface PropertySummary {
  readonly id: string;
  readonly title: string;
  readonly runs: number;
  readonly commands: number;
  /** "machine:state" and edge keys "machine:source|EVENT|target" reached by this property's runs. */
  readonly statesReached: number;
  readonly transitionsReached: number;
  readonly failed: boolean;
  readonly millis: number;
  /** Present when failed: replay token and where the counterexample trace was saved. */
  readonly failure?: {
    readonly seed: number;
    readonly path: string;
    readonly message: string;
    readonly counterexample: string;
    readonly regression: string | null;
  };
}

export interface CampaignSummary {
  readonly seed: number;
  readonly shard: { readonly index: number; readonly count: number };
  readonly runsPerProperty: number | null;
  readonly timeBudgetSeconds: number | null;
  readonly workers: number;
  readonly millis: number;
  readonly properties: readonly PropertySummary[];
  /** Example and regression traces replayed by the campaign (their coverage counts too). */
  readonly traces: ReadonlyArray<{ readonly file: string; readonly steps: number; readonly exitCode: number }>;
  readonly coverage: readonly MachineCoverage[];
}
