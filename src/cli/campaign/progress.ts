import cliProgress from 'cli-progress';
import { now } from './deadline.ts';
import { etaSeconds, type Planned, progressCounts, progressLine } from './progress-line.ts';
import type { PropertyTally } from './run-campaign.ts';

export { liveLabel, type Planned } from './progress-line.ts';

/**
 * How the campaign shows its progress (issue #15): on a terminal, one line that moves (bar,
 * runs, property counter, ETA), cleared when the campaign ends; elsewhere (CI, a pipe) nothing,
 * so a log holds the summary alone. Properties are listed once, in the summary table.
 */
export interface Progress {
  update(t: PropertyTally): void;
  stop(): void;
}

export interface ProgressPlan {
  /** The properties with a share in this shard, in plan order. */
  readonly ids: readonly string[];
  readonly planned: Planned | null;
  /** `--time`: the ETA is never past its end. */
  readonly budgetSeconds: number | null;
}

/** Without a terminal: no progress at all (the summary follows the heading). */
export const NO_PROGRESS: Progress = { update: () => {}, stop: () => {} };

/**
 * The progress line on `stream` (a terminal). `clock` is the campaign's (deadline.ts): the
 * ETA is display only, never an input to what runs.
 */
export function progressBar(p: ProgressPlan, stream: NodeJS.WriteStream, clock: () => number = now): Progress {
  const start = clock();
  let firstRun: number | null = null; // the pace is measured from here: starting the workers is not a run's cost
  const latest = new Map<string, PropertyTally>();
  const line = (columns: number): string => {
    const at = clock();
    const counts = progressCounts(p.ids, latest, p.planned);
    const budgetLeft = p.budgetSeconds === null ? null : p.budgetSeconds - (at - start) / 1000;
    const spent = p.budgetSeconds === null ? null : (at - start) / 1000 / p.budgetSeconds;
    return progressLine(counts, etaSeconds(counts, firstRun === null ? 0 : at - firstRun, budgetLeft), columns, spent);
  };
  const bar = new cliProgress.SingleBar({
    stream,
    format: (_options, params) => line(params.maxWidth),
    hideCursor: true,
    clearOnComplete: true,
    // Jobs in this thread (--workers 0) block the redraw timer: each update may redraw.
    synchronousUpdate: true,
  });
  bar.start(1, 0);
  return {
    update: (t) => {
      firstRun ??= clock();
      latest.set(t.id, t);
      bar.update(0); // the line is drawn from `latest`: an update only asks for a redraw
    },
    stop: () => bar.stop(),
  };
}
