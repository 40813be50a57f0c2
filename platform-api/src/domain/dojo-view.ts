import type { DojoStatus } from '@pocdojo/common/contracts/vocabularies';
import type { DojoSettings } from '@pocdojo/common/runtime/tokens';
import type { DojoEntity } from '../db/entities/Dojo.ts';
import { type AnyKata, kataStarters } from '../katas/kata-catalogue.ts';
import type { Language } from '../katas/language.ts';

/** A dojo nobody ended is considered finished this long after its planned end. */
const OVERRUN_MINUTES = 60;

/** The one empty file a dojo without a kata starts from. */
const BLANK_FILE: Record<Language, string> = {
  typescript: 'main.ts',
  python: 'main.py',
  java: 'Main.java',
  go: 'main.go',
};

/** Scheduled before its start, live from then until ended (or an hour past its planned end), then finished. */
export function dojoStatus(dojo: DojoEntity, now = new Date()): DojoStatus {
  if (dojo.endedAt) return 'finished';
  const start = dojo.scheduledAt ?? dojo.createdAt;
  if (start > now) return 'scheduled';
  const overrun = start.getTime() + (dojo.durationMinutes + OVERRUN_MINUTES) * 60_000;
  return now.getTime() > overrun ? 'finished' : 'live';
}

/** A dojo as the API shows it (the `Dojo` schema), its status as of now. */
export const toDojoView = (dojo: DojoEntity) => ({
  id: dojo.id,
  title: dojo.title,
  facilitatorId: dojo.facilitatorId,
  kataId: dojo.kataId ?? null,
  language: dojo.language as Language,
  durationMinutes: dojo.durationMinutes,
  rotationMinutes: dojo.rotationMinutes,
  editPolicy: dojo.editPolicy,
  scheduledAt: dojo.scheduledAt?.toISOString() ?? null,
  endedAt: dojo.endedAt?.toISOString() ?? null,
  pocId: dojo.pocId ?? null,
  status: dojoStatus(dojo),
  createdAt: dojo.createdAt.toISOString(),
  version: dojo.version,
});

/**
 * The settings a dojo ticket carries to the engine: the dojo's, and the
 * kata's starter files in its language (one empty file without a kata).
 */
export function dojoTicketSettings(dojo: DojoEntity, kata: AnyKata | undefined): DojoSettings {
  const language = dojo.language as Language;
  return {
    title: dojo.title,
    language,
    durationMinutes: dojo.durationMinutes,
    rotationMinutes: dojo.rotationMinutes,
    editPolicy: dojo.editPolicy,
    kataId: dojo.kataId ?? null,
    version: dojo.version,
    files: (kata && kataStarters(kata, language)) ?? { [BLANK_FILE[language]]: '' },
  };
}
