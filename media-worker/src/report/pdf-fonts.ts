import { existsSync } from 'node:fs';

/**
 * DejaVu Sans covers Latin, Greek, Cyrillic and more, so member and POC names
 * print as typed; PDF's built-in Helvetica only knows WinAnsi. The worker image
 * installs fonts-dejavu-core; without it we fall back to Helvetica.
 */
const candidates = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];

export interface PdfFonts {
  regular: string;
  bold: string;
}

let cached: PdfFonts | undefined;

export function pdfFonts(): PdfFonts {
  if (cached) return cached;
  const dir = candidates.find(
    (path) => existsSync(`${path}/DejaVuSans.ttf`) && existsSync(`${path}/DejaVuSans-Bold.ttf`),
  );
  cached = dir
    ? { regular: `${dir}/DejaVuSans.ttf`, bold: `${dir}/DejaVuSans-Bold.ttf` }
    : { regular: 'Helvetica', bold: 'Helvetica-Bold' };
  return cached;
}
