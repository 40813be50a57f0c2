type Doc = PDFKit.PDFDocument;

export interface Column {
  header: string;
  /** Share of the table width, 0–1. */
  width: number;
  align?: 'left' | 'right';
}

const rowHeight = 15;

/**
 * A simple ruled table that continues on a new page (header repeated) when
 * it reaches the bottom margin. Returns the y below the table.
 */
export function drawTable(
  doc: Doc,
  columns: Column[],
  rows: (string | number)[][],
  fonts: { regular: string; bold: string },
  emptyText: string,
): number {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  // A header alone at the foot of a page would be orphaned from its first row.
  if (doc.y + 2 * rowHeight > bottom()) doc.addPage();
  let y = doc.y;

  const drawRow = (cells: (string | number)[], header: boolean) => {
    let x = left;
    doc
      .font(header ? fonts.bold : fonts.regular)
      .fontSize(9)
      .fillColor(header ? '#111827' : '#1f2937');
    columns.forEach((column, index) => {
      const cellWidth = column.width * width;
      doc.text(String(cells[index] ?? ''), x + 4, y + 4, {
        width: cellWidth - 8,
        align: column.align ?? 'left',
        lineBreak: false,
        ellipsis: true,
      });
      x += cellWidth;
    });
    y += rowHeight;
    doc
      .moveTo(left, y)
      .lineTo(left + width, y)
      .lineWidth(header ? 0.8 : 0.3)
      .strokeColor(header ? '#6b7280' : '#e5e7eb')
      .stroke();
  };

  drawRow(
    columns.map((column) => column.header),
    true,
  );
  if (rows.length === 0) {
    doc
      .font(fonts.regular)
      .fontSize(9)
      .fillColor('#6b7280')
      .text(emptyText, left + 4, y + 4);
    y += rowHeight;
  }
  for (const row of rows) {
    if (y + rowHeight > bottom()) {
      doc.addPage();
      y = doc.page.margins.top;
      drawRow(
        columns.map((column) => column.header),
        true,
      );
    }
    drawRow(row, false);
  }
  doc.x = left;
  doc.y = y + 10;
  return doc.y;
}
