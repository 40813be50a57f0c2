import { ApiError, statusKind } from '../api/ApiError.ts';
import { useMessages } from '../i18n/useMessages.ts';

const statusMessages = {
  unreachable: 'problem.status.unreachable',
  invalid: 'problem.status.invalid',
  signed_out: 'problem.status.signed_out',
  forbidden: 'problem.status.forbidden',
  not_found: 'problem.status.not_found',
  conflict: 'problem.status.conflict',
  too_large: 'problem.status.too_large',
  too_many: 'problem.status.too_many',
  server: 'problem.status.server',
  other: 'problem.status.other',
} as const;

/** A sentence for a failed request: the server's own (already in the reader's language), else a plain one for its status. */
export function useProblemSummary(): (error: unknown) => string {
  const { t } = useMessages();
  return (error) => {
    if (error instanceof ApiError) return error.serverSummary ?? t(statusMessages[statusKind(error.status)]);
    return error instanceof Error ? error.message : String(error);
  };
}

/**
 * The summary of a failed request, announced to screen readers. Field-level
 * messages are shown next to their fields; the ones no field on the form
 * claims are listed here so that nothing the server said is lost.
 */
export function ProblemAlert({ error, fields = [] }: { error: unknown; fields?: string[] }) {
  const summarize = useProblemSummary();
  if (!error) return null;
  const problem = error instanceof ApiError ? error : null;
  const unclaimed =
    problem?.errors.filter((e) => !fields.some((f) => e.field === f || e.field.startsWith(`${f}.`))) ?? [];
  return (
    <div className="alert alert--error" role="alert">
      <p>{summarize(error)}</p>
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
