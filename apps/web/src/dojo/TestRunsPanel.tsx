import type { TestRun } from '@pocdojo/common/contracts/dojo-protocol';

const colourLabel = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

/** What a run shows in words: its light when done, otherwise where it stands. */
function lightOf(run: TestRun): string {
  if (run.status === 'done' && run.colour) return colourLabel[run.colour];
  return run.status === 'queued' ? 'Queued' : 'Running';
}

function time(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * The kata's tests: a Run button for whoever may edit, the latest run in detail (light, summary, failing
 * tests, output), and the session's traffic lights, oldest first. Every client shows the same runs.
 */
export function TestRunsPanel({ runs, canRun, onRun }: { runs: TestRun[]; canRun: boolean; onRun: () => void }) {
  const latest = runs.at(-1);
  const busy = runs.some((run) => run.status !== 'done');
  return (
    <section aria-labelledby="runs-title" className="panel runs">
      <div className="runs__head">
        <h2 id="runs-title">Tests</h2>
        <button
          type="button"
          className="button"
          onClick={onRun}
          disabled={!canRun}
          title={canRun ? 'Run the kata’s tests on the code as it is now' : 'Only whoever may type can run the tests'}
        >
          {busy ? 'Run again' : 'Run'}
        </button>
      </div>
      {latest ? (
        <div
          className={`runs__latest run--${latest.status === 'done' ? latest.colour : 'pending'}`}
          data-testid="latest-run"
          data-colour={latest.status === 'done' ? latest.colour : ''}
          data-status={latest.status}
          aria-live="polite"
        >
          <p>
            <strong>{lightOf(latest)}</strong> {latest.summary && <span>— {latest.summary}</span>}
          </p>
          <p className="muted">
            Run by {latest.byName} at {time(latest.requestedAt)}
            {latest.durationMs !== null ? ` · ${(latest.durationMs / 1000).toFixed(1)} s` : ''}
          </p>
          {latest.failingTests.length > 0 && (
            <ul className="runs__failing" aria-label="Failing tests">
              {latest.failingTests.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          )}
          {latest.output && (
            <details>
              <summary>Output{latest.outputTruncated ? ' (cut)' : ''}</summary>
              <pre className="runs__output">{latest.output}</pre>
            </details>
          )}
        </div>
      ) : (
        <p className="muted">No run yet: press Run to see the traffic light.</p>
      )}
      {runs.length > 0 && (
        <ol className="runs__lights" aria-label="Traffic lights">
          {runs.map((run) => (
            <li
              key={run.runId}
              className={`light light--${run.status === 'done' ? run.colour : 'pending'}`}
              data-colour={run.status === 'done' ? run.colour : ''}
              title={`${lightOf(run)} · ${run.byName} · ${time(run.requestedAt)}${run.summary ? ` · ${run.summary}` : ''}`}
            >
              <span className="visually-hidden">
                {lightOf(run)} by {run.byName}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
