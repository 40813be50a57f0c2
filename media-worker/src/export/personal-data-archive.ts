import type { ObjectStore } from '../adapters/object-store.ts';
import type {
  EngineMemberData,
  MemberQuery,
  NotifierMemberData,
  PersonalDataSource,
  PlatformPersonalData,
} from '../domain/personal-data-source.ts';
import type { Reader } from '../i18n/reader.ts';
import { ZipFileWriter } from './zip-file-writer.ts';

/** Version of the archive's layout, in manifest.json: a program reading it can tell what to expect. */
export const ARCHIVE_LAYOUT_VERSION = 1;

export interface ArchiveInput {
  source: PersonalDataSource;
  store: ObjectStore;
  query: MemberQuery;
  reader: Reader;
  /** Where the zip is written (a temporary file the caller uploads and deletes). */
  path: string;
  signal: AbortSignal;
  onProgress(percent: number, stage: string): void;
  now?: () => Date;
}

/**
 * Builds a member's personal data archive (LGPD access and portability):
 *
 * ```
 * README.txt               what each file holds, in the member's language
 * manifest.json            the same for programs: layout version, files, counts, what is missing
 * profile.json             profile and team (no password hash, no two-factor secret, no token)
 * pocs.json                the POCs they own; each attachment with its path in the archive
 * attachments/<poc>/<id>-<name>   the attachments' original bytes
 * dojos.json               per dojo: its title, their chat messages, changes, test runs, other events
 * notifications.json       in-app notifications, e-mails and pushes sent to them, preferences, devices
 * audit.json               security records by them or about them
 * ```
 *
 * Attachments are streamed from the object store into the zip one chunk at a
 * time. Returns the archive's size in bytes.
 */
export async function writePersonalDataArchive(input: ArchiveInput): Promise<number> {
  const { source, query, reader, signal } = input;
  input.onProgress(5, 'fetching');
  const [platform, engine, notifier] = await Promise.all([
    source.platform(query, signal),
    source.engine(query, signal),
    source.notifier(query, signal),
  ]);
  input.onProgress(25, 'archiving');
  const zip = new ZipFileWriter(input.path);
  try {
    await zip.addText('profile.json', json({ profile: platform.profile, team: platform.team }));
    if (engine) await zip.addText('dojos.json', json(dojosFile(platform, engine)));
    if (notifier) await zip.addText('notifications.json', json(notifier));
    await zip.addText('audit.json', json({ entries: platform.audit }));
    const attachments = await copyAttachments(zip, input, platform);
    await zip.addText('pocs.json', json({ pocs: attachments.pocs }));
    const files = describeFiles(reader, platform, engine, notifier, attachments);
    await zip.addText(
      'manifest.json',
      json({
        format: 'pocdojo-personal-data',
        version: ARCHIVE_LAYOUT_VERSION,
        generatedAt: (input.now?.() ?? new Date()).toISOString(),
        locale: reader.locale,
        member: { id: platform.profile.id, name: platform.profile.name },
        team: platform.team,
        files: files.map(({ path, description, count }) => ({ path, description, count })),
        missing: files.filter((file) => file.missing).map((file) => file.path),
        missingAttachments: attachments.missing,
      }),
    );
    await zip.addText('README.txt', readme(reader, platform, files, attachments.missing.length, input.now));
    return await zip.finish();
  } catch (error) {
    zip.destroy();
    throw error;
  }
}

interface CopiedAttachments {
  pocs: unknown[];
  count: number;
  /** Keys listed by the platform but absent from storage (an upload never finished). */
  missing: string[];
}

