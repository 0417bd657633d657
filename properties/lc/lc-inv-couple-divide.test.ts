import { describe } from 'vitest';
import { lcInvCoupleDivide } from './lc-inv-couple-divide.ts';
import { runDefinitions } from '../harness/run-definitions.ts';

describe('LC-INV-3.coupleDivide', () => {
  runDefinitions(lcInvCoupleDivide, () => [
    'accepted:extentDivide', 'accepted:extentCouple', 'writes:extentDividing', 'writes:extentDivided', 'writes:extentCoupling',
    'copyReads:extentDividing', 'copyReads:extentDivided', 'copyReadsRefused', 'transition:extentCoupling->generated',
  ]);
});
