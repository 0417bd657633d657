/**
 * Model-based harness for remote copy pairs (spec/remote-copy.md), driven through the trace
 * runner: EVERY command is exactly one trace-v1 step run by `runStep` on a fresh
 * `newContext(variant)` (properties/rc/rc-trace.ts), so a shrunk counterexample is, line for
 * line, a trace file. A source system S and a target system T, each of either table design
 * (RC-D-1), joined by one path; one or two source volumes with datasets in their VTOC.
 *
 * The reference model here is independent of src/: it knows the rules, not the code.
 * - each source volume's bytes as the host wrote them;
 * - per pair: state (RC-R-0), copy pointer and difference bitmap (RC-G-4, RC-C-1, RC-W-4,
 *   RC-W-5), whether the target is consistent (RC-T-1), why it was suspended (RC-F-1, RC-F-2),
 *   and the source's area at the moment it left `duplex` (RC-INV-1's frozen image);
 * - per volume of T: the bytes the host sees where they are known (a paired target's copied
 *   tracks, track by track from the copy and the transfers of RC-W-3/RC-W-4), which
 *   addresses it maps (RC-G-2's LDEV ranges, RC-G-3's idle range, RC-T-2's extension) and
 *   its capacity (RC-INV-4, RC-INV-5);
 * - the takeover: siblings (RC-T-1), the VTOC it keeps or erases or refuses (RC-T-5, by the
 *   checker's own VTOC reader, properties/rc/rc-vtoc.ts), the copy of A into B (RC-T-3, RC-T-4);
 * - which refusals the spec allows for each request (a set: the spec names no precedence).
 *
 * After every command: every pair exists iff the model says so, in the model's state, with
 * the model's pointer, bitmap, consistency and suspension reason; the source's pool holds one
 * table per copying/duplex/suspended pair (RC-INV-6); T's volume names, mappings and capacities
 * are the model's; every known byte of a source or a T volume reads as the model says; and
 * the trace's `check` op passes (RC-INV-1..6 and the rest).
 *
 * `variant: 'literal'` runs the seed's flows with their errata; `avoid: ['RC-E-1']` steers
 * clear of the one erratum here (no takeover with `extend` on a `"group"` target).
 *
 * The pieces live apart, one idea a file: the vocabulary and scenario (rc-scenario.ts), the
 * reference model (rc-reference-core.ts: state, creation, host I/O; rc-reference.ts: the copy,
 * requests, faults, takeover), the checks after every command (rc-verify.ts), the commands
 * (rc-command.ts, rc-pair-commands.ts, rc-source-commands.ts, rc-target-commands.ts,
 * rc-takeover-command.ts, rc-fault-commands.ts, rc-inspect-commands.ts), the generators
 * (rc-generators.ts) and the run with its property and definitions (rc-run.ts); this file
 * re-exports them.
 */
export {
  type CreateSpec, type Design, KNOWN_MODEL_BUGS, type Level, MAX_PAIRS, type RcAvoid, type RcDatasetSpec, type RcScenario, rcSetupSteps, type RcState, RC_STATES,
  type RcWriteSpec,
} from './rc-scenario.ts';
export { type RcOptions, type RefPair, type TVol } from './rc-reference-core.ts';
export { RcModel } from './rc-reference.ts';
export { verify } from './rc-verify.ts';
export { RcCommand } from './rc-command.ts';
export { CreateCommand, DeleteCommand, ResyncCommand, SettleCommand, StepCommand, SuspendCommand } from './rc-pair-commands.ts';
export { ReadSourceCommand, type SrcTarget, WriteSourceCommand } from './rc-source-commands.ts';
export { ReadTargetCommand, type TgtTarget, WriteTargetCommand } from './rc-target-commands.ts';
export { TakeoverCommand } from './rc-takeover-command.ts';
export { DeviceFailCommand, DeviceReplaceCommand, LinkCommand, SystemFailCommand } from './rc-fault-commands.ts';
export { CheckCommand, DatasetsCommand, StatusCommand } from './rc-inspect-commands.ts';
export {
  createSpecArb, DEFAULT_RC_WEIGHTS, rcCommandArb, type RcRun, rcRunArb, rcScenarioArb, type RcScenarioOptions, type RcWeights, shapeArb,
} from './rc-generators.ts';
export {
  DEFAULT_RC_RUNS, RC_STATE_KEYS, RC_TRANSITION_KEYS, rcDefinition, rcProperty, type RcPropertyOptions, runRcScenario,
} from './rc-run.ts';
