/**
 * The two ways a tape image is refused (spec/tape.md, TAPE-R-1, TAPE-L-7). src/tape imports
 * nothing outside its folder, so these are its own classes; their `code`s are the trace
 * contract's words for the same thing.
 */

/** A tape image that does not read (TAPE-R-1): which AWSTAPE block, where, and what is wrong. */
export class TapeDamaged extends Error {
  readonly code = 'TAPE_DAMAGED';
  /** 1-based AWSTAPE block (header) index, tape marks and segments counted (TAPE-F-6). */
  readonly block: number;
  /** Byte offset of that block's header; the image's length when the image ended before it. */
  readonly offset: number;
  /** What is wrong, without the position. */
  readonly reason: string;
  constructor(block: number, offset: number, reason: string) {
    super(`tape damaged at block ${block} (offset ${offset}): ${reason}`);
    this.name = 'TapeDamaged';
    this.block = block;
    this.offset = offset;
    this.reason = reason;
  }
}

/** A Tape the writer refuses before producing any byte (TAPE-L-7), naming the field. */
export class TapeInvalid extends Error {
  readonly code = 'INVALID_ARGUMENT';
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`invalid tape: ${field}: ${reason}`);
    this.name = 'TapeInvalid';
    this.field = field;
  }
}
