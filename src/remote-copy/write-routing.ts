import type { RemotePairState } from '../../machines/remote-pair.machine.ts';

/** What a pair's routing needs to know about it (no bytes). */
export interface RemotePairView {
  readonly state: RemotePairState;
  readonly fence: 'never' | 'data' | 'status';
  /** RC-G-4: the next area track the copy examines. */
  readonly pointer: number;
  /** Whether the track is set in the difference bitmap. */
  isRecorded(track: number): boolean;
}

/** Whether the pair's target can be written now: the path is up and the target system alive. */
export interface PathState {
  readonly linkUp: boolean;
  readonly targetAlive: boolean;
}

/**
 * What a host write does for one track of a pair's area (Fig. 5):
 * `transfer` it to the target before the acknowledgement, `record` it in the bitmap, or
 * refuse the whole write (`refuseLink`, `refuseTarget`, `refuseStorage`); `none` once the pair has ended.
 */
export type RemoteWriteDecision = 'none' | 'transfer' | 'record' | 'refuseLink' | 'refuseTarget' | 'refuseStorage';

/** RC-W-3..RC-W-6: a pure function of the pair's state, its tables and the path. */
export function routeRemoteWrite(pair: RemotePairView, track: number, path: PathState): RemoteWriteDecision {
  switch (pair.state) {
    case 'duplex':
      return synchronous(pair, path);
    case 'copying':
      // RC-W-6, RC-F-4: a data or status pair holds every write into its area while the target is out of reach.
      if (pair.fence !== 'never' && !(path.linkUp && path.targetAlive)) return synchronous(pair, path);
      // RC-W-4: only tracks the copy has already carried are kept in step.
      return track < pair.pointer && !pair.isRecorded(track) ? synchronous(pair, path) : 'record';
    case 'suspended':
      return 'record'; // RC-W-5
    case 'suspendedByError':
      return pair.fence === 'data' ? 'refuseStorage' : 'record'; // RC-F-3
    default:
      return 'none';
  }
}

/** RC-W-3, RC-W-6, RC-F-4: transfer, or, when the target cannot be reached, the fence level decides. */
function synchronous(pair: RemotePairView, path: PathState): RemoteWriteDecision {
  if (path.linkUp && path.targetAlive) return 'transfer';
  if (pair.fence === 'never') return 'record';
  return path.targetAlive ? 'refuseLink' : 'refuseTarget';
}
