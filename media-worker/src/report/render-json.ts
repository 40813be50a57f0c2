import type { ReportFigures } from '@pocdojo/common/contracts/report-figures';
import type { RenderedFile } from './rendered-file.ts';

/** The figures as JSON, versioned so consumers can evolve with the schema. */
export function renderReportJson(figures: ReportFigures): RenderedFile {
  const body = JSON.stringify({ schemaVersion: 2, ...figures }, null, 2);
  return { body: new TextEncoder().encode(`${body}\n`), contentType: 'application/json', extension: 'json' };
}
