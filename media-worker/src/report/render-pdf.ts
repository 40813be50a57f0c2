import { FORMER_MEMBER, type ReportFigures } from '@pocdojo/common/contracts/report-figures';
import PDFDocument from 'pdfkit';
import { funnelKeys, statusKeys } from '../i18n/labels.ts';
import type { Reader } from '../i18n/reader.ts';
import { columnChart, funnelChart, horizontalBars } from './pdf-charts.ts';
import { type PdfFonts, pdfFonts } from './pdf-fonts.ts';
import { type Column, drawTable } from './pdf-table.ts';
import { inclusiveEnd } from './period.ts';
import type { RenderedFile } from './rendered-file.ts';

/** Bars shown in a chart; the table under it lists everything. */
const CHART_ITEMS = 12;
const MARGIN = 50;
const colors = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed'];

type Doc = PDFKit.PDFDocument;
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The report as a PDF in the reader's language: a cover with the team, the
 * period, the totals and the first chart, then one section per figure (a
 * vector chart and the full table), then the notes that define each figure.
 * Every page carries "page n of m".
 */
export async function renderReportPdf(figures: ReportFigures, reader: Reader): Promise<RenderedFile> {
  const fonts = pdfFonts();
  const { t } = reader;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: reader.locale,
    info: { Title: reportTitle(figures, reader), Author: 'PocDojo', Subject: period(figures, reader) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  const empty = t('report.empty');
  const table = (columns: Column[], rows: (string | number)[][]) => drawTable(doc, columns, rows, fonts, empty);
  const countColumns = (header: string): Column[] => [
    { header, width: 0.7 },
    { header: t('report.column.pocs'), width: 0.3, align: 'right' },
  ];
  const n = reader.number;

  cover(doc, figures, reader, fonts);

  section(doc, `${t('report.section.byMonth')} ¹`, fonts, 150);
  chartBlock(doc, 130, (box) =>
    columnChart(
      doc,
      figures.byMonth.map((m) => reader.shortMonth(m.month)),
      [{ name: t('report.column.pocs'), values: figures.byMonth.map((m) => m.count) }],
      box,
      empty,
    ),
  );

  section(doc, `${t('report.section.funnel')} ² ³ ⁵`, fonts, 110);
  chartBlock(doc, 84, (box) =>
    funnelChart(
      doc,
      figures.funnel.map((step) => ({
        value: step.reached,
        text: t('report.funnel.step', {
          stage: t(funnelKeys[step.stage]),
          count: n(step.reached),
          rate: reader.percent(step.rate),
        }),
      })),
      { ...box, x: box.x + width * 0.15, width: width * 0.7 },
    ),
  );
  table(
    countColumns(t('report.column.statusNow')),
    figures.byStatus.map((s) => [t(statusKeys[s.status]), n(s.count)]),
  );

  section(doc, `${t('report.section.flow')} ³`, fonts, 190);
  chartBlock(doc, 150, (box) =>
    columnChart(
      doc,
      figures.newVersusFinished.map((m) => reader.shortMonth(m.month)),
      [
        { name: t('report.series.new'), values: figures.newVersusFinished.map((m) => m.started) },
        { name: t('report.series.finished'), values: figures.newVersusFinished.map((m) => m.finished) },
      ],
      box,
      empty,
    ),
  );
  table(
    [
      { header: t('report.column.month'), width: 0.5 },
      { header: t('report.column.new'), width: 0.25, align: 'right' },
      { header: t('report.column.finished'), width: 0.25, align: 'right' },
    ],
    figures.newVersusFinished.map((m) => [reader.month(m.month), n(m.started), n(m.finished)]),
  );

  section(doc, t('report.section.byLanguage'), fonts, 120);
  barsBlock(
    doc,
    figures.byLanguage.slice(0, CHART_ITEMS).map((c) => ({ label: c.name, value: c.count })),
    0,
    empty,
  );
  table(
    countColumns(t('report.column.language')),
    figures.byLanguage.map((c) => [c.name, n(c.count)]),
  );

  section(doc, t('report.section.topTags'), fonts, 120);
  barsBlock(
    doc,
    figures.topTags.map((c) => ({ label: c.name, value: c.count })),
    1,
    empty,
  );
  section(doc, t('report.section.byTag'), fonts, 60);
  table(
    countColumns(t('report.column.tag')),
    figures.byTag.map((c) => [c.name, n(c.count)]),
  );

  section(doc, `${t('report.section.byMember')} ⁴`, fonts, 120);
  const memberName = (name: string) => (name === FORMER_MEMBER ? t('report.formerMember') : name);
  barsBlock(
    doc,
    figures.byMember.slice(0, CHART_ITEMS).map((m) => ({ label: memberName(m.name), value: m.count })),
    4,
    empty,
  );
  table(
    [
      { header: t('report.column.member'), width: 0.6 },
      { header: t('report.column.pocs'), width: 0.2, align: 'right' },
      { header: t('report.column.finished'), width: 0.2, align: 'right' },
    ],
    figures.byMember.map((m) => [memberName(m.name), n(m.count), n(m.done)]),
  );

  notes(doc, figures, reader, fonts);
  pageNumbers(doc, reader, fonts);

  doc.end();
  await finished;
  return { body: Buffer.concat(chunks), contentType: 'application/pdf', extension: 'pdf' };
}

function reportTitle(figures: ReportFigures, reader: Reader): string {
  return figures.userId
    ? reader.t('report.title.member', { name: figures.userName ?? reader.t('report.formerMember') })
    : reader.t('report.title.team');
}

function period(figures: ReportFigures, reader: Reader): string {
  return reader.t('report.period', { from: reader.day(figures.from), to: reader.day(inclusiveEnd(figures.to)) });
}

/** The cover: who, which period, when, and the totals as tiles; the first chart follows on the same page. */
function cover(doc: Doc, figures: ReportFigures, reader: Reader, fonts: PdfFonts): void {
  const { t } = reader;
  doc.font(fonts.bold).fontSize(11).fillColor('#2563eb').text('PocDojo');
  doc.moveDown(0.2).fontSize(24).fillColor('#111827').text(reportTitle(figures, reader));
  if (figures.tenantName)
    doc
      .moveDown(0.1)
      .fontSize(16)
      .fillColor('#374151')
      .text(t('report.team', { name: figures.tenantName }));
  doc.moveDown(0.4).font(fonts.regular).fontSize(11).fillColor('#374151');
  doc.text(`${period(figures, reader)} ¹`);
  doc.text(t('report.generated', { date: reader.dateTime(figures.generatedAt) }));
  doc
    .fontSize(8)
    .fillColor('#6b7280')
    .text(t('report.timeZone', { zone: reader.zoneName() }));
  doc.moveDown(1);

  const tiles: [string, number][] = [
    [`${t('report.total.pocs')} ¹`, figures.totals.pocs],
    [`${t('report.total.started')} ²`, figures.totals.started],
    [`${t('report.total.finished')} ³`, figures.totals.done],
    [t('report.total.languages'), figures.totals.languages],
    [`${t('report.total.members')} ⁴`, figures.totals.members],
    [`${t('report.total.owners')} ⁴`, figures.totals.owners],
    [t('report.total.tags'), figures.totals.tags],
  ];
  const perRow = 4;
  const gap = 10;
  const tileWidth = (doc.page.width - 2 * MARGIN - gap * (perRow - 1)) / perRow;
  const tileHeight = 52;
  const top = doc.y;
  tiles.forEach(([label, value], index) => {
    const x = MARGIN + (index % perRow) * (tileWidth + gap);
    const y = top + Math.floor(index / perRow) * (tileHeight + gap);
    doc.roundedRect(x, y, tileWidth, tileHeight, 6).fill('#eff6ff');
    doc
      .font(fonts.bold)
      .fontSize(20)
      .fillColor('#1d4ed8')
      .text(reader.number(value), x + 10, y + 7, { width: tileWidth - 20, lineBreak: false });
    doc
      .font(fonts.regular)
      .fontSize(8.5)
      .fillColor('#374151')
      .text(label, x + 10, y + 33, { width: tileWidth - 20, lineBreak: false, ellipsis: true });
  });
  doc.x = MARGIN;
  doc.y = top + Math.ceil(tiles.length / perRow) * (tileHeight + gap) + 4;
}

/** A section title, on a new page only when the title and the block after it (`keep` points) would not fit. */
function section(doc: Doc, title: string, fonts: PdfFonts, keep: number): void {
  if (doc.y + 30 + keep > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5).font(fonts.bold).fontSize(14).fillColor('#111827').text(title);
  doc.moveDown(0.3).font(fonts.regular);
}

/** Reserves `height` points for a chart at the cursor and moves below it. */
function chartBlock(doc: Doc, height: number, draw: (box: Box) => void): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const box = { x: MARGIN, y: doc.y, width: doc.page.width - 2 * MARGIN, height };
  draw(box);
  doc.x = MARGIN;
  doc.y = box.y + height + 10;
}

