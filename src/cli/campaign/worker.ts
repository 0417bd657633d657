/**
 * A campaign worker thread: loads every property of properties/index.ts (and the planted
 * failure, if one is named), then runs the jobs it is sent, one at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadTooling } from '../../tooling.ts';
import type { Job } from './job-plan.ts';
import { runJob } from './run-job.ts';
import type { WorkerMessage } from './worker-pool.ts';

const port = parentPort!;
const { planted } = workerData as { planted?: string };
const { PROPERTIES, plant } = await loadTooling();
if (planted) plant(planted);
const byId = new Map(PROPERTIES.map((d) => [d.id, d]));

const post = (m: WorkerMessage): void => port.postMessage(m);

port.on('message', (job: Job) => {
  const def = byId.get(job.property);
  if (!def) {
    post({ type: 'error', job: job.index, message: `no property "${job.property}" in properties/index.ts` });
    return;
  }
  runJob(def, job, { planted, onProgress: (runs, commands) => post({ type: 'progress', job: job.index, runs, commands }) }).then(
    (result) => post({ type: 'result', result }),
    (e: unknown) => post({ type: 'error', job: job.index, message: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});
post({ type: 'ready' });
