import { routedRead, routedWrite } from '../../model/host-io.ts';
import { withDataset } from '../../vtoc/datasets.ts';
import { decodeVtoc } from '../../vtoc/vtoc-format.ts';
import type { Handler, RunContext } from '../context.ts';
import { partialMismatch } from '../partial-match.ts';
import type { DatasetsStep, DatasetStep } from '../schema.ts';

/** LIM-6: the VTOC as the host would read it, without counting as host I/O or starting anything. */
function vtocOf(ctx: RunContext, system: string, volumeId: string) {
  const volume = ctx.model.system(system).volume(volumeId);
  const { offset, length } = volume.trackRange(0);
  return { volume, entries: decodeVtoc(routedRead(ctx.model, system, volumeId, offset, length), volume.tracks) };
}

/** `dataset`: a dataset entry written into the VTOC in track 0 (spec/vtoc.md VTOC-D-1..3). */
export const onDataset: Handler<DatasetStep> = (ctx, step) => {
  const { volume, entries } = vtocOf(ctx, step.system, step.volume);
  const bytes = withDataset(entries, step.name, step.extents, { tracks: volume.tracks, trackBytes: volume.emulation.trackBytes });
  routedWrite(ctx.model, step.system, step.volume, 0, bytes); // LIM-6: not host I/O for placement
  ctx.reference.write(`${step.system}:${step.volume}`, 0, bytes);
  return { fields: { datasets: [...entries.map((e) => e.name), step.name].sort(), vtocBytes: bytes.length } };
};

/** `datasets`: the names in the VTOC, sorted; `expect` is the array of names or a partial object. */
export const onDatasets: Handler<DatasetsStep> = (ctx, step) => {
  const { entries } = vtocOf(ctx, step.system, step.volume);
  const datasets = entries.map((e) => e.name).sort();
  const fields = { datasets, entries: [...entries].sort((a, b) => (a.name < b.name ? -1 : 1)) };
  if (step.expect === undefined) return { fields };
  const expected = Array.isArray(step.expect) ? { datasets: step.expect } : step.expect;
  return { fields, mismatch: partialMismatch(fields, expected) };
};
