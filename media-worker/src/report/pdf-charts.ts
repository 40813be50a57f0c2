/**
 * Vector charts drawn with pdfkit's path API. Vectors stay sharp at any zoom,
 * add a few kilobytes instead of a raster image per chart, and keep every
 * label as real text (searchable, and what the tests read back).
 */
type Doc = PDFKit.PDFDocument;

export const palette = ['#2563eb', '#16a34a', '#f59e0b', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A "nice" axis maximum (1, 2, 5 × 10^n) at or above `value`, so gridlines fall on round numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

/** Horizontal bars, one per item, with the label on the left and the value at the bar's end. */
export function horizontalBars(
  doc: Doc,
  items: { label: string; value: number }[],
  box: Box,
  emptyText: string,
  color = palette[0],
): void {
  if (items.length === 0) {
    emptyChart(doc, box, emptyText);
    return;
  }
  const labelWidth = box.width * 0.3;
  const barArea = box.width - labelWidth - 40;
  const rowHeight = Math.min(18, box.height / items.length);
  const max = niceMax(Math.max(...items.map((item) => item.value)));
  doc.fontSize(Math.min(9, rowHeight * 0.7));
  items.forEach((item, index) => {
    const y = box.y + index * rowHeight;
    doc.fillColor('#111827').text(item.label, box.x, y + rowHeight * 0.15, {
      width: labelWidth - 6,
      align: 'right',
      lineBreak: false,
      ellipsis: true,
    });
    const width = (item.value / max) * barArea;
    doc.rect(box.x + labelWidth, y + rowHeight * 0.1, Math.max(width, 0.5), rowHeight * 0.8).fill(color);
    doc.fillColor('#374151').text(String(item.value), box.x + labelWidth + width + 4, y + rowHeight * 0.15, {
      lineBreak: false,
    });
  });
}

/**
 * Vertical grouped columns over categories (months), one colour per series,
 * with a y axis, gridlines and a legend.
 */
export function columnChart(
  doc: Doc,
  categories: string[],
  series: { name: string; values: number[] }[],
  box: Box,
  emptyText: string,
): void {
  if (categories.length === 0) {
    emptyChart(doc, box, emptyText);
    return;
  }
  const axisWidth = 30;
  const legendHeight = series.length > 1 ? 14 : 0;
  const labelHeight = 14;
  const plot = {
    x: box.x + axisWidth,
    y: box.y + legendHeight,
    width: box.width - axisWidth,
    height: box.height - legendHeight - labelHeight,
  };
  // A multiple of 4, so the four gridlines fall on whole numbers (counts are whole).
  const max = Math.ceil(niceMax(Math.max(4, ...series.flatMap((s) => s.values))) / 4) * 4;
  doc.fontSize(7).lineWidth(0.5);
  for (let step = 0; step <= 4; step++) {
    const value = (max / 4) * step;
    const y = plot.y + plot.height - (value / max) * plot.height;
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .strokeColor('#e5e7eb')
      .stroke();
    doc.fillColor('#6b7280').text(formatTick(value), box.x, y - 3, { width: axisWidth - 4, align: 'right' });
  }
  const slot = plot.width / categories.length;
  const barWidth = (slot * 0.8) / series.length;
  // Label every n-th category so labels never overlap on long ranges.
  const labelEvery = Math.ceil(categories.length / Math.max(1, Math.floor(plot.width / 34)));
  categories.forEach((category, index) => {
    series.forEach((s, seriesIndex) => {
      const value = s.values[index] ?? 0;
      const height = (value / max) * plot.height;
      const x = plot.x + index * slot + slot * 0.1 + seriesIndex * barWidth;
      if (height > 0)
        doc.rect(x, plot.y + plot.height - height, barWidth, height).fill(palette[seriesIndex % palette.length]);
    });
    if (index % labelEvery === 0) {
      doc.fillColor('#374151').text(category, plot.x + index * slot - 6, plot.y + plot.height + 3, {
        width: slot + 12,
        align: 'center',
        lineBreak: false,
      });
    }
  });
  doc
    .moveTo(plot.x, plot.y + plot.height)
    .lineTo(plot.x + plot.width, plot.y + plot.height)
    .strokeColor('#9ca3af')
    .stroke();
  if (series.length > 1) {
    let x = plot.x;
    series.forEach((s, index) => {
      doc.rect(x, box.y + 2, 8, 8).fill(palette[index % palette.length]);
      doc.fillColor('#111827').text(s.name, x + 11, box.y + 2, { lineBreak: false });
      x += 16 + doc.widthOfString(s.name) + 10;
    });
  }
}

/** A funnel: centred bars narrowing with each stage, the (localized) count and share inside. */
export function funnelChart(doc: Doc, stages: { text: string; value: number }[], box: Box): void {
  const rowHeight = box.height / stages.length;
  const max = Math.max(1, ...stages.map((stage) => stage.value));
  doc.fontSize(9);
  stages.forEach((stage, index) => {
    const width = Math.max(60, (stage.value / max) * box.width);
    const x = box.x + (box.width - width) / 2;
    const y = box.y + index * rowHeight;
    doc.rect(x, y + 2, width, rowHeight - 4).fill(palette[index % palette.length]);
    doc.fillColor('#ffffff').text(stage.text, x, y + rowHeight / 2 - 5, {
      width,
      align: 'center',
      lineBreak: false,
    });
  });
}

function emptyChart(doc: Doc, box: Box, text: string): void {
  doc.rect(box.x, box.y, box.width, Math.min(box.height, 40)).strokeColor('#e5e7eb').stroke();
  doc
    .fontSize(9)
    .fillColor('#6b7280')
    .text(text, box.x, box.y + 14, { width: box.width, align: 'center' });
}

function formatTick(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
