/**
 * `npm run bench -w media-worker`: the two heavy renders, in-process, with
 * the same code the worker runs (no queue, no S3):
 *   - a yearly video of 50 POCs and 4 dojos, animated charts and soundtrack
 *     (target ≤ 30 s on the 2-core dev machine), in pt-BR, run 3 times; against
 *     the baseline of the same run: ffmpeg holding one still for the same length
 *     (the least any video of that length costs)
 *   - a tenant report over 10,000 POCs as PDF (target ≤ 2 s), CSV and JSON
 * Prints wall time, CPU time (node from resourceUsage, ffmpeg from the
 * children times in /proc/self/stat) and peak RSS (node alone, and node +
 * ffmpeg). Figures vary with machine load: the load average is printed too.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeReportFigures } from '@pocdojo/common/contracts/report-figures';
import type { Member } from '../src/domain/poc-source.ts';
import { reader } from '../src/i18n/reader.ts';
import { renderReportCsv } from '../src/report/render-csv.ts';
import { renderReportJson } from '../src/report/render-json.ts';
import { renderReportPdf } from '../src/report/render-pdf.ts';
import { drawCard } from '../src/video/cards.ts';
import { defaultFfmpegPath, runFfmpeg } from '../src/video/ffmpeg.ts';
import { renderYearVideo } from '../src/video/render-video.ts';
import { timelineArgs } from '../src/video/timeline.ts';
import { manyPocs } from '../test/support/fixtures.ts';

interface Measure {
  name: string;
  wallS: number;
  cpuS: number;
  childCpuS: number;
  peakRssMb: number;
  /** Peak of this process + its children (ffmpeg), sampled every 250 ms. */
  peakTotalRssMb: number;
  target?: number;
  note: string;
}

/** CPU seconds of this process and of its finished children (ffmpeg). */
function cpu() {
  const self = process.resourceUsage();
  return { self: (self.userCPUTime + self.systemCPUTime) / 1e6 };
}

async function measure(name: string, target: number | undefined, run: () => Promise<string>): Promise<Measure> {
  global.gc?.();
  let peak = process.memoryUsage().rss;
  let peakTotal = peak;
  // Scanning /proc costs CPU, so sample every 250 ms: enough for renders of seconds.
  const sampler = setInterval(() => {
    const own = process.memoryUsage().rss;
    peak = Math.max(peak, own);
    peakTotal = Math.max(peakTotal, own + childrenRss());
  }, 250);
  const before = cpu();
  const childBefore = childCpu();
  const started = performance.now();
  const note = await run();
  const wallS = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  peakTotal = Math.max(peakTotal, peak);
  return {
    name,
    wallS,
    cpuS: cpu().self - before.self,
    childCpuS: childCpu() - childBefore,
    peakRssMb: peak / 2 ** 20,
    peakTotalRssMb: peakTotal / 2 ** 20,
    target,
    note,
  };
}

/** CPU of waited-for children (ffmpeg), read from /proc (cutime + cstime, in clock ticks). */
function childCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Resident memory of this process's direct children (ffmpeg), from /proc. */
function childrenRss(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const status = readFileSync(`/proc/${entry}/status`, 'utf8');
      if (Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]) !== process.pid) continue;
      total += Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024;
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

const members: Member[] = Array.from({ length: 40 }, (_, i) => ({
  id: randomUUID(),
  name: `Member ${i + 1}`,
  email: `m${i + 1}@bench.test`,
  role: 'member',
}));
const tenantId = randomUUID();

