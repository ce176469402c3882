import PDFDocument from "pdfkit";
import { longDate } from "@/lib/dates/london-date";
import { formatPence } from "@/lib/money";
import { printable } from "@/lib/notify/letter-pdf";
import { BOLD, FONT, MM, PAGE } from "@/lib/notify/letter-layout";

// The approved payroll's report (docs/payroll-review.md#pdf-report), drawn on A4: the cycle and who
// approved it, totals by method and by point, then the payments point by point, paged, with the
// column headings and the point repeated at the top of each page. Typed records in; no I/O. The
// payments are handed over in batches (addPayments) and each finished page leaves pdfkit as it is
// drawn, so a payroll of any size is never held whole.

export type ReportTotal = { label: string; payments: number; totalPence: number };

export type ReportHeader = {
  planName: string;
  planCode: string;
  benefitPlanName: string;
  periodStart: string;
  periodEnd: string;
  status: "APPROVED" | "RECONCILED";
  approvedAt: Date;
  approvedByName: string;
  printedAt: Date;
  payments: number;
  totalPence: number;
  byMethod: ReportTotal[];
  /** Every point with payments, in the order the payments follow ("No point" last). */
  byPoint: (ReportTotal & { key: string })[];
};

export type ReportPayment = {
  /** The point's key in header.byPoint. */
  pointKey: string;
  reference: string;
  personName: string;
  method: "BANK" | "CASH";
  amountPence: number;
};

const MARGIN = 15 * MM;
const WIDTH = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN;
const ROW = 13;
const METHOD_WORDS = { BANK: "Bank", CASH: "Cash (Post Office)" } as const;
/** Reference, name, method, amount: left edges and widths across the page. */
const COLUMNS = [
  { x: 0, width: 120 },
  { x: 125, width: 220 },
  { x: 350, width: 90 },
  { x: 440, width: WIDTH - 440 },
] as const;

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The text with what the standard fonts cannot print replaced by "?", character by character. */
export function reportText(text: string): string {
  try {
    return printable(text, "text").replace(/\n/g, " ");
  } catch {
    return [...text.replace(/[\r\n\t]/g, " ")]
      .map((c) => {
        try {
          return printable(c, "text");
        } catch {
          return "?";
        }
      })
      .join("");
  }
}

export type PayrollReport = {
  doc: PDFKit.PDFDocument;
  addPayments: (rows: readonly ReportPayment[]) => void;
  finish: () => void;
};

