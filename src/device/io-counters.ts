/** I/O counters of one storage device (spec/raid.md, RAID-IO-1). */
export interface IoCounters {
  reads: number;
  writes: number;
  bytesRead: number;
  bytesWritten: number;
}

export function zeroCounters(): IoCounters {
  return { reads: 0, writes: 0, bytesRead: 0, bytesWritten: 0 };
}
