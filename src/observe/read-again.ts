import { isModelError } from '../errors.ts';
import { viewRead } from '../model/host-io.ts';
import type { Model } from '../model/model.ts';

/**
 * The bytes a host read of the volume returns now, read without the side effects of
 * `hostRead` (placement's I/O statistics and periodic rounds, PL-S-1, PL-P-2), so observing
 * does not change the run: a migration target or a volume under a takeover copy through the
 * checker's view of the same routing (`viewRead`), any other volume through the local copy
 * routing `hostRead` itself uses (a pair's copy volume reads its settled image). Null where
 * the model refuses the read.
 */
export function readAgain(model: Model, systemId: string, volumeId: string, offset: number, length: number): Uint8Array | null {
  try {
    const volume = model.system(systemId).volume(volumeId);
    if (model.migration.ofTarget(volume) || model.remote.takeoverCopyOf(volume)) return viewRead(model, systemId, volumeId, offset, length);
    return model.localCopy.read(volume, offset, length);
  } catch (e) {
    if (isModelError(e)) return null;
    throw e;
  }
}
