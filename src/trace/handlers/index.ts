import type { Handler } from '../context.ts';
import type { OpName } from '../schema.ts';
import { onSystem, onVolume } from './configuration.ts';
import { onDataset, onDatasets } from './datasets.ts';
import { onDeviceFail, onDeviceReplace } from './faults.ts';
import { onRead, onWrite } from './host-io.ts';
import { onExtentCouple, onExtentDivide, onExtentUpdate, onPairCreate, onPairDelete, onPairDivide, onPairResync, onStatus } from './local-pairs.ts';
import { onCheck, onVolumeInfo } from './observation.ts';
import { onRebalance, onRelocate } from './placement.ts';
import { onPairSuspend, onTakeover } from './remote-pairs.ts';
import { onLink, onLinkDown, onLinkUp, onSystemFail } from './sites.ts';
import { onSettle, onStep } from './time.ts';
import { onHost, onLan, onNotify } from './hosts.ts';
import { onBackup, onRestore, onTapeInfo, onTapeLoad } from './tapes.ts';

/** Every op of spec/trace-format.md and the handler that runs it. */
export const HANDLERS: Record<OpName, Handler> = {
  system: onSystem as Handler,
  volume: onVolume as Handler,
  link: onLink as Handler,
  dataset: onDataset as Handler,
  write: onWrite as Handler,
  read: onRead as Handler,
  pairCreate: onPairCreate as Handler,
  pairDivide: onPairDivide as Handler,
  extentUpdate: onExtentUpdate as Handler,
  extentDivide: onExtentDivide as Handler,
  extentCouple: onExtentCouple as Handler,
  pairSuspend: onPairSuspend as Handler,
  pairResync: onPairResync as Handler,
  pairDelete: onPairDelete as Handler,
  takeover: onTakeover as Handler,
  relocate: onRelocate as Handler,
  rebalance: onRebalance as Handler,
  step: onStep as Handler,
  settle: onSettle as Handler,
  deviceFail: onDeviceFail as Handler,
  deviceReplace: onDeviceReplace as Handler,
  linkDown: onLinkDown as Handler,
  linkUp: onLinkUp as Handler,
  systemFail: onSystemFail as Handler,
  status: onStatus as Handler,
  volumeInfo: onVolumeInfo as Handler,
  datasets: onDatasets as Handler,
  check: onCheck as Handler,
  host: onHost as Handler,
  lan: onLan as Handler,
  notify: onNotify as Handler,
  backup: onBackup as Handler,
  restore: onRestore as Handler,
  tapeLoad: onTapeLoad as Handler,
  tapeInfo: onTapeInfo as Handler,
};
