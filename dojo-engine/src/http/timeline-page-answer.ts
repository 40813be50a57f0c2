import type { TimelinePageAnswer, TimelineRow } from '@pocdojo/common/dojo-replay/replay-model';
import type { TimelinePage } from '../persistence/timeline.ts';

/**
 * A stored timeline page as the replay API serves it (docs/protocol.md §13): rows instead of objects, epoch ms
 * instead of ISO times, each actor once per page, and a dependency on an earlier change of the same page as a
 * back-reference (1 = the change before) instead of its 64-character hash. Changes carry no author: the
 * client knows each actor's user from `GET /replay`.
 */
export function timelinePageAnswer(page: TimelinePage): TimelinePageAnswer {
  const actors: string[] = [];
  const actorIndex = new Map<string, number>();
  const position = new Map<string, number>();
  const rows: TimelineRow[] = [];
  let changes = 0;
  for (const item of page.items) {
    if (item.kind === 'change') {
      let actor = actorIndex.get(item.actor);
      if (actor === undefined) {
        actor = actors.push(item.actor) - 1;
        actorIndex.set(item.actor, actor);
      }
      const deps = item.deps.map((dep) => {
        const earlier = position.get(dep);
        return earlier === undefined ? dep : changes - earlier;
      });
      position.set(item.hash, changes++);
      rows.push([0, item.at, item.hash, deps, actor]);
    } else {
      const { colour, summary, reason } = item.data as { colour?: string; summary?: string; reason?: string };
      rows.push([1, item.at, { userId: item.userId, name: item.name, colour, summary, reason }]);
    }
  }
  return { actors, rows, nextCursor: page.nextCursor };
}
