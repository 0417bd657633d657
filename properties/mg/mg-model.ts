/**
 * Model-based harness for migratory copies (spec/migration.md), driven through the trace
 * runner like properties/rc/rc-model.ts: every command is one trace-v1 step, so a shrunk
 * counterexample is a trace file. An old system O and a new system N (each of either table
 * design, RC-D-1) joined by one path; a source volume on O and a target volume on N, both
 * holding data of their own; migrations of one area at a time, one after another.
 *
 * The reference model here is independent of src/:
 * - the source's bytes (written by the host before and after a migration, never during:
 *   MG-G-2);
 * - the target's *own* bytes (what N stores) and the host's *view* of the target (MG-INV-1's
 *   reference volume: the source's bytes on the area and the target's own elsewhere at
 *   creation, then every acknowledged write);
 * - the migration: area, copy pointer, pending tracks (MG-G-1, MG-C-1), MG-R-1's and MG-W-1's
 *   routing (a pending track is fetched from O: LINK_DOWN, SYSTEM_FAILED when it cannot be),
 *   completion and abandonment (MG-C-1, MG-R-2).
 *
 * After every command: the migrations that exist are the model's, with its state, pointer and
 * pending tracks; N's pool holds one table per running migration; N's own bytes of the target
 * are the model's (MG-INV-2, and stale bytes where a track is still pending); the host's view
 * of the target is the reference volume whenever O can be reached (MG-INV-1); O's bytes of the
 * source are the model's; and the trace's `check` op passes.
 *
 * `variant: 'literal'` runs the seed's flow (erratum MG-E-1); `avoid: ['MG-E-1']` steers clear
 * of it (no host write to a pending track).
 *
 * The pieces live apart, one idea a file: the scenario (mg-scenario.ts), the reference model
 * (mg-reference.ts), the checks after every command (mg-verify.ts), the commands (mg-command.ts,
 * mg-host-commands.ts, mg-pair-commands.ts, mg-fault-commands.ts), the generators
 * (mg-generators.ts) and the run with its property (mg-run.ts); this file re-exports them.
 */
export { MAX_MIGRATIONS, type MgAvoid, type MgCreateSpec, type MgScenario, mgSetupSteps, type MgWriteSpec } from './mg-scenario.ts';
export { MgModel, type MgOptions } from './mg-reference.ts';
export { verifyMg } from './mg-verify.ts';
export { MgCommand } from './mg-command.ts';
export { type MgTarget, ReadTargetCommand, SourceIoCommand, WriteTargetCommand } from './mg-host-commands.ts';
export { CheckCommand, CreateCommand, DeleteCommand, SettleCommand, StatusCommand, StepCommand } from './mg-pair-commands.ts';
export { DeviceCommand, FailOldCommand, LinkCommand } from './mg-fault-commands.ts';
export { DEFAULT_MG_WEIGHTS, mgCommandArb, mgCreateSpecArb, type MgRun, mgRunArb, mgScenarioArb, type MgScenarioOptions, type MgWeights } from './mg-generators.ts';
export { DEFAULT_MG_RUNS, mgDefinition, mgProperty, type MgPropertyOptions, runMgScenario } from './mg-run.ts';
