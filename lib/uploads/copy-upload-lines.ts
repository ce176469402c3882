import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { PgTx } from "@/lib/db/pg-transaction";
import type { UploadFile } from "./receive-upload";
import { EMPTY_FILE_MESSAGE, UploadFileProblem, uploadLineBatches, type UploadLine } from "./upload-lines";

const PROGRESS_EVERY = 5_000;
/**
 * The staged text goes to the COPY in pieces of about this many characters, at most one waiting
 * (Readable.from would read 16 ahead): text held that long outlives V8's young generation, and a
 * long file would then fill the old one.
 */
const PIECE_CHARS = 16 * 1024;

/**
 * The first step of a set-based whole-file check: the stored file streams through the UTF-8 check
 * and the line reader, each line is staged as CSV rows for `table` (`stage`, "" for none; `finish`
 * after the last line) and they go in with one COPY, then the table is analysed for the joins that
 * follow. A problem with the whole file ends the stream cleanly (so the COPY and the transaction
 * stay usable) and is thrown once the COPY is done; an empty file is refused. Returns the number
 * of lines.
 */
export async function copyUploadLines(
  tx: PgTx,
  file: UploadFile,
  options: { table: string; stage: (line: UploadLine) => string; finish?: () => string },
): Promise<number> {
  const { table, stage, finish } = options;
  let problem: UploadFileProblem | null = null;
  let lines = 0;
  async function* rows(): AsyncGenerator<string> {
    try {
      for await (const batch of uploadLineBatches(file.open())) {
        let text = "";
        for (const line of batch) {
          text += stage(line);
          if (++lines % PROGRESS_EVERY === 0) file.progress({ stage: "checking", rows: lines });
          if (text.length >= PIECE_CHARS) {
            yield text;
            text = "";
          }
        }
        if (text !== "") yield text;
      }
      if (finish) yield finish();
    } catch (error) {
      if (!(error instanceof UploadFileProblem)) throw error;
      problem = error;
    }
  }
  await pipeline(Readable.from(rows(), { highWaterMark: 1 }), tx.client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv)`)));
  if (problem) throw problem;
  if (lines === 0) throw new UploadFileProblem(EMPTY_FILE_MESSAGE);
  file.progress({ stage: "matching", rows: lines });
  await tx.client.query(`ANALYZE ${table}`);
  return lines;
}
