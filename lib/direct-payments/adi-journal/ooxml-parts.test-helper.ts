// Test-only helpers for looking inside a workbook package part by part. Regexes are enough
// here: the parts are machine-written and the tests only read a few well-known elements.

import JSZip from "jszip";

export async function openPackage(bytes: Buffer): Promise<JSZip> {
  return JSZip.loadAsync(bytes);
}

export function partNames(zip: JSZip): string[] {
  return Object.keys(zip.files)
    .filter((name) => !zip.files[name].dir)
    .sort();
}

export async function partBytes(zip: JSZip, name: string): Promise<Buffer> {
  const file = zip.file(name);
  if (!file) throw new Error(`package has no part ${name}`);
  return file.async("nodebuffer");
}

export async function partText(zip: JSZip, name: string): Promise<string> {
  return (await partBytes(zip, name)).toString("utf8");
}

/** Every match of an element, as its full text. */
export function elements(xml: string, tag: string): string[] {
  return xml.match(new RegExp(`<${tag}\\b[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`, "g")) ?? [];
}

export function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];
}

/** A defined name as "name|localSheetId|hidden|formula", order of attributes ignored. */
export function definedNames(workbookXml: string): string[] {
  return elements(workbookXml, "definedName")
    .map((el) => {
      const formula = />([\s\S]*)<\/definedName>/.exec(el)?.[1] ?? "";
      return [attribute(el, "name"), attribute(el, "localSheetId") ?? "", attribute(el, "hidden") ?? "", formula].join("|");
    })
    .sort();
}

/** Sheets in workbook order as "name|state" (state "visible" when absent). */
export function sheetStates(workbookXml: string): string[] {
  return elements(workbookXml, "sheet").map((el) => `${attribute(el, "name")}|${attribute(el, "state") ?? "visible"}`);
}

/** The package path of a sheet's part, followed through the workbook relationships. */
export async function sheetPartPath(zip: JSZip, sheetName: string): Promise<string> {
  const sheet = elements(await partText(zip, "xl/workbook.xml"), "sheet").find((el) => attribute(el, "name") === sheetName);
  const id = sheet && attribute(sheet, "r:id");
  const rel = elements(await partText(zip, "xl/_rels/workbook.xml.rels"), "Relationship").find(
    (el) => attribute(el, "Id") === id,
  );
  const target = rel && attribute(rel, "Target");
  if (!target) throw new Error(`no part for sheet ${sheetName}`);
  return target.startsWith("/") ? target.slice(1) : `xl/${target}`;
}

/** The `<c>` element of one cell, or undefined when the sheet has none. */
export function cellElement(sheetXml: string, address: string): string | undefined {
  return new RegExp(`<c r="${address}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`).exec(sheetXml)?.[0];
}

export function cellAddresses(sheetXml: string): string[] {
  return [...sheetXml.matchAll(/<c r="([A-Z]+\d+)"/g)].map((m) => m[1]);
}

export function contentTypeOf(contentTypesXml: string, partName: string): string | undefined {
  const override = elements(contentTypesXml, "Override").find((el) => attribute(el, "PartName") === partName);
  return override && attribute(override, "ContentType");
}
