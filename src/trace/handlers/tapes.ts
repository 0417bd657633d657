/**
 * The eleventh embodiment's tape (spec/backup.md BK-B-1, BK-R-1, BK-T-3, BK-T-4): `backup`
 * starts a backup process, `restore` writes a tape file back through the host's road,
 * `tapeLoad` loads an AWSTAPE image, `tapeInfo` lists a tape's files.
 */
import { readFileSync, statSync } from 'node:fs';
import { fail } from '../../errors.ts';
import { LIMITS, withinLimit } from '../../limits.ts';
import { normalizeExtents } from '../../local-copy/extents.ts';
import { covers, formedArea } from '../../backup/formed-copy.ts';
import { trackList } from '../../backup/backup-manager.ts';
import { restrict } from '../../backup/points-in-time.ts';
import { backupFormat, extentBytes, readBackupFile } from '../../backup/backup-file.ts';
import { commitHostWrite, planWrite } from '../../model/host-io.ts';
import { readAwsTape, TapeDamaged } from '../../tape/tape-image.ts';
import { requireInteger } from '../../validate.ts';
import type { Handler } from '../context.ts';
import { partialMismatch } from '../partial-match.ts';
import type { BackupStep, RestoreStep, TapeInfoStep, TapeLoadStep } from '../schema.ts';

/** `backup`: BK-B-1, a notified host starts reading the copy volume to a tape file. */
export const onBackup: Handler<BackupStep> = (ctx, step) => {
  const b = ctx.model.backup;
  b.host(step.host);
  b.requireVolser(step.tape);
  const name = `backup:${step.host}:${step.tape}`;
  const busy = b.running().find((r) => r.tape === step.tape || r.host === step.host);
  if (busy) fail('INVALID_STATE', `${busy.name} is still running: a host runs one backup and a tape drive takes one at a time`);
  const { volume } = ctx.model.volumeByKey(step.volume);
  const asked = step.extents === undefined ? null : normalizeExtents(step.extents, volume.tracks);
  const n = b.requireNotified(step.host, step.volume, asked);
  const extents = asked ?? n.extents;
  const area = formedArea(n.pair);
  if (area === null || !covers(area, extents)) fail('INVALID_STATE', `pair ${n.pair.id} is ${n.pair.machineState}: ${step.volume} is no longer formed on ${trackList(extents)}`);
  const bytes = extentBytes(extents, volume.emulation.trackBytes, volume.bytes).reduce((s, r) => s + r.length, 0);
  withinLimit('backupBytesMax', `the bytes of the backup of ${step.volume}`, bytes); // LIM-2
  const tape = b.tape(step.tape);
  const tracksTotal = extents.reduce((s, [x, y]) => s + y - x + 1, 0);
  b.backups.set(name, { name, host: step.host, tape: step.tape, notification: n, extents, backupAt: ctx.line, cursor: { extent: 0, track: extents[0]![0] }, chunks: [], tracksDone: 0, tracksTotal, state: 'running' });
  const points = restrict(n.pointsInTime, extents);
  const fields = { process: name, volume: step.volume, pair: n.pair.id, extents: extents.map((e) => [...e]), bytes, tracks: tracksTotal, file: tape.files.length + 1, formedAt: Math.max(0, ...points.map((p) => p.line)), pointsInTime: points, state: 'running' };
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};

