/**
 * The property VOL-INV-2.addressTranslation (properties/vol/vol-address-translation.ts): a
 * system built, the commands run, every surviving byte of every volume read back at the end.
 */
import fc from 'fast-check';
import { bump, type Counters, DEFAULT_RUNS, type PropertyDefinition } from '../harness/support.ts';
import { buildSystem } from './vol-formation.ts';
import { type VolScenario, volScenarioArb } from './vol-generators.ts';

export function volumeProperty(reached?: Counters): fc.IPropertyWithHooks<[VolScenario]> {
  return fc.property(volScenarioArb(), ([shape, cmds]) => {
    const { model, real } = buildSystem(shape, reached);
    bump(reached, 'runs');
    fc.modelRun(() => ({ model, real }), cmds);
    for (const v of model.vols) model.verifySurvivors(v, 0, v.spec.bytes, 'end of run');
  });
}

export const volAddressTranslation: readonly PropertyDefinition[] = [
  {
    id: 'VOL-INV-2.addressTranslation',
    title: 'OPEN-V volumes on several LDEVs and groups: formation, locate/pieces, byte-exact I/O, whole-request DATA_LOSS refusal across LDEV boundaries',
    numRuns: DEFAULT_RUNS,
    // CHK-6: requests across LDEV and group boundaries, a refusal of a whole request by a lost group.
    witnesses: ['crossingWrites', 'writesAcrossGroups', 'crossingReads', 'lostGroups'],
    property: () => volumeProperty(),
    instrumented: (reached: Counters) => volumeProperty(reached),
  },
];
