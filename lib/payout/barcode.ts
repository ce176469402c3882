import { Resvg } from "@resvg/resvg-js";
import { DOMImplementation, XMLSerializer } from "@xmldom/xmldom";
import JsBarcode from "jsbarcode";

import { paymentCodeProblem } from "./rules/payment-code";

/**
 * A voucher's payment code as a Code 128 barcode (docs/file-formats.md#barcodes-and-voucher-letters):
 * SVG text for emails and pages, PNG bytes for letters. Pure and browser-free: jsbarcode draws into
 * an @xmldom document instead of a DOM, and resvg rasterises the SVG without canvas or system fonts.
 * The code is not drawn under the bars (that would need fonts); letters and pages print it as text.
 */

export interface BarcodeOptions {
  /** Width of the narrowest bar, in SVG pixels (default 2). */
  moduleWidth?: number;
  /** Bar height in SVG pixels (default 80). */
  height?: number;
}

/** Code 128 asks for a quiet zone of at least ten narrow bars either side. */
const QUIET_ZONE_MODULES = 10;
const SVG_NS = "http://www.w3.org/2000/svg";

export function barcodeSvg(code: string, options: BarcodeOptions = {}): string {
  const problem = paymentCodeProblem(code);
  if (problem !== null) throw new RangeError(`cannot draw a barcode: ${problem}`);
  const { moduleWidth = 2, height = 80 } = options;
  for (const [name, value] of [
    ["moduleWidth", moduleWidth],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive whole number, got ${value}`);
  }

  const document = new DOMImplementation().createDocument(SVG_NS, "svg", null);
  const svg = document.documentElement;
  if (svg === null) throw new Error("xmldom made no SVG element");
  JsBarcode(svg, code, {
    // jsbarcode only calls createElementNS and setAttribute, which xmldom's Document has; its
    // typings ask for the browser's XMLDocument.
    xmlDocument: document as unknown as XMLDocument,
    format: "CODE128",
    width: moduleWidth,
    height,
    margin: QUIET_ZONE_MODULES * moduleWidth,
    displayValue: false,
    background: "#ffffff",
    lineColor: "#000000",
  });
  return new XMLSerializer().serializeToString(svg);
}

export interface BarcodePngOptions extends BarcodeOptions {
  /** Pixels per SVG pixel (default 2), for print: a 2-pixel module at scale 2 is 4 image pixels. */
  scale?: number;
}

export function barcodePng(code: string, options: BarcodePngOptions = {}): Uint8Array {
  const { scale = 2, ...svgOptions } = options;
  if (!Number.isInteger(scale) || scale < 1) throw new RangeError(`scale must be a positive whole number, got ${scale}`);
  const resvg = new Resvg(barcodeSvg(code, svgOptions), {
    fitTo: { mode: "zoom", value: scale },
    // Bars only: no text, so no fonts, so the same PNG on every machine.
    font: { loadSystemFonts: false },
    shapeRendering: 1, // crispEdges: bar edges on whole pixels, which scanners read best
  });
  return new Uint8Array(resvg.render().asPng());
}