/** Starts the report: the document (a stream of its bytes) with the first page drawn up to the payments. */
export function startPayrollReport(header: ReportHeader): PayrollReport {
  const title = `Approved payroll: ${reportText(header.planName)}`;
  const period = `${longDate(header.periodStart)} to ${longDate(header.periodEnd)}`;
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    autoFirstPage: false,
    info: { Title: `${title}, ${period}`, Creator: "Disburse", Producer: "Disburse", CreationDate: header.printedAt },
  });
  const points = new Map(header.byPoint.map((p) => [p.key, p]));
  let page = 0;
  let y = 0;
  let currentPoint: string | null = null;

  const text = (s: string, x: number, at: number, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(s, MARGIN + x, at, { lineBreak: false, ...options });
  const fit = (s: string, width: number) => {
    if (doc.widthOfString(s) <= width) return s;
    let cut = s;
    while (cut.length > 0 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
    return `${cut}…`;
  };

  const newPage = () => {
    doc.addPage();
    page += 1;
    doc.font(FONT).fontSize(8).fillColor("#505a5f");
    text(`${title}, ${period}`, 0, MARGIN, { width: WIDTH - 60 });
    text(`Page ${page}`, WIDTH - 60, MARGIN, { width: 60, align: "right" });
    doc.fillColor("black");
    y = MARGIN + 20;
  };
  const room = (height: number) => {
    if (y + height > BOTTOM) {
      newPage();
      return false;
    }
    return true;
  };
  const heading = (s: string, size: number) => {
    room(size + 24);
    doc.font(BOLD).fontSize(size);
    text(s, 0, y, { width: WIDTH });
    y += size + 8;
  };
  const totalsTable = (caption: string, rows: readonly ReportTotal[]) => {
    heading(caption, 12);
    const line = (cells: [string, string, string], bold: boolean) => {
      room(ROW);
      doc.font(bold ? BOLD : FONT).fontSize(9);
      text(fit(cells[0], 300), 0, y, { width: 300 });
      text(cells[1], 300, y, { width: 90, align: "right" });
      text(cells[2], 390, y, { width: WIDTH - 390, align: "right" });
      y += ROW;
    };
    line(["", "Payments", "Total"], true);
    for (const r of rows) line([reportText(r.label), r.payments.toLocaleString("en-GB"), formatPence(r.totalPence)], false);
    y += 10;
  };
  const columnHeadings = () => {
    doc.font(BOLD).fontSize(9);
    ["Reference", "Name", "Method", "Amount"].forEach((h, i) =>
      text(h, COLUMNS[i].x, y, { width: COLUMNS[i].width, align: i === 3 ? "right" : "left" }),
    );
    y += ROW;
  };
  const pointHeading = (key: string, continued: boolean) => {
    const point = points.get(key);
    const name = reportText(point?.label ?? key);
    const words = point
      ? `: ${point.payments.toLocaleString("en-GB")} ${point.payments === 1 ? "payment" : "payments"}, ${formatPence(point.totalPence)}`
      : "";
    doc.font(BOLD).fontSize(11);
    text(fit(continued ? `${name} (continued)` : `${name}${words}`, WIDTH), 0, y, { width: WIDTH });
    y += 17;
    columnHeadings();
  };

  newPage();
  doc.font(BOLD).fontSize(16);
  text(title, 0, y, { width: WIDTH, lineBreak: true });
  y = doc.y + 8;
  doc.font(FONT).fontSize(10);
  const facts: [string, string][] = [
    ["Payment plan", `${reportText(header.planName)} (${header.planCode})`],
    ["Benefit plan", reportText(header.benefitPlanName)],
    ["Period", period],
    ["Status", header.status === "APPROVED" ? "Approved" : "Reconciled"],
    ["Approved", `${dateTime.format(header.approvedAt)} by ${reportText(header.approvedByName)}`],
    ["Payments", `${header.payments.toLocaleString("en-GB")}, ${formatPence(header.totalPence)}`],
    ["Printed", dateTime.format(header.printedAt)],
  ];
  for (const [key, value] of facts) {
    doc.font(BOLD);
    text(key, 0, y, { width: 100 });
    doc.font(FONT);
    text(fit(value, WIDTH - 110), 110, y, { width: WIDTH - 110 });
    y += 14;
  }
  y += 10;
  totalsTable("Totals by payment method", header.byMethod);
  totalsTable("Totals by payment point", header.byPoint);
  heading("Payments by payment point", 12);

  return {
    doc,
    addPayments(rows) {
      for (const row of rows) {
        if (row.pointKey !== currentPoint) {
          if (currentPoint !== null) y += 8;
          // A point's heading never sits alone at the foot of a page.
          room(17 + 2 * ROW);
          currentPoint = row.pointKey;
          pointHeading(row.pointKey, false);
        } else if (!room(ROW)) {
          pointHeading(row.pointKey, true);
        }
        doc.font(FONT).fontSize(9);
        const cells = [row.reference, reportText(row.personName), METHOD_WORDS[row.method], formatPence(row.amountPence)];
        // Only the name can be too wide: references, methods and amounts are short by making.
        cells.forEach((cell, i) =>
          text(i === 1 ? fit(cell, COLUMNS[i].width) : cell, COLUMNS[i].x, y, {
            width: COLUMNS[i].width,
            align: i === 3 ? "right" : "left",
          }),
        );
        y += ROW;
      }
    },
    finish() {
      if (currentPoint === null) {
        doc.font(FONT).fontSize(10);
        text("There are no payments in this payroll.", 0, y, { width: WIDTH });
      }
      doc.end();
    },
  };
}
