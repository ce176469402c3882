import { describe, expect, it } from "vitest";

import { barcodePng, barcodeSvg } from "./barcode";

// Decoding the bars back to the code needs zbarimg, a program outside node_modules: that check is
// tests/payout/barcode-decode.test.ts. Here: the shape of what is drawn, without any I/O.

const CODE = "K7QX2M9PLA4TZ";

/** The bars as [x, width] in module units, from the SVG jsbarcode drew. */
function bars(svg: string, moduleWidth: number): [number, number][] {
  const group = /<g transform="translate\((\d+), (\d+)\)"[^>]*>(.*?)<\/g>/s.exec(svg);
  if (!group) throw new Error("no bar group");
  return [...group[3].matchAll(/<rect x="(\d+)" y="0" width="(\d+)" height="(\d+)"/g)].map((m) => [
    Number(m[1]) / moduleWidth,
    Number(m[2]) / moduleWidth,
  ]);
}

describe("barcodeSvg", () => {
  const svg = barcodeSvg(CODE);

  it("draws black bars on a white background, with no text", () => {
    expect(svg.startsWith('<svg width="')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<rect x="0" y="0" width="\d+" height="\d+" (style="fill:#ffffff;?"|fill="#ffffff")/);
    expect(svg).not.toContain("<text");
    expect(svg).not.toContain(CODE);
  });

  it("leaves a quiet zone of ten modules either side and draws whole modules", () => {
    const width = Number(/^<svg width="(\d+)px"/.exec(svg)![1]);
    expect(svg).toContain('<g transform="translate(20, 20)"');
    const drawn = bars(svg, 2);
    const [lastX, lastWidth] = drawn[drawn.length - 1];
    // Code 128 ends with the stop pattern, whose last bar is two modules wide.
    expect(lastWidth).toBe(2);
    expect(width).toBe((lastX + lastWidth) * 2 + 2 * 20);
    for (const [x, w] of drawn) {
      expect(Number.isInteger(x) && Number.isInteger(w)).toBe(true);
      expect(w).toBeGreaterThanOrEqual(1);
      expect(w).toBeLessThanOrEqual(4);
    }
  });

  it("starts with a Code 128 start pattern (2 1 1 ... bars) and ends with the stop pattern", () => {
    const drawn = bars(svg, 2);
    // Start A, B and C all open with a 2-module bar; the stop pattern is 2 3 3 1 1 1 2: bars 2, 3, 1, 2.
    expect(drawn[0]).toEqual([0, 2]);
    expect(drawn.slice(-4).map(([, w]) => w)).toEqual([2, 3, 1, 2]);
  });

  it("is the same text every time, and scales with the options", () => {
    expect(barcodeSvg(CODE)).toBe(svg);
    const big = barcodeSvg(CODE, { moduleWidth: 3, height: 120 });
    expect(bars(big, 3)).toEqual(bars(svg, 2));
    expect(big).toContain('height="120"');
  });

  it("draws different bars for different codes", () => {
    expect(barcodeSvg("K7QX2M9PLA4TA")).not.toBe(svg);
  });

  it.each(["", "K7QX2M9PLA4T", "K7QX-M9PLA4TZ", "K7QX2M9PLA4TZZ"])("refuses %j, which is not a payment code", (code) => {
    expect(() => barcodeSvg(code)).toThrow(/cannot draw a barcode: payment code/);
  });

  it.each([0, 1.5, -2])("refuses a module width of %s", (moduleWidth) => {
    expect(() => barcodeSvg(CODE, { moduleWidth })).toThrow(RangeError);
  });
});

describe("barcodePng", () => {
  const png = barcodePng(CODE);
  const svg = barcodeSvg(CODE);

  it("is a PNG the size of the SVG times the scale", () => {
    expect(Buffer.from(png.subarray(0, 8)).toString("hex")).toBe("89504e470d0a1a0a");
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const [svgWidth, svgHeight] = /^<svg width="(\d+)px" height="(\d+)px"/.exec(svg)!.slice(1).map(Number);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([svgWidth * 2, svgHeight * 2]);
  });

  it("gives the same bytes every time (no fonts, no clock)", () => {
    expect(Buffer.from(barcodePng(CODE)).equals(Buffer.from(png))).toBe(true);
  });

  it("refuses a scale that is not a positive whole number", () => {
    expect(() => barcodePng(CODE, { scale: 0 })).toThrow(RangeError);
  });
});
