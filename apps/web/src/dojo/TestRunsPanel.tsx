import type { TestRun } from '@pocdojo/common/dojo-protocol/index';
import { DEFAULT_TIME_ZONE } from '@pocdojo/common/i18n/locales';
import { useMessages } from '../i18n/useMessages.ts';
import type { Words } from '../lib/words.ts';
import { colourName, verdictText } from './runSummary.ts';

/** What a run shows in words: its light and verdict when done, otherwise where it stands. */
function lightOf(run: TestRun, words: Words): string {
  if (run.status === 'done' && run.colour) return colourName(run.colour, words);
  return words.t(run.status === 'queued' ? 'dojo.runs.queued' : 'dojo.runs.running');
}

function verdictOf(run: TestRun, words: Words): string | null {
  return run.status === 'done' && run.colour ? verdictText({ ...run, colour: run.colour }, words) : null;
}

/**
 * The kata's tests: a Run button for whoever may edit, the latest run in detail (light, summary, failing
 * tests, output), and the session's traffic lights, oldest first. Every client shows the same runs.
 */
export function TestRunsPanel({ runs, canRun, onRun }: { runs: TestRun[]; canRun: boolean; onRun: () => void }) {
  const words = useMessages();
  const { t, locale } = words;
  const time = (at: number) =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'medium', timeZone: DEFAULT_TIME_ZONE }).format(at);
  const seconds = new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: 'second',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const latest = runs.at(-1);
  const busy = runs.some((run) => run.status !== 'done');
  const verdict = latest ? verdictOf(latest, words) : null;
  // The runner's own line beside the translated verdict when it says more (a compiler's first error).
  const detail = latest?.status === 'done' && latest.colour === 'amber' && latest.summary ? latest.summary : null;
  return (
    <section aria-labelledby="runs-title" className="panel runs">
      <div className="runs__head">
        <h2 id="runs-title">{t('dojo.runs.title')}</h2>
        <button
          type="button"
          className="button"
          onClick={onRun}
          disabled={!canRun}
          title={canRun ? t('dojo.runs.run_hint') : t('dojo.runs.run_forbidden')}
        >
          {busy ? t('dojo.runs.run_again') : t('dojo.runs.run')}
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
            <strong>{lightOf(latest, words)}</strong> {verdict && <span>— {verdict}</span>}
          </p>
          {detail && <p className="muted runs__detail">{detail}</p>}
          <p className="muted">
            {t('dojo.runs.by', { name: latest.byName, time: time(latest.requestedAt) })}
            {latest.durationMs !== null ? ` · ${seconds.format(latest.durationMs / 1000)}` : ''}
          </p>
          {latest.failingTests.length > 0 && (
            <ul className="runs__failing" aria-label={t('dojo.runs.failing')}>
              {latest.failingTests.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          )}
          {latest.output && (
            <details>
              <summary>{latest.outputTruncated ? t('dojo.runs.output_cut') : t('dojo.runs.output')}</summary>
              <pre className="runs__output">{latest.output}</pre>
            </details>
          )}
        </div>
      ) : (
        <p className="muted">{t('dojo.runs.none')}</p>
      )}
      {runs.length > 0 && (
        <ol className="runs__lights" aria-label={t('dojo.runs.lights')}>
          {runs.map((run) => {
            const said = verdictOf(run, words);
            return (
              <li
                key={run.runId}
                className={`light light--${run.status === 'done' ? run.colour : 'pending'}`}
                data-colour={run.status === 'done' ? run.colour : ''}
                title={[lightOf(run, words), run.byName, time(run.requestedAt), said].filter(Boolean).join(' · ')}
              >
                <span className="visually-hidden">
                  {t('dojo.runs.light_by', { light: lightOf(run, words), name: run.byName })}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
