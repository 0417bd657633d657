/**
 * The public API of the executable reference model of extent-level copy storage.
 *
 * Three ways in: run traces (the one interchange format, spec/trace-format.md) against the
 * model; drive the model from code (`Model`, the managers it holds, the machines); or run the
 * tools around it (property campaigns, replay narratives, state charts, the HTML report, the
 * conformance run against another implementation). The command line (`extent-copy-model`,
 * src/cli.ts) is a thin layer over these.
 *
 * @packageDocumentation
 */

// ---------------------------------------------------------------------------------------
// Traces

/**
 * Runs a whole trace file's text against a fresh model and returns one result line per step
 * and the exit code (0 held, 1 an expectation failed, 2 invalid trace, 4 a step crashed the
 * model: an INTERNAL_ERROR line, spec/limits.md LIM-9); never throws for a bad trace.
 * `runStep` runs one validated step on a context from `newContext`, for drivers that feed
 * steps one at a time (the conformance adapter does); a crash leaves it as an InternalError.
 */
export { runStep, runTrace, type StepOutcome, type TraceExitCode, type TraceRun } from './trace/runner.ts';

/** A step that crashed the model (not a refusal): `runStep` throws it, `runTrace` prints its INTERNAL_ERROR line and exits 4. */
export { InternalError, isInternalError } from './trace/internal-error.ts';

/** A fresh model plus the checker's reference record of host writes, for `runStep`. */
export { newContext, type RunContext } from './trace/context.ts';

/**
 * Parses and validates a trace (header and steps) without running it; a malformed trace
 * throws `TraceSyntaxError` naming the line, so a typo never passes silently.
 */
export { parseTrace, type ParsedStep, type ParsedTrace, TraceSyntaxError } from './trace/parse.ts';

/** The trace's types: header, steps, and the enumerations the contract lists. */
export type { Extent, PairKind, RaidLevel, TraceHeader, TraceStep } from './trace/schema.ts';

// ---------------------------------------------------------------------------------------
// The model

/**
 * The storage systems, pairs and background processes of one run. `variant` is `corrected`
 * (the errata of spec/errata.md applied) or `literal` (the seed's flowcharts as written).
 */
export { Model, type Variant } from './model/model.ts';

/**
 * Every refusal is a `ModelError` with a stable `code` (spec/trace-format.md, "Error codes")
 * and changes nothing; `isModelError` tells it from a crash.
 */
export { ERROR_CODES, type ErrorCode, isModelError, ModelError } from './errors.ts';

/** Every bound a request meets, with its value (spec/limits.md); a refusal over one is a LimitError carrying `limit`. */
export { type LimitDetail, LimitError, type LimitName, LIMITS } from './limits.ts';

// ---------------------------------------------------------------------------------------
// Machines

/** The pair lifecycles as XState v5 machines (shape only; bytes live in src/), by id. */
export { MACHINES } from '../machines/registry.ts';
/** Every state and transition of a machine (from xstate/graph) with its spec rule and seed step. */
export { type MachineEdge, machineGraph } from '../machines/graph.ts';
/** Records the transitions actors take while a function runs (machine coverage, replay narratives). */
export { type TakenTransition, type TransitionSink, withTransitionSink } from '../machines/inspection.ts';

/** The in-system copy pair (spec/local-copy.md), for `createActor` or `xstate/graph` of your own. */
export { localPairMachine } from '../machines/local-pair.machine.ts';
/** The remote copy pair (spec/remote-copy.md): simplex, copying, duplex, suspended, takingOver, takenOver. */
export { remotePairMachine } from '../machines/remote-pair.machine.ts';
/** The migration pair (spec/migration.md): simplex, migrating. */
export { migrationPairMachine } from '../machines/migration-pair.machine.ts';
/** The online relocation of a volume's areas (spec/placement.md): simplex, relocating. */
export { relocationMachine } from '../machines/relocation.machine.ts';

// ---------------------------------------------------------------------------------------
// Observation, replay and pictures

/**
 * Runs a trace step by step and snapshots what a person would look at after each step: pair
 * states, copy pointers, difference bitmaps, volumes that differ from the reference, the
 * invariants that broke. `narrate` tells the snapshots as text (the `replay` command).
 */
