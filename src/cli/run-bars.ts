import cliProgress from 'cli-progress';

/** One progress bar per property, on a terminal. Runs are synchronous, so redraws are forced. */
export class RunBars {
  private readonly multi: cliProgress.MultiBar;
  private readonly bars = new Map<string, cliProgress.SingleBar>();

  constructor(ids: readonly string[], private readonly runs: number) {
    this.multi = new cliProgress.MultiBar(
      { format: ' {bar} {percentage}% | {value}/{total} runs | {id}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    for (const id of ids) this.bars.set(id, this.multi.create(runs, 0, { id }));
  }

  update(id: string, runs: number): void {
    this.bars.get(id)?.update(Math.min(runs, this.runs), { id });
    if (runs % 10 === 0) this.multi.update();
  }

  finish(id: string): void {
    this.bars.get(id)?.update(this.runs, { id });
    this.multi.update();
  }

  stop(): void {
    this.multi.stop();
  }
}
