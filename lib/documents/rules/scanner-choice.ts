import { parseClamdHost } from "./clamd-protocol";

// Which scanner a document goes through (docs/documents.md#virus-scanning). Pure: the settings in.

export type DocumentScanner =
  | { kind: "clamd"; address: { host: string; port: number } }
  /** Demo mode without CLAMD_HOST: documents are kept, marked "Not scanned". */
  | { kind: "none-demo" }
  /** Production without CLAMD_HOST: every document is refused. */
  | { kind: "none-refuse" };

export function chooseScanner(settings: { mode: "demo" | "production"; clamdHost?: string }): DocumentScanner {
  const address = settings.clamdHost ? parseClamdHost(settings.clamdHost) : null;
  if (address) return { kind: "clamd", address };
  return settings.mode === "demo" ? { kind: "none-demo" } : { kind: "none-refuse" };
}
