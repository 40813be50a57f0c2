import PDFDocument from 'pdfkit';
import { monthLabel } from '../domain/poc-date.ts';
import type { ReportFigures } from '../domain/report-figures.ts';
import { columnChart, funnelChart, horizontalBars } from './pdf-charts.ts';
import { type PdfFonts, pdfFonts } from './pdf-fonts.ts';
import { drawTable } from './pdf-table.ts';
import type { RenderedFile } from './rendered-file.ts';

/** Bars shown in a chart; the table under it lists everything. */
const CHART_ITEMS = 12;

/**
 * The report as a PDF: a title page with the totals, then one section per
 * figure with a vector chart and the full table.
 */
export async function renderReportPdf(figures: ReportFigures): Promise<RenderedFile> {
  const fonts = pdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: reportTitle(figures), Author: 'PocDojo', Subject: `POC report ${figures.from} to ${figures.to}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  titlePage(doc, figures, fonts);
  const width = doc.page.width - 100;

  section(doc, 'POCs per month', fonts);
  chartBlock(doc, 170, (box) =>
    columnChart(
      doc,
      figures.byMonth.map((m) => shortMonth(m.month)),
      [{ name: 'POCs', values: figures.byMonth.map((m) => m.count) }],
      box,
    ),
  );
  countTable(
    doc,
    'Month',
    figures.byMonth.map((m) => [monthLabel(m.month), m.count]),
    fonts,
  );

  section(doc, 'New versus finished', fonts);
  chartBlock(doc, 170, (box) =>
    columnChart(
      doc,
      figures.newVersusFinished.map((m) => shortMonth(m.month)),
      [
        { name: 'New', values: figures.newVersusFinished.map((m) => m.started) },
        { name: 'Finished', values: figures.newVersusFinished.map((m) => m.finished) },
      ],
      box,
    ),
  );
  drawTable(
    doc,
    [
      { header: 'Month', width: 0.5 },
      { header: 'New', width: 0.25, align: 'right' },
      { header: 'Finished', width: 0.25, align: 'right' },
    ],
    figures.newVersusFinished.map((m) => [monthLabel(m.month), m.started, m.finished]),
    fonts,
  );

  section(doc, 'Status funnel', fonts);
  chartBlock(doc, 90, (box) =>
    funnelChart(
      doc,
      figures.funnel.map((s) => ({ label: capitalise(s.stage), value: s.reached, rate: s.rate })),
      { ...box, x: box.x + width * 0.2, width: width * 0.6 },
    ),
  );
  countTable(
    doc,
    'Status now',
    figures.byStatus.map((s) => [capitalise(s.status), s.count]),
    fonts,
  );

  section(doc, 'POCs per language', fonts);
  barsBlock(
    doc,
    figures.byLanguage.slice(0, CHART_ITEMS).map((c) => ({ label: c.name, value: c.count })),
    0,
  );
  countTable(
    doc,
    'Language',
    figures.byLanguage.map((c) => [c.name, c.count]),
    fonts,
  );

  section(doc, 'Top tags', fonts);
  barsBlock(
    doc,
    figures.topTags.map((c) => ({ label: c.name, value: c.count })),
    1,
  );
  section(doc, 'POCs per tag', fonts);
  countTable(
    doc,
    'Tag',
    figures.byTag.map((c) => [c.name, c.count]),
    fonts,
  );

  section(doc, 'POCs per member', fonts);
  barsBlock(
    doc,
    figures.byMember.slice(0, CHART_ITEMS).map((m) => ({ label: m.name, value: m.count })),
    4,
  );
  drawTable(
    doc,
    [
      { header: 'Member', width: 0.6 },
      { header: 'POCs', width: 0.2, align: 'right' },
      { header: 'Done', width: 0.2, align: 'right' },
    ],
    figures.byMember.map((m) => [m.name, m.count, m.done]),
    fonts,
  );

  doc.end();
  await finished;
  return { body: Buffer.concat(chunks), contentType: 'application/pdf', extension: 'pdf' };
}

type Doc = PDFKit.PDFDocument;

/** A two-column table: a label and its POC count. */
function countTable(doc: Doc, header: string, rows: [string, number][], fonts: PdfFonts): void {
  drawTable(
    doc,
    [
      { header, width: 0.7 },
      { header: 'POCs', width: 0.3, align: 'right' },
    ],
    rows,
    fonts,
  );
}

function reportTitle(figures: ReportFigures): string {
  return figures.userId ? `POC report: ${figures.userName ?? 'member'}` : 'POC report: whole team';
}

function titlePage(doc: Doc, figures: ReportFigures, fonts: PdfFonts): void {
  doc.font(fonts.bold).fontSize(30).fillColor('#111827').text('PocDojo', { align: 'left' });
  doc.moveDown(0.3).fontSize(22).text(reportTitle(figures));
  doc.moveDown(0.5).font(fonts.regular).fontSize(12).fillColor('#374151');
  doc.text(`Period: ${figures.from} to ${figures.to} (end exclusive)`);
  doc.text(`Generated: ${figures.generatedAt}`);
  doc.moveDown(2);
  const totals: [string, number][] = [
    ['POCs', figures.totals.pocs],
    ['Done', figures.totals.done],
    ['Members', figures.totals.members],
    ['Languages', figures.totals.languages],
    ['Tags', figures.totals.tags],
  ];
  for (const [label, value] of totals) {
    doc.font(fonts.bold).fontSize(18).fillColor('#2563eb').text(`${label}: ${value}`);
    doc.moveDown(0.3);
  }
  doc.font(fonts.regular);
  doc.addPage();
}

function section(doc: Doc, title: string, fonts: PdfFonts): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 260) doc.addPage();
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5).font(fonts.bold).fontSize(15).fillColor('#111827').text(title);
  doc.moveDown(0.4).font(fonts.regular);
}

/** Reserves `height` points for a chart at the cursor and moves below it. */
function chartBlock(
  doc: Doc,
  height: number,
  draw: (box: { x: number; y: number; width: number; height: number }) => void,
): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const box = {
    x: doc.page.margins.left,
    y: doc.y,
    width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
    height,
  };
  draw(box);
  doc.x = doc.page.margins.left;
  doc.y = box.y + height + 12;
}

function barsBlock(doc: Doc, items: { label: string; value: number }[], colorIndex: number): void {
  const colors = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed'];
  chartBlock(doc, Math.max(40, items.length * 16), (box) =>
    horizontalBars(doc, items, box, colors[colorIndex % colors.length]),
  );
}

function shortMonth(month: string): string {
  return month.slice(2).replace('-', '/');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
