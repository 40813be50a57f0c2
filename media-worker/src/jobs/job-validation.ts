import { JobError, MediaErrorCodes } from '../errors.ts';

/** Longest report period; beyond it the month tables stop being readable. */
export const MAX_REPORT_MONTHS = 120;

/** Parses a report's [from, to) and rejects what makes no sense, permanently. */
export function validateReportPeriod(from: string, to: string): { from: Date; to: Date } {
  const start = new Date(from);
  const end = new Date(to);
  if (Number.isNaN(start.getTime())) throw invalid(`from is not a date: ${JSON.stringify(from)}`);
  if (Number.isNaN(end.getTime())) throw invalid(`to is not a date: ${JSON.stringify(to)}`);
  if (end <= start) throw invalid(`to (${to}) must be after from (${from})`);
  const months = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  if (months > MAX_REPORT_MONTHS) throw invalid(`period is longer than ${MAX_REPORT_MONTHS} months`);
  return { from: start, to: end };
}

/** Years a yearly video may be asked for. */
export function validateVideoYear(year: number): void {
  if (year < 1970 || year > 9998) throw invalid(`year ${year} is out of range (1970–9998)`);
}

function invalid(message: string): JobError {
  return new JobError(MediaErrorCodes.invalidJob, message, { retryable: false });
}
