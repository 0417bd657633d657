import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Job } from './job-plan.ts';
import { type JobResult, runJob } from './run-job.ts';
import type { PropertyDefinition } from './property-definition.ts';

/** Messages from a worker thread (src/cli/campaign/worker.ts). */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'progress'; job: number; runs: number; commands: number }
  | { type: 'result'; result: JobResult }
  | { type: 'error'; job: number; message: string };

export type ProgressListener = (job: Job, runs: number, commands: number) => void;

/** Where jobs run: this thread, or a pool of worker threads. */
export interface Executor {
  /** How many jobs may run at once. */
  readonly slots: number;
  run(job: Job, onProgress: ProgressListener): Promise<JobResult>;
  close(): Promise<void>;
}

/** Runs jobs here, on the given definitions (tests pass their own; a planted failure is the caller's). */
export function inProcessExecutor(defs: readonly PropertyDefinition[], planted?: string): Executor {
  const byId = new Map(defs.map((d) => [d.id, d]));
  return {
    slots: 1,
    run: (job, onProgress) => {
      const def = byId.get(job.property);
      if (!def) return Promise.reject(new Error(`no property "${job.property}"`));
      return runJob(def, job, { planted, onProgress: (r, c) => onProgress(job, r, c) });
    },
    close: async () => {},
  };
}

/**
 * A worker thread that runs worker.ts: Node 20 cannot hand a worker tsx's loader through
 * execArgv, so a two-line bootstrap registers tsx's ESM API inside the worker first.
 */
function tsWorker(file: URL, workerData: unknown): Worker {
  if (file.pathname.endsWith('.js')) return new Worker(file, { workerData }); // the built package (dist/)
  const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
  const bootstrap = `import(${JSON.stringify(pathToFileURL(api).href)}).then((m) => { m.register(); return import(${JSON.stringify(file.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  busy: boolean;
}

/** `count` worker threads, each loading properties/index.ts; jobs go to the first free one. */
export function workerExecutor(count: number, planted?: string): Executor {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  const slots: Slot[] = Array.from({ length: count }, () => {
    const worker = tsWorker(url, { planted });
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    return { worker, ready, busy: false };
  });
  return {
    slots: count,
    run: async (job, onProgress) => {
      const slot = slots.find((s) => !s.busy);
      if (!slot) throw new Error('no free worker (the scheduler runs at most `slots` jobs at once)');
      slot.busy = true;
      try {
        await slot.ready;
        return await runOn(slot.worker, job, onProgress);
      } finally {
        slot.busy = false;
      }
    },
    close: async () => {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

function runOn(worker: Worker, job: Job, onProgress: ProgressListener): Promise<JobResult> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: WorkerMessage): void => {
      if (m.type === 'progress') return onProgress(job, m.runs, m.commands);
      if (m.type === 'ready') return;
      worker.off('message', onMessage).off('error', onError);
      if (m.type === 'result') resolve(m.result);
      else reject(new Error(m.message));
    };
    const onError = (e: Error): void => {
      worker.off('message', onMessage);
      reject(e);
    };
    worker.on('message', onMessage).once('error', onError);
    worker.postMessage(job);
  });
}