function barsBlock(doc: Doc, items: { label: string; value: number }[], colorIndex: number, empty: string): void {
  chartBlock(doc, Math.max(40, items.length * 16), (box) =>
    horizontalBars(doc, items, box, empty, colors[colorIndex % colors.length]),
  );
}

/** The definitions behind the numbered marks, so a reader can check any figure. */
function notes(doc: Doc, figures: ReportFigures, reader: Reader, fonts: PdfFonts): void {
  const { t } = reader;
  const lines = [
    t('report.notes.scope', { from: reader.day(figures.from), to: reader.day(inclusiveEnd(figures.to)) }),
    t('report.notes.started'),
    t('report.notes.finished'),
    t('report.notes.members'),
    t('report.notes.funnel'),
  ];
  doc.font(fonts.regular).fontSize(8.5);
  const height = lines.reduce(
    (sum, line) => sum + doc.heightOfString(line, { width: doc.page.width - 2 * MARGIN }) + 4,
    30,
  );
  section(doc, t('report.notes.title'), fonts, height);
  doc.fontSize(8.5).fillColor('#374151');
  for (const line of lines) doc.text(line, { width: doc.page.width - 2 * MARGIN }).moveDown(0.3);
}

function pageNumbers(doc: Doc, reader: Reader, fonts: PdfFonts): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Writing inside the bottom margin would otherwise make pdfkit add a page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(fonts.regular)
      .fontSize(8)
      .fillColor('#9ca3af')
      .text(
        reader.t('report.page', { page: index + 1, pages: range.count }),
        MARGIN,
        doc.page.height - MARGIN / 2 - 4,
        { width: doc.page.width - 2 * MARGIN, align: 'right', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
}
