import { commitHostWrite, hostRead, planWrite } from '../../model/host-io.ts';
import { LIMITS } from '../../limits.ts';
import type { Handler } from '../context.ts';
import { dataLength, decodeData, matchesExpectation, sha256Hex, toHex } from '../data.ts';
import type { ReadStep, WriteStep } from '../schema.ts';
import { readMismatch } from '../read-mismatch.ts';


/** `write`: a host write; acknowledged once every listed volume has stored it. */
export const onWrite: Handler<WriteStep> = (ctx, step) => {
  const plan = planWrite(ctx.model, step.system, step.volume, step.offset, dataLength(step.data)); // validated once, LIM-2 before the data is decoded
  const data = decodeData(step.data);
  const acknowledgedAfter = commitHostWrite(ctx.model, plan, data);
  ctx.lastWrite = plan;
  ctx.reference.write(`${step.system}:${step.volume}`, step.offset, data);
  const suspendedByError = plan.road === 'pairs' ? plan.remote.filter((s) => s.lost).map((s) => s.pair.id) : [];
  if (plan.road !== 'takeover' && plan.local.lost && plan.local.pair) suspendedByError.push(plan.local.pair.id); // LC-F-1
  return { fields: { bytes: data.length, acknowledgedAfter, ...(suspendedByError.length > 0 ? { suspendedByError } : {}) } }; // RC-F-3, LC-F-1
};

/** `read`: a host read; `expect` turns it into a check. */
export const onRead: Handler<ReadStep> = (ctx, step) => {
  const bytes = hostRead(ctx.model, step.system, step.volume, step.offset, step.length);
  const sha256 = sha256Hex(bytes);
  if (step.expect === undefined && bytes.length <= LIMITS.readHexBytesMax) {
    return { fields: { length: bytes.length, hex: toHex(bytes), sha256 } };
  }
  const fields = { length: bytes.length, sha256 };
  if (step.expect === undefined) return { fields };
  const ok = matchesExpectation(bytes, step.expect);
  if (ok) return { fields, mismatch: null };
  const where = readMismatch(step.expect, bytes, step.offset); // TERM-V-4: the first differing byte, where the expectation gives bytes
  return { fields, mismatch: `read bytes (sha256 ${sha256}) do not match the expected data${where ? `: ${where}` : ''}` };
};
