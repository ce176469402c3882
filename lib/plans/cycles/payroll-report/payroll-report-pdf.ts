import { startPayrollReport, type ReportHeader, type ReportPayment } from "./payroll-report-layout";

/**
 * The report's bytes as they are made: a batch of payments is taken only when the bytes of the
 * last have been handed on, so what is held is one batch and the page being drawn. Pure apart from
 * pdfkit: the batches come from the caller.
 */
export async function* payrollReportChunks(
  header: ReportHeader,
  batches: AsyncIterable<readonly ReportPayment[]>,
): AsyncGenerator<Uint8Array> {
  const report = startPayrollReport(header);
  const pending: Buffer[] = [];
  report.doc.on("data", (chunk: Buffer) => pending.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    report.doc.on("end", resolve);
    report.doc.on("error", reject);
  });
  // pdfkit pushes its bytes to the stream as it writes; the stream hands them on by the next turn.
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const take = () => {
    const bytes = new Uint8Array(Buffer.concat(pending));
    pending.length = 0;
    return bytes;
  };
  for await (const batch of batches) {
    report.addPayments(batch);
    await settle();
    if (pending.length > 0) yield take();
  }
  report.finish();
  await ended;
  if (pending.length > 0) yield take();
}

/** The whole report in memory: small payrolls and tests. */
export async function payrollReportPdf(header: ReportHeader, payments: readonly ReportPayment[]): Promise<Uint8Array> {
  async function* one() {
    yield payments;
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of payrollReportChunks(header, one())) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}
