import { ApiError } from '../api/ApiError.ts';

/**
 * The summary of a failed request, announced to screen readers. Field-level
 * messages are shown next to their fields; the ones no field on the form
 * claims are listed here so that nothing the server said is lost.
 */
export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error : null;
  const summary = problem ? problem.summary : error instanceof Error ? error.message : String(error);
  const unclaimed =
    problem?.errors.filter((e) => !fields.some((f) => e.field === f || e.field.startsWith(`${f}.`))) ?? [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{summary}</p>
      {unclaimed.length > 0 && (
        <ul className="alert__list">
          {unclaimed.map((e) => (
            <li key={`${e.field}:${e.message}`}>{e.field ? `${e.field}: ${e.message}` : e.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
