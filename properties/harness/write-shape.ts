/**
 * Where a generated host write lands within a track (every trace-driven family): at its start
 * or end, the whole track, somewhere inside, or straddling into the next track — the places
 * copy bugs hide (a track boundary, a partial track).
 */
export type Shape =
  | { readonly at: 'start' | 'end' | 'whole'; readonly len: number }
  | { readonly at: 'mid'; readonly len: number; readonly x: number }
  | { readonly at: 'span'; readonly before: number; readonly after: number };

/** The byte range of `shape` at track `t` of a volume of `tracks` tracks, clipped to it. */
export function shapeRange(t: number, shape: Shape, tracks: number, tb: number): { offset: number; length: number } {
  const bytes = tracks * tb;
  let offset: number;
  let length: number;
  switch (shape.at) {
    case 'start': offset = t * tb; length = Math.min(shape.len, tb); break;
    case 'end': length = Math.min(shape.len, tb); offset = (t + 1) * tb - length; break;
    case 'whole': offset = t * tb; length = tb; break;
    case 'mid': length = Math.min(shape.len, tb); offset = t * tb + (shape.x % (tb - length + 1)); break;
    case 'span': offset = (t + 1) * tb - shape.before; length = shape.before + shape.after; break;
  }
  offset = Math.max(0, Math.min(offset, bytes - 1));
  return { offset, length: Math.max(1, Math.min(length, bytes - offset)) };
}

export function describeShape(s: Shape): string {
  switch (s.at) {
    case 'whole': return 'whole';
    case 'start': case 'end': return `${s.at} ${s.len}`;
    case 'mid': return `mid ${s.len}@${s.x}`;
    case 'span': return `span -${s.before}+${s.after}`;
  }
}
