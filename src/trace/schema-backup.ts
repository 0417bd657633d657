/**
 * The ops spec/backup.md adds to trace-v1 (the eleventh embodiment): hosts, the LAN and tape.
 * Listed in OP_SCHEMAS (src/trace/schema.ts) after the contract's ops.
 */
import { z } from 'zod';
import { ExtentListSchema, JsonNumber, JsonObjectSchema, stepSchema } from './schema-parts.ts';

// ---------------------------------------------------------------------------------------
// Ops: hosts, LAN and tape (added; spec/backup.md, the eleventh embodiment)

export const HostStepSchema = stepSchema('host', { id: z.string(), system: z.string() });
export const LanStepSchema = stepSchema('lan', { between: z.tuple([z.string(), z.string()]) });
export const NotifyStepSchema = stepSchema('notify', {
  from: z.string(),
  to: z.string(),
  /** "SYSTEM:VOLUME" of the copy volume */
  volume: z.string(),
  extents: ExtentListSchema.optional(),
  expect: JsonObjectSchema.optional(),
});
export const BackupStepSchema = stepSchema('backup', {
  host: z.string(),
  tape: z.string(),
  /** "SYSTEM:VOLUME" of the copy volume */
  volume: z.string(),
  extents: ExtentListSchema.optional(),
  expect: JsonObjectSchema.optional(),
});
export const RestoreStepSchema = stepSchema('restore', {
  tape: z.string(),
  file: JsonNumber,
  /** "SYSTEM:VOLUME" */
  volume: z.string(),
  expect: JsonObjectSchema.optional(),
});
export const TapeLoadStepSchema = stepSchema('tapeLoad', { tape: z.string(), path: z.string() });
export const TapeInfoStepSchema = stepSchema('tapeInfo', { tape: z.string(), expect: JsonObjectSchema.optional() });

export type HostStep = z.infer<typeof HostStepSchema>;
export type LanStep = z.infer<typeof LanStepSchema>;
export type NotifyStep = z.infer<typeof NotifyStepSchema>;
export type BackupStep = z.infer<typeof BackupStepSchema>;
export type RestoreStep = z.infer<typeof RestoreStepSchema>;
export type TapeLoadStep = z.infer<typeof TapeLoadStepSchema>;
export type TapeInfoStep = z.infer<typeof TapeInfoStepSchema>;
