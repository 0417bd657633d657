/**
 * RC-INV-1.noAckLost: in `duplex` every track of the area reads the same on source and
 * target; at a takeover the target's area reads back what the host last had acknowledged
 * there while the pair was consistent — through path failures (fence `never` suspends and
 * freezes the image, fence `data` holds the writes: RC-W-6), target system failures, the
 * source system's failure before the takeover, and host writes racing all of it. The writes'
 * acknowledgements name the targets that stored them first (RC-W-3).
 */
import { DEFAULT_RC_WEIGHTS, rcDefinition } from './rc-model.ts';
import type { PropertyDefinition } from '../harness/support.ts';

export const rcInvNoAckLost: readonly PropertyDefinition[] = [
  rcDefinition(
    'RC-INV-1.noAckLost',
    'duplex targets follow every acknowledged write; a takeover shows what the host had acknowledged while the pair was consistent, across link, target and source failures',
    { weights: { ...DEFAULT_RC_WEIGHTS, writeSource: 50, step: 15, settle: 10, link: 6, suspend: 3, resync: 6, takeover: 8, failSource: 1, failTarget: 1 } },
  ),
];
