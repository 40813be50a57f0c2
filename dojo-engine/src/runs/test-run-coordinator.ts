import { randomUUID } from 'node:crypto';
import { DojoErrorCode } from '@pocdojo/common/contracts/dojo-protocol/errors';
import { Limits, type TestRun } from '@pocdojo/common/contracts/dojo-protocol/messages';
import {
  type RunLanguage,
  RunLanguages,
  RunLimits,
  type RunResult,
  runRequestSchema,
} from '@pocdojo/common/contracts/kata-runs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { CommandError } from '../room/command-error.ts';
import { RateLimiter } from '../room/rate-limiter.ts';
import type { Clock } from '../time/clock.ts';
import type { RunDispatcher } from './run-dispatcher.ts';

export interface RunActor {
  userId: string;
  name: string;
}

/** What the room lends the coordinator: its identity, its document, and its ways to speak and record. */
export interface TestRunRoom {
  readonly tenantId: string;
  readonly dojoId: string;
  language(): string;
  /** The document's files and heads at this instant. */
  snapshot(): { files: Record<string, string>; heads: string[] };
  broadcast(run: TestRun): void;
  /** Appends the finished run to the session history. */
  record(actor: RunActor, run: TestRun): void;
}

/**
 * The test runs of one dojo: who may run, how often, one run at a time. A request while a run is in
 * progress is coalesced into one queued run, which starts when the current one ends, on the document as it
 * is then (so a burst of Run presses while typing costs two runs, not ten). The run goes to the kata
 * runner through the RunDispatcher; its result comes back through `receive` (routed to this room by the
 * engine's results consumer, on whichever process owns the room). Every state change is broadcast, every
 * finished run recorded. A run the runner never answers ends amber after Limits.runResultTimeoutMs.
 */
export class TestRunCoordinator {
  readonly #room: TestRunRoom;
  readonly #dispatcher: RunDispatcher | undefined;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #limiter: RateLimiter;
  readonly #runs: TestRun[] = [];
  #current: TestRun | undefined;
  #queued: TestRun | undefined;
  #cancelTimeout: (() => void) | undefined;
  #disposed = false;

  constructor(
    room: TestRunRoom,
    deps: { dispatcher?: RunDispatcher; clock: Clock; logger: Logger; past?: readonly TestRun[] },
  ) {
    this.#room = room;
    this.#runs.push(...(deps.past ?? []));
    this.#dispatcher = deps.dispatcher;
    this.#clock = deps.clock;
    this.#log = deps.logger;
    this.#limiter = new RateLimiter({ burst: Limits.runBurst, windowMs: Limits.runWindowMs, clock: deps.clock });
  }

