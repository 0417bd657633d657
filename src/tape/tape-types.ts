/**
 * What a tape holds (spec/tape.md, TAPE-L-1): a volume serial and its files, each a label and
 * its data blocks. The labels themselves (VOL1, HDR1/2, EOF1/2) are made from these fields.
 */

/** One file's label fields (TAPE-L-3, TAPE-L-4). */
export interface FileLabel {
  /** Data set name, 1–17 characters A–Z 0–9 . - $ # @ (HDR1 cols 5–21). */
  readonly dsname: string;
  /** U: blocks of any length up to blockBytes; F: every block exactly blockBytes (one record each). */
  readonly recfm: 'U' | 'F';
  /** Largest block length in bytes, 0..65535 (HDR2 cols 6–10, or 71–80 past 32760). */
  readonly blockBytes: number;
  /** Position on the tape, 1-based (HDR1 cols 32–35); when given it must be the file's index + 1. */
  readonly fileSeq?: number;
}

export interface TapeFile {
  readonly label: FileLabel;
  readonly blocks: readonly Uint8Array[];
}

export interface Tape {
  /** Volume serial, 1–6 characters A–Z 0–9 (VOL1 cols 5–10). */
  readonly volser: string;
  /** Owner (VOL1 cols 42–51), 1–10 label characters, no trailing blank; absent when blank. */
  readonly owner?: string;
  readonly files: readonly TapeFile[];
}

/** Limits (TAPE-L-7), units last. */
export const TAPE_FILES_MAX = 9999; // the 4-digit file sequence field
export const TAPE_FILE_BLOCKS_MAX = 999_999; // the 6-digit low-order block count; the high-order field stays 0000
export const TAPE_BLOCK_BYTES_MAX = 0xffff; // one AWSTAPE header, no segments
export const TAPE_IMAGE_BYTES_MAX = 2 ** 30;
