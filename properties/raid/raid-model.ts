/**
 * Model-based test harness for one RAID group (spec/raid.md): fast-check `fc.commands`
 * named after requests, run against a flat reference `Uint8Array` of the group's capacity
 * and an independent model of device health and of the stripe layout.
 *
 * The model knows the rules, not the implementation: which device holds which stripe unit
 * (RAID-L-1..3, recomputed here), tolerance per level, when a request must be refused and
 * with which code, and how many device I/Os a request costs (RAID-IO-1, write penalty).
 * After every command the group's health must equal the model's, and `checkRedundancy()`
 * must report nothing (RAID-INV-1).
 *
 * The group comes from a factory, so broken variants (properties/raid/raid-broken-variants.test.ts)
 * run through the very same commands. Requests are fixed ranges or aims at the rebuild
 * position resolved when they run (raid-aim.ts); what they reach is counted (raid-witness.ts).
 * The rules of the levels (raid-layout.ts), the I/O expectations (raid-io.ts), request ranges
 * (raid-ranges.ts) and geometries (raid-geometry.ts) live apart, and so do the harness's own
 * pieces: the group under test (raid-real.ts), the reference model (raid-reference.ts), the
 * checks (raid-checks.ts), the commands (raid-command-base.ts, raid-request-commands.ts,
 * raid-device-commands.ts), the generators (raid-generators.ts) and the run (raid-run.ts).
 * This file re-exports them, in one place for the property files.
 */
export * from './raid-io.ts';
export * from './raid-layout.ts';
export * from './raid-ranges.ts';
export { dataCountOf, DEFAULT_UNITS, geometryArb, type GeometryOptions } from './raid-geometry.ts';
export { type GroupFactory, type RaidCommand, type RaidReal, specGroup } from './raid-real.ts';
export { RaidModel } from './raid-reference.ts';
export { checkAllBytes, checkInvariants, heal, verifySurvivors } from './raid-checks.ts';
export { ReadCommand, WriteCommand } from './raid-request-commands.ts';
export { FailDeviceCommand, type FailGate, RebuildStepCommand, ReplaceDeviceCommand } from './raid-device-commands.ts';
export { type CommandWeights, DEFAULT_WEIGHTS, raidCommandArb, type RaidScenario, raidScenarioArb, type ScenarioOptions } from './raid-generators.ts';
export { type RunOptions, runRaidScenario } from './raid-run.ts';
