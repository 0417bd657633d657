import type { LocalPairState } from '../../machines/local-pair.machine.ts';

/** The seed's pair state (1403, 2403, 3205) behind each machine state. */
export type SeedPairState = 'UG' | 'GC' | 'UD' | 'DC' | 'UED' | 'EDC' | 'UEC' | 'FC' | 'NONE';

export function seedState(state: LocalPairState): SeedPairState {
  switch (state) {
    case 'generating': return 'UG';
    case 'generated': return 'GC';
    case 'dividing': return 'UD';
    case 'divided':
    case 'extentUpdating': return 'DC';
    case 'extentDividing': return 'UED';
    case 'extentDivided': return 'EDC';
    case 'extentCoupling': return 'UEC';
    case 'formationCompleted': return 'FC';
    case 'deleted': return 'NONE';
  }
}
