import { describe } from 'vitest';
import { lcInvBitmapSound } from './lc-inv-bitmap-sound.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-INV-4.bitmapSound', () => {
  runDefinitions(lcInvBitmapSound, () => ['state:generated', 'writes:generated', 'writes:extentDivided', 'transition:extentCoupling->generated', 'areaPairCreates']);
});
