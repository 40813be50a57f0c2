import type { SQSClient } from '@aws-sdk/client-sqs';
import { matchMaker } from '@colyseus/core';
import { runResultSchema } from '@pocdojo/common/contracts/kata-runs';
import type { Logger } from '@pocdojo/common/runtime/logger';
import { QueueConsumer } from '@pocdojo/common/runtime/queue-consumer';
import type { DojoRoom } from '../room/dojo-room.ts';

/** What became of one run result. */
export type ResultDelivery = 'delivered' | 'ignored' | 'no_room' | 'invalid';

/**
 * Hands a run result to its dojo's room, whichever engine process owns it (Colyseus's remoteRoomCall:
 * directly when it is this one, over Redis presence otherwise). No room: the dojo emptied while its tests
 * ran; the result is dropped (the room records runs as they finish, so it was never recorded).
 */
export async function deliverRunResult(body: string): Promise<ResultDelivery> {
  let parsed: ReturnType<typeof runResultSchema.safeParse>;
  try {
    parsed = runResultSchema.safeParse(JSON.parse(body));
  } catch {
    return 'invalid';
  }
  if (!parsed.success) return 'invalid';
  const result = parsed.data;
  const listing = await matchMaker.getRoomById(result.dojoId);
  if (!listing) return 'no_room';
  const accepted = await matchMaker.remoteRoomCall<DojoRoom>(result.dojoId, 'receiveRunResult', [result]);
  return accepted ? 'delivered' : 'ignored';
}

/**
 * Consumes kata-runner's results queue: every engine process polls it, and whichever receives a result
 * routes it to the room's owner. An invalid message is dropped with a warning (the runner validates what
 * it sends; replaying it would not make it valid); a failed delivery stays on the queue and comes back.
 */
export function startRunResultsConsumer(deps: { sqs: SQSClient; queueUrl: string; logger: Logger }): {
  stop(): Promise<void>;
} {
  const logger = deps.logger.child({ component: 'run-results' });
  const consumer = new QueueConsumer({
    queueUrl: deps.queueUrl,
    sqs: deps.sqs,
    logger,
    what: 'run result',
    waitTimeSeconds: 2,
    pollingWaitTimeMs: 0,
    handle: async (message) => {
      const delivery = await deliverRunResult(message.Body ?? '');
      if (delivery === 'invalid') logger.warn({ messageId: message.MessageId }, 'invalid run result dropped');
      else logger.debug({ messageId: message.MessageId, delivery }, 'run result');
    },
  });
  consumer.start();
  return consumer;
}