async function copyAttachments(
  zip: ZipFileWriter,
  input: ArchiveInput,
  platform: PlatformPersonalData,
): Promise<CopiedAttachments> {
  const total = platform.pocs.reduce(
    (sum, poc) => sum + poc.attachments.reduce((bytes, file) => bytes + file.bytes, 0),
    0,
  );
  let copied = 0;
  let count = 0;
  const missing: string[] = [];
  const pocs = [];
  for (const poc of platform.pocs) {
    const attachments = [];
    for (const file of poc.attachments) {
      const { key, ...described } = file;
      const chunks = await input.store.read(key, input.signal);
      if (!chunks) {
        missing.push(file.id);
        attachments.push({ ...described, path: null, missing: true });
        continue;
      }
      const path = `attachments/${poc.id}/${file.id}-${safeName(file.fileName)}`;
      copied += await zip.addStream(path, chunks, input.signal);
      count++;
      attachments.push({ ...described, path });
      input.onProgress(25 + (total ? (copied / total) * 65 : 65), 'attachments');
    }
    pocs.push({ ...poc, attachments });
  }
  return { pocs, count, missing };
}

/** A file name that stays one entry under its folder on every system: no separators, no control characters. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\p{Cc}]/gu, '_').replace(/^\.+/, '_');
  return cleaned.slice(0, 150) || 'file';
}

function dojosFile(platform: PlatformPersonalData, engine: EngineMemberData) {
  const titles = new Map(platform.dojos.map((dojo) => [dojo.id, dojo.title]));
  return {
    dojos: engine.dojos.map((dojo) => ({
      dojoId: dojo.dojoId,
      // A dojo the team deleted keeps its records here, without a title.
      title: titles.get(dojo.dojoId) ?? null,
      chatMessages: dojo.history
        .filter((event) => event.kind === 'chat')
        .map((event) => ({ at: event.at, text: event.data.text ?? null, chatId: event.data.chatId ?? null })),
      edits: dojo.edits,
      testRuns: dojo.history
        .filter((event) => event.kind === 'test_run')
        .map((event) => ({ at: event.at, ...event.data })),
      otherEvents: dojo.history
        .filter((event) => event.kind !== 'chat' && event.kind !== 'test_run')
        .map((event) => ({ kind: event.kind, at: event.at, data: event.data })),
    })),
  };
}

interface DescribedFile {
  path: string;
  description: string;
  count: number | null;
  missing: boolean;
}

function describeFiles(
  reader: Reader,
  platform: PlatformPersonalData,
  engine: EngineMemberData | null,
  notifier: NotifierMemberData | null,
  attachments: CopiedAttachments,
): DescribedFile[] {
  const file = (path: string, description: string, count: number | null, missing = false) => ({
    path,
    description,
    count,
    missing,
  });
  const missingPart = (path: string, service: string) =>
    file(path, reader.t('export.missing', { file: path, service }), null, true);
  return [
    file('README.txt', reader.t('export.file.readme'), null),
    file('manifest.json', reader.t('export.file.manifest'), null),
    file('profile.json', reader.t('export.file.profile'), null),
    file('pocs.json', reader.t('export.file.pocs', { count: platform.pocs.length }), platform.pocs.length),
    file('attachments/', reader.t('export.file.attachments', { count: attachments.count }), attachments.count),
    engine
      ? file('dojos.json', reader.t('export.file.dojos', { count: engine.dojos.length }), engine.dojos.length)
      : missingPart('dojos.json', 'dojo-engine'),
    notifier
      ? file(
          'notifications.json',
          reader.t('export.file.notifications', { count: notifier.notifications.length }),
          notifier.notifications.length,
        )
      : missingPart('notifications.json', 'notifier'),
    file('audit.json', reader.t('export.file.audit', { count: platform.audit.length }), platform.audit.length),
  ];
}

function readme(
  reader: Reader,
  platform: PlatformPersonalData,
  files: DescribedFile[],
  missingAttachments: number,
  now: (() => Date) | undefined,
): string {
  const lines = [
    reader.t('export.readme.title', { name: platform.profile.name }),
    reader.t('export.readme.team', { team: platform.team.name }),
    reader.t('export.readme.generated', {
      date: reader.dateTime((now?.() ?? new Date()).toISOString()),
      zone: reader.zoneName(),
    }),
    '',
    reader.t('export.readme.intro'),
    reader.t('export.readme.format'),
    '',
    reader.t('export.readme.files'),
    ...files.map((file) => `- ${file.path}: ${file.description}`),
  ];
  if (missingAttachments > 0) lines.push('', reader.t('export.attachments_missing', { count: missingAttachments }));
  return `${lines.join('\r\n')}\r\n`;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