/** `restore`: BK-R-1, a tape file written back into a volume at least as large, through the host's road. */
export const onRestore: Handler<RestoreStep> = (ctx, step) => {
  const tape = ctx.model.backup.tapes.get(step.tape);
  if (!tape) fail('NOT_FOUND', `no tape ${step.tape}`);
  if (ctx.model.backup.running().some((r) => r.tape === step.tape)) fail('INVALID_STATE', `a backup is writing tape ${step.tape}`);
  const seq = requireInteger('file', step.file);
  const file = tape.files[seq - 1];
  if (seq < 1 || !file) fail('NOT_FOUND', `tape ${step.tape} holds ${tape.files.length} file${tape.files.length === 1 ? '' : 's'} (numbered from 1), not file ${seq}`);
  const { descriptor: d, data } = backupFormat.read(step.tape, seq, file);
  const { system, volume } = ctx.model.volumeByKey(step.volume);
  if (volume.bytes < d.bytes) fail('INVALID_ARGUMENT', `${step.volume} holds ${volume.bytes} bytes; the backup is of ${d.volume}, ${d.bytes} bytes`);
  const volumeId = step.volume.slice(step.volume.indexOf(':') + 1);
  const pieces = backupFormat.pieces(d, LIMITS.transferBytesMax);
  const plans = pieces.map((p) => planWrite(ctx.model, system.id, volumeId, p.offset, p.length)); // every refusal before any byte
  pieces.forEach((p, i) => {
    const bytes = data.subarray(p.at, p.at + p.length);
    commitHostWrite(ctx.model, plans[i]!, bytes);
    ctx.reference.write(step.volume, p.offset, bytes);
  });
  const fields = { tape: step.tape, file: seq, volume: step.volume, from: d.volume, extents: d.extents.map((e) => [...e]), bytes: data.length, formedAt: d.formedAt, pointsInTime: d.pointsInTime };
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};

/** `tapeLoad`: BK-T-3, an AWSTAPE image from a file (relative to the working directory) as tape `tape`. */
export const onTapeLoad: Handler<TapeLoadStep> = (ctx, step) => {
  const b = ctx.model.backup;
  b.requireVolser(step.tape);
  if (b.running().some((r) => r.tape === step.tape)) fail('INVALID_STATE', `a backup is writing tape ${step.tape}`);
  let stat;
  try {
    stat = statSync(step.path);
  } catch {
    return fail('NOT_FOUND', `cannot read tape image ${step.path}`);
  }
  if (!stat.isFile()) fail('INVALID_ARGUMENT', `${step.path} is not a regular file (a folder, device or pipe is no tape image)`);
  withinLimit('tapeImageBytesMax', `the size of ${step.path}`, stat.size); // LIM-2
  const bytes = new Uint8Array(readFileSync(step.path));
  let image;
  try {
    image = readAwsTape(bytes);
  } catch (e) {
    if (e instanceof TapeDamaged) fail('TAPE_DAMAGED', `${step.path}: ${e.message}`);
    throw e;
  }
  b.tapes.set(step.tape, { id: step.tape, volser: image.volser, ...(image.owner ? { owner: image.owner } : {}), files: [...image.files], image: bytes });
  return { fields: { tape: step.tape, volser: image.volser, files: image.files.length } };
};

/** `tapeInfo`: BK-T-4, a tape's files: label, blocks, bytes, and what each backup holds. */
export const onTapeInfo: Handler<TapeInfoStep> = (ctx, step) => {
  ctx.model.backup.requireVolser(step.tape);
  const tape = ctx.model.backup.tapes.get(step.tape);
  if (!tape) fail('NOT_FOUND', `no tape ${step.tape}`);
  const files = tape.files.map((f, i) => {
    const bytes = f.blocks.reduce((s, x) => s + x.length, 0);
    let backup: Record<string, unknown> | null = null;
    try {
      const { descriptor: d } = readBackupFile(step.tape, i + 1, f);
      const { format: _f, ...fields } = d;
      backup = fields;
    } catch {
      backup = null; // a file another program wrote: its label and blocks only
    }
    return { file: i + 1, dsname: f.label.dsname, blocks: f.blocks.length, bytes, ...(backup ? { backup } : {}) };
  });
  const fields = { tape: step.tape, volser: tape.volser, ...(tape.owner ? { owner: tape.owner } : {}), files };
  return { fields, mismatch: step.expect === undefined ? null : partialMismatch(fields, step.expect) };
};
