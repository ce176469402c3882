import { inflateSync } from "node:zlib";

/**
 * Reads back the text a pdfkit PDF draws, for tests, without poppler: inflates the page content
 * streams and collects each BT…ET block's strings with its position. Enough for pdfkit's own output
 * with the standard (WinAnsi) fonts, which draws each line as one block of hex strings; not a general
 * PDF reader.
 */

export interface PdfTextLine {
  text: string;
  font: string;
  size: number;
  /** Left edge, in points from the page's left. */
  x: number;
  /** Baseline, in points from the page's top. */
  baselineFromTop: number;
}

export interface PdfImage {
  x: number;
  topFromTop: number;
  width: number;
  height: number;
}

interface PdfStream {
  dictionary: string;
  data: Buffer;
}

function streams(pdf: Uint8Array): PdfStream[] {
  const bytes = Buffer.from(pdf);
  const text = bytes.toString("latin1");
  const out: PdfStream[] = [];
  const pattern = /<<((?:(?!>>\s*stream)[\s\S])*)>>\s*stream\r?\n/g;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const length = Number(/\/Length (\d+)/.exec(m[1])?.[1]);
    const start = m.index + m[0].length;
    const raw = bytes.subarray(start, start + length);
    out.push({ dictionary: m[1], data: m[1].includes("/FlateDecode") ? inflateSync(raw) : raw });
  }
  return out;
}

/** Page content streams: the ones that are neither images nor fonts nor metadata. */
function contentStreams(pdf: Uint8Array): string[] {
  return streams(pdf)
    .filter((s) => !/\/Subtype\s*\/(Image|XML)|\/Type\s*\/(XObject|Metadata)/.test(s.dictionary))
    .map((s) => s.data.toString("latin1"));
}

/** Font resource names (F1, F2…) to base font names, from the font dictionaries. */
function fontNames(pdf: Uint8Array): Map<string, string> {
  const text = Buffer.from(pdf).toString("latin1");
  const byObject = new Map<string, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\s*<<[^>]*?\/Type \/Font[^>]*?\/BaseFont \/([\w-]+)/g)) byObject.set(m[1], m[2]);
  const names = new Map<string, string>();
  for (const m of text.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const base = byObject.get(m[2]);
    if (base) names.set(m[1], base);
  }
  return names;
}

export function pdfTextLines(pdf: Uint8Array, pageHeight: number): PdfTextLine[] {
  const fonts = fontNames(pdf);
  const lines: PdfTextLine[] = [];
  for (const content of contentStreams(pdf)) {
    for (const block of content.matchAll(/\bBT\b([\s\S]*?)\bET\b/g)) {
      const body = block[1];
      const tm = /([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) Tm/.exec(body);
      const tf = /\/(F\d+) ([\d.]+) Tf/.exec(body);
      if (!tm || !tf) continue;
      const text = [...body.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], "hex").toString("latin1")).join("");
      lines.push({
        text,
        font: fonts.get(tf[1]) ?? tf[1],
        size: Number(tf[2]),
        x: Number(tm[5]),
        // pdfkit flips the page (1 0 0 -1 0 H cm) and then writes PDF coordinates from the bottom.
        baselineFromTop: pageHeight - Number(tm[6]),
      });
    }
  }
  return lines;
}

export function pdfImages(pdf: Uint8Array): PdfImage[] {
  const images: PdfImage[] = [];
  for (const content of contentStreams(pdf)) {
    // pdfkit draws an image as "q w 0 0 -h x bottom cm /I1 Do Q" in the page's flipped space, where
    // y already counts from the top (text, flipped back, does not).
    for (const m of content.matchAll(/([-\d.]+) 0 0 -([\d.]+) ([-\d.]+) ([-\d.]+) cm\s*\/I\d+ Do/g)) {
      const [width, height, x, bottom] = m.slice(1).map(Number);
      images.push({ x, width, height, topFromTop: bottom - height });
    }
  }
  return images;
}

export function pdfPageCount(pdf: Uint8Array): number {
  return [
    ...Buffer.from(pdf)
      .toString("latin1")
      .matchAll(/\/Type \/Page\b(?!s)/g),
  ].length;
}
