import type { Announcement } from '@pocdojo/common/dojo-protocol/index';
import type { Words } from '../lib/words.ts';

/**
 * What the room announces, in a sentence (the announcements list is a live region, so screen readers
 * say it as it happens): a rotation names the new driver and why, the timer says what it did.
 */
export function announcementText(announcement: Announcement, { t }: Words): string {
  switch (announcement.kind) {
    case 'rotation':
      return t('dojo.announce.rotation', { driver: announcement.driverName, reason: announcement.reason });
    case 'timer':
      return t('dojo.announce.timer', { status: announcement.status });
    case 'joined':
      return t('dojo.announce.joined', { name: announcement.name });
    case 'left':
      return t('dojo.announce.left', { name: announcement.name });
    case 'removed':
      return t('dojo.announce.removed', { name: announcement.name });
  }
}
