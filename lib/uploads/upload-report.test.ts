import { describe, expect, it } from "vitest";
import { errorReportCsv } from "./upload-report";

const COLUMNS = ["Sort code", "Account number", "Name", "Amount", "Reference", "Reason"];
const noBom = { columns: COLUMNS, bom: false };

describe("errorReportCsv", () => {
  it("repeats the rows with an Error column, empty for fine rows, LF endings, final newline", () => {
    const text = "\uFEFF010203,12345678,Tom,12.50,AAA\r\n010203,12345678,Ann,9.99,BBB,Closed\r\n\r\n";
    const report = errorReportCsv(
      text,
      [
        { lineNo: 1, outcome: "MATCHED" },
        { lineNo: 2, outcome: "ERROR", message: "Line 2: unknown line" },
      ],
      noBom,
    );
    expect(report).toBe(
      "Sort code,Account number,Name,Amount,Reference,Reason,Error\n" +
        "010203,12345678,Tom,12.50,AAA,,\n" +
        "010203,12345678,Ann,9.99,BBB,Closed,Line 2: unknown line\n",
    );
  });

  it("starts with a BOM by default, so Excel shows £ properly", () => {
    expect(errorReportCsv("a", [], { columns: ["A"] })).toBe("\uFEFFA,Error\na,\n");
  });

  it("quotes what needs quoting", () => {
    const text = '"Swann, Tom","say ""hi""", padded ';
    const report = errorReportCsv(text, [{ lineNo: 1, outcome: "ERROR", message: 'Line 1: amount "x", bad' }], { bom: false });
    expect(report).toBe('Column 1,Column 2,Column 3,Error\n"Swann, Tom","say ""hi"""," padded ","Line 1: amount ""x"", bad"\n');
  });

  it("pads short rows and names extra columns so the Error column lines up", () => {
    const report = errorReportCsv(
      "a,b\na,b,c,d,e,f,g\n",
      [
        { lineNo: 1, outcome: "ERROR", message: "Line 1 has 2 columns; expected 5 or 6" },
        { lineNo: 2, outcome: "ERROR", message: "Line 2 has 7 columns; expected 5 or 6" },
      ],
      noBom,
    );
    expect(report.split("\n")).toEqual([
      "Sort code,Account number,Name,Amount,Reference,Reason,Column 7,Error",
      "a,b,,,,,,Line 1 has 2 columns; expected 5 or 6",
      "a,b,c,d,e,f,g,Line 2 has 7 columns; expected 5 or 6",
      "",
    ]);
  });

  it("defuses spreadsheet formulas but leaves negative amounts alone", () => {
    const report = errorReportCsv("=HYPERLINK(1),@x,+1,-12.00,-x", [], { bom: false });
    expect(report.split("\n")[1]).toBe(`"'=HYPERLINK(1)","'@x","'+1",-12.00,"'-x",`);
  });

  it("joins several errors for one line, and keeps blank lines from the middle", () => {
    const report = errorReportCsv(
      "a\n\nb\n",
      [
        { lineNo: 2, outcome: "ERROR", message: "Line 2 is blank" },
        { lineNo: 3, outcome: "ERROR", message: "first" },
        { lineNo: 3, outcome: "ERROR" },
      ],
      { columns: ["X"], bom: false },
    );
    expect(report).toBe("X,Error\na,\n,Line 2 is blank\nb,first; Error\n");
  });

  it("a whole-file error is the only row", () => {
    expect(
      errorReportCsv("\u0000\u0001garbage", [{ lineNo: 0, outcome: "ERROR", message: "The file is not a CSV text file" }], noBom),
    ).toBe("Sort code,Account number,Name,Amount,Reference,Reason,Error\n,,,,,,The file is not a CSV text file\n");
  });
});