console.log(
  `load average before: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
const results: Measure[] = [];

const ffmpegPath = process.env.FFMPEG_PATH ?? defaultFfmpegPath();
const videoPocs = manyPocs(50, 2026, [members[0].id]);
const colours = ['red', 'amber', 'green'] as const;
const dojos = Array.from({ length: 4 }, (_, index) => ({
  dojoId: randomUUID(),
  name: `Dojo ${index + 1}`,
  joinedAt: `2026-0${index + 2}-10T18:00:00.000Z`,
  runs: Array.from({ length: 3 + index * 2 }, (_, run) => colours[(run + index) % 3]),
}));
let videoSeconds = 0;
const videoRuns: Measure[] = [];
for (let run = 1; run <= 3; run++) {
  videoRuns.push(
    await measure(`video: 50 POCs, run ${run}`, 30, async () => {
      const video = await renderYearVideo(
        {
          pocs: videoPocs,
          dojos,
          member: members[0].name,
          team: 'Equipe Bench',
          year: 2026,
          maxPocs: 24,
          reader: reader('pt-BR'),
        },
        { ffmpegPath, secondsPerCard: 3 },
      );
      videoSeconds = video.durationSeconds;
      return `${video.cards} cards, ${video.durationSeconds} s of video, ${(video.body.byteLength / 2 ** 20).toFixed(1)} MiB`;
    }),
  );
}
const baseline = await measure('baseline: one still held as long', undefined, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-'));
  try {
    const still = join(dir, 'still.jpg');
    writeFileSync(still, await drawCard({ kind: 'closing', title: 'Baseline', stats: '', team: '' }, 0));
    await runFfmpeg({
      ffmpegPath,
      args: timelineArgs([{ file: still, seconds: videoSeconds }], join(dir, 'out.mp4')),
      durationSeconds: videoSeconds,
    });
    return `${videoSeconds} s of video`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
results.push(...videoRuns, baseline);
const walls = videoRuns.map((r) => r.wallS).sort((a, b) => a - b);
const cpus = videoRuns.map((r) => r.cpuS + r.childCpuS).sort((a, b) => a - b);

const reportPocs = manyPocs(
  10_000,
  2026,
  members.map((m) => m.id),
).map((poc) => ({ ...poc, tenantId }));
const scope = { tenantId, userId: null, from: '2026-01-01', to: '2027-01-01' };
results.push(
  await measure('report PDF: 10,000 POCs', 2, async () => {
    const pdf = await renderReportPdf(computeReportFigures(reportPocs, members, scope), reader('pt-BR'));
    return `${(pdf.body.byteLength / 1024).toFixed(0)} KiB`;
  }),
);
results.push(
  await measure('report CSV: 10,000 POCs', undefined, async () => {
    const csv = renderReportCsv(computeReportFigures(reportPocs, members, scope), reader('pt-BR'));
    return `${(csv.body.byteLength / 1024).toFixed(0)} KiB`;
  }),
);
results.push(
  await measure('report JSON: 10,000 POCs', undefined, async () => {
    const json = renderReportJson(computeReportFigures(reportPocs, members, scope));
    return `${(json.body.byteLength / 1024).toFixed(0)} KiB`;
  }),
);

console.log(
  `load average after: ${loadavg()
    .map((v) => v.toFixed(2))
    .join(' ')}`,
);
console.table(
  results.map((r) => ({
    render: r.name,
    'wall s': r.wallS.toFixed(2),
    'CPU s (node)': r.cpuS.toFixed(2),
    'CPU s (ffmpeg)': r.childCpuS.toFixed(2),
    'peak RSS MiB (node)': r.peakRssMb.toFixed(0),
    'peak RSS MiB (+ffmpeg)': r.peakTotalRssMb.toFixed(0),
    target: r.target ? `≤ ${r.target} s ${r.wallS <= r.target ? 'met' : 'MISSED'}` : '',
    output: r.note,
  })),
);
console.log(
  `video, 3 runs: wall p50 ${walls[1].toFixed(1)} s (min ${walls[0].toFixed(1)}, max ${walls[2].toFixed(1)}); ` +
    `CPU p50 ${cpus[1].toFixed(1)} s; ${(videoSeconds / walls[1]).toFixed(1)}× real time; ` +
    `wall ${(walls[1] / baseline.wallS).toFixed(2)}× and CPU ${(cpus[1] / (baseline.cpuS + baseline.childCpuS)).toFixed(2)}× the baseline`,
);
