import { describe, expect, it } from "vitest";
import { splitUploadLines, type UploadLine } from "./upload-lines";
import { errorReportCsv, errorReportStream, MAX_REPORT_COLUMNS, type ReportOutcome } from "./upload-report";

const COLUMNS = ["Sort code", "Account number", "Name", "Amount", "Reference", "Reason"];

async function* batches<T>(items: T[], size: number): AsyncGenerator<T[]> {
  for (let at = 0; at < items.length; at += size) yield items.slice(at, at + size);
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

function streamed(text: string, outcomes: ReportOutcome[], extra: Partial<Parameters<typeof errorReportStream>[0]> = {}) {
  const lines: UploadLine[] = splitUploadLines(text);
  return collect(
    errorReportStream({
      lines: () => batches(lines, 2),
      outcomes: () => batches(outcomes, 3),
      columns: COLUMNS,
      ...extra,
    }),
  );
}

describe("errorReportStream", () => {
  it("writes what errorReportCsv writes", async () => {
    const text = '\uFEFF010203,12345678,Tom,12.50,AAA\r\na,b\n\n"x, y",=1,c,d,e,f,g\n010203,12345678,Ann,9.99,BBB,Closed\n';
    const outcomes: ReportOutcome[] = [
      { lineNo: 1, outcome: "MATCHED" },
      { lineNo: 2, outcome: "ERROR", message: "Line 2 has 2 columns; expected 5 or 6" },
      { lineNo: 3, outcome: "ERROR", message: "Line 3 is blank" },
      { lineNo: 4, outcome: "ERROR", message: "Line 4 has 7 columns" },
      { lineNo: 5, outcome: "UNCHANGED" },
    ];
    expect(await streamed(text, outcomes)).toBe(errorReportCsv(text, outcomes, { columns: COLUMNS }));
  });

  it("is just the message for a whole-file problem", async () => {
    expect(await streamed("garbage", [], { fileError: "The file is empty", bom: false })).toBe(
      "Sort code,Account number,Name,Amount,Reference,Reason,Error\n,,,,,,The file is empty\n",
    );
  });

  it("marks rows with an error that was not described, up to a number, then counts the rest", async () => {
    const text = "r1\nr2\nr3\nr4\nr5\nr6\n";
    const outcomes: ReportOutcome[] = [
      { lineNo: 1, outcome: "ERROR", message: "Line 1 is wrong (also on lines 2, 3 and 3 more)" },
      { lineNo: 4, outcome: "MATCHED" },
    ];
    const report = await streamed(text, outcomes, {
      unlisted: { rowCount: 6, message: "Not described", max: 2 },
      columns: ["X"],
      bom: false,
    });
    expect(report).toBe(
      'X,Error\nr1,"Line 1 is wrong (also on lines 2, 3 and 3 more)"\nr2,Not described\nr3,Not described\nr4,\n' +
        ",2 more rows with errors left out of this report: correct the problems above and upload the file again\n",
    );
  });

  it("caps the width, so one very wide line cannot widen every row", async () => {
    const wide = Array.from({ length: 500 }, (_, i) => `f${i}`).join(",");
    const report = await streamed(`a,b\n${wide}\n`, [], { columns: [], bom: false });
    const [header, first, second] = report.split("\n");
    expect(header.split(",")).toHaveLength(MAX_REPORT_COLUMNS + 1);
    expect(first.split(",")).toHaveLength(MAX_REPORT_COLUMNS + 1);
    expect(second.split(",")).toHaveLength(MAX_REPORT_COLUMNS + 1);
  });
});
