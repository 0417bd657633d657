import { LocalCopyReference } from '../check/local-copy-reference.ts';
import { ReferenceVolumes } from '../check/reference-volumes.ts';
import { RemoteCopyReference } from '../check/remote-copy-reference.ts';
import { ChangeTracker } from '../check/change-tracker.ts';
import { Model, type Variant } from '../model/model.ts';
import { backupProcesses } from '../model/backup-process.ts';
import type { WritePlan } from '../model/write-plan.ts';
import type { TraceStep } from './schema.ts';
import type { RequestRecord } from './request-log.ts';

/** What a trace's steps act on: the model, and the checker's own record of host writes. */
export interface RunContext {
  readonly model: Model;
  readonly reference: ReferenceVolumes;
  readonly localCopyReference: LocalCopyReference;
  readonly remoteCopyReference: RemoteCopyReference;
  /** What changed since the last scoped comparison (CHK-1): properties check only that after each command. */
  readonly changes: ChangeTracker;
  /** The plan of the last host write a step made (the replay narrative tells it); the observer clears it before each step. */
  lastWrite: WritePlan | null;
  /** TERM-R-2: every accepted request, with who issued it. */
  readonly requests: RequestRecord[];
  /** The trace line of the step running now (BK-T-2: a tape file names the lines of its point in time). */
  line: number;
}

export function newContext(variant: Variant): RunContext {
  const model = new Model(variant);
  model.addProcessSource(backupProcesses(model)); // BK-B-2
  const changes = new ChangeTracker(model);
  const reference = new ReferenceVolumes((key, offset, length) => changes.note(key, offset, length));
  return {
    model,
    reference,
    localCopyReference: new LocalCopyReference(reference),
    remoteCopyReference: new RemoteCopyReference(reference),
    changes,
    lastWrite: null,
    requests: [],
    line: 0,
  };
}

/** A handler's answer: result fields, and what did not match the step's `expect`. */
export interface HandlerResult {
  readonly fields: Record<string, unknown>;
  readonly mismatch?: string | null;
}

export type Handler<S extends TraceStep = TraceStep> = (ctx: RunContext, step: S) => HandlerResult;