  /** The latest runs, oldest first (sent to a client as it joins). */
  recent(): TestRun[] {
    return [...this.#runs];
  }

  /** A Run press. Throws CommandError (nothing changes) when the actor may not run now. */
  request(actor: RunActor, mayEdit: boolean): TestRun {
    if (!this.#dispatcher)
      throw new CommandError(
        DojoErrorCode.runnerUnavailable,
        'tests cannot run in this dojo: no kata runner is configured',
      );
    const language = this.#room.language();
    if (!(RunLanguages as readonly string[]).includes(language))
      throw new CommandError(DojoErrorCode.runnerUnavailable, `no kata runner for the language "${language}"`);
    if (!mayEdit)
      throw new CommandError(
        DojoErrorCode.runForbidden,
        'only the driver or a facilitator may run the tests now (edit policy "driver")',
      );
    if (!this.#limiter.take(actor.userId))
      throw new CommandError(
        DojoErrorCode.rateLimited,
        `at most ${Limits.runBurst} test runs per ${Limits.runWindowMs / 1000} s`,
      );
    if (this.#queued) return this.#queued;
    const run = this.#newRun(actor, language);
    if (this.#current) {
      this.#queued = run;
      this.#publish(run);
      return run;
    }
    this.#start(run);
    return run;
  }

  /** A result from the runner. Ignored (false) unless it is this dojo's run in progress. */
  receive(result: RunResult): boolean {
    const run = this.#current;
    if (result.tenantId !== this.#room.tenantId || result.dojoId !== this.#room.dojoId) {
      this.#log.warn({ runId: result.runId, tenantId: result.tenantId }, 'a run result of another dojo was ignored');
      return false;
    }
    if (!run || run.runId !== result.runId) {
      this.#log.info({ runId: result.runId }, 'a late or repeated run result was ignored');
      return false;
    }
    this.#finish(run, {
      colour: result.colour,
      reason: result.reason ?? null,
      summary: result.summary,
      failingTests: result.failingTests,
      output: result.output,
      outputTruncated: result.outputTruncated,
      durationMs: result.durationMs,
    });
    return true;
  }

  dispose(): void {
    this.#disposed = true;
    this.#cancelTimeout?.();
  }

  #newRun(actor: RunActor, language: string): TestRun {
    return {
      runId: randomUUID(),
      status: 'queued',
      language,
      byUserId: actor.userId,
      byName: actor.name,
      requestedAt: this.#clock.now(),
      startedAt: null,
      finishedAt: null,
      heads: [],
      colour: null,
      reason: null,
      summary: '',
      failingTests: [],
      output: '',
      outputTruncated: false,
      durationMs: null,
    };
  }

  #start(run: TestRun): void {
    const { files, heads } = this.#room.snapshot();
    this.#current = run;
    Object.assign(run, { status: 'running', startedAt: this.#clock.now(), heads });
    const request = runRequestSchema.safeParse({
      runId: run.runId,
      tenantId: this.#room.tenantId,
      dojoId: this.#room.dojoId,
      language: run.language as RunLanguage,
      files,
      requestedAt: new Date(run.requestedAt).toISOString(),
    });
    if (!request.success) {
      // The document's shape rules allow more than a run takes (e.g. over RunLimits.maxFiles files).
      const issue = request.error.issues[0];
      this.#finish(
        run,
        amber(
          `the files cannot be run: ${issue?.path.join('.')} ${issue?.message} (at most ${RunLimits.maxFiles} files, ${RunLimits.maxTotalBytes / 1024} KiB)`,
        ),
      );
      return;
    }
    this.#publish(run);
    this.#cancelTimeout = this.#clock.setTimer(Limits.runResultTimeoutMs, () =>
      this.#finish(run, amber('the kata runner did not answer in time')),
    );
    this.#dispatcher!.send(request.data).catch((error) => {
      this.#log.error({ err: error, runId: run.runId }, 'sending the run to the kata runner failed');
      this.#finish(run, amber('the kata runner could not be reached'));
    });
  }

  #finish(
    run: TestRun,
    outcome: Pick<
      TestRun,
      'colour' | 'reason' | 'summary' | 'failingTests' | 'output' | 'outputTruncated' | 'durationMs'
    >,
  ): void {
    if (this.#current !== run || this.#disposed) return;
    this.#cancelTimeout?.();
    Object.assign(run, outcome, { status: 'done', finishedAt: this.#clock.now() });
    this.#current = undefined;
    this.#publish(run);
    this.#room.record({ userId: run.byUserId, name: run.byName }, run);
    const next = this.#queued;
    this.#queued = undefined;
    if (next) this.#start(next);
  }

  #publish(run: TestRun): void {
    const index = this.#runs.findIndex((known) => known.runId === run.runId);
    if (index === -1) this.#runs.push(run);
    if (this.#runs.length > Limits.runHistory) this.#runs.shift();
    this.#room.broadcast({ ...run });
  }
}

function amber(
  summary: string,
): Pick<TestRun, 'colour' | 'reason' | 'summary' | 'failingTests' | 'output' | 'outputTruncated' | 'durationMs'> {
  return {
    colour: 'amber',
    reason: 'runner-error',
    summary,
    failingTests: [],
    output: '',
    outputTruncated: false,
    durationMs: null,
  };
}
