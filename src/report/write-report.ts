import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildReport, type ReportInput } from './build-report.ts';

/** Builds the report and writes it to `file` (e.g. out/report.html), creating its directory. */
export async function writeReport(file: string, input: ReportInput): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, buildReport(input), 'utf8');
}