export { observeTrace } from './observe/observe-trace.ts';
/** The `replay` narrative: per step, the request, transitions, tracks copied, bits set and cleared, the first invariant broken. */
export { narrate } from './observe/narrative.ts';
/** The snapshot shapes (plain JSON, embedded in the report's trace viewer). */
export type {
  BitmapSnapshot, LinkSnapshot, PairSnapshot, ProcessSnapshot, RaidGroupSnapshot, StepSnapshot, SystemSnapshot, TraceSnapshots, VolumeSnapshot,
} from './observe/snapshot.ts';

/**
 * State charts: Mermaid text, Graphviz DOT, and SVG laid out by Graphviz compiled to
 * WebAssembly (no system binary); with a coverage map (edge key → times taken), taken and
 * never-taken transitions are drawn apart.
 */
export { machineMermaid } from './viz/mermaid.ts';
/** A machine as Graphviz DOT, edges classed `taken`/`untaken` when given coverage. */
export { machineDot } from './viz/dot.ts';
/** DOT laid out as SVG by @viz-js/viz (Graphviz in WebAssembly). */
export { machineSvg, renderSvg } from './viz/svg.ts';

/** The self-contained HTML report: campaign summary, charts with coverage, trace viewer. */
export { buildReport, type ReportInput } from './report/build-report.ts';
/** Writes the report to a file (folders created). */
export { writeReport } from './report/write-report.ts';

// ---------------------------------------------------------------------------------------
// Campaigns

/**
 * A property campaign from code: `planJobs` cuts each property's runs into jobs with seeds
 * derived from one campaign seed (shards take disjoint jobs); `runCampaign` runs them on an
 * executor (this thread, or worker threads) until done or out of time. The properties
 * themselves are `PROPERTIES` of properties/index.ts.
 */
export { chunkSeed, type Job, parseShard, planJobs, type Shard } from './cli/campaign/job-plan.ts';
/** Runs a campaign's jobs on an executor; a failed property gets no new jobs. */
export { type CampaignOptions, type CampaignRun, type PropertyTally, runCampaign } from './cli/campaign/run-campaign.ts';
/** Where jobs run: this thread, or worker threads that load properties/index.ts. */
export { type Executor, inProcessExecutor, workerExecutor } from './cli/campaign/worker-pool.ts';
/** A property as a campaign runs it: id, title, the fast-check property, an instrumented build. */
export type { PropertyDefinition } from './cli/campaign/property-definition.ts';
/** What out/campaign.json holds (spec/campaign.md): the plan, statuses, totals, job ledgers, failures with replay tokens, machine coverage. */
export type { CampaignSummary, CampaignTotals, MachineCoverage, PropertySummary } from './cli/campaign/summary.ts';
/** A campaign's plan: its jobs fixed by seed, runs, runs per job, planted failure and property list, named by a sha256 hash. */
export { type CampaignPlan, makePlan, planHash } from './cli/campaign/plan.ts';
/** What a property and a campaign may claim: ok, failed, partial, notRun; the verdict and its exit code. */
export { type PropertyStatus, type Verdict, propertyStatus, verdictExitCode } from './cli/campaign/status.ts';
/** The shards of one plan as the unsharded campaign's summary (what `merge` says, for shards it accepts). */
export { mergeSummaries } from './cli/campaign/merge-summaries.ts';

/** The `campaign` command as a function: runs, saves failures, writes summary and report. */
export { campaignCommand, type CampaignCommandOptions } from './cli/campaign-command.ts';

// ---------------------------------------------------------------------------------------
// Conformance of another implementation

/**
 * Drives another implementation (a subprocess speaking trace lines on stdin/stdout,
 * spec/conformance.md) and the model with the same generated scenarios and compares every
 * result; a disagreement is shrunk and returned as a trace. `compareResults` is the
 * comparison alone (which fields count: spec/conformance.md, CF-C).
 */
export { type ConformanceOptions, type ConformanceResult, runConformance } from './conformance/run-conformance.ts';
/** The comparison of one step's answers, model against adapter. */
export { compareResults, type ResultMismatch } from './conformance/compare.ts';
