import type { Tx } from "@/lib/db";
import type { PaymentMethod } from "@/lib/generated/prisma/enums";

// A run's batch and its file lines, written in the same transaction that selected (and locked) the
// payments. From then on the lines are what the run sends: a retry rebuilds the file from them,
// never from a new selection, so it makes the same bytes. The partial unique indexes refuse a
// second live batch for the run and a second live line for a payment.

export interface NewFileLine {
  lineNo: number;
  paymentId: string;
  amountPence: number;
  /** What the file's reference column holds (payment reference, or roll number). */
  fileReference: string;
  /** The bank details paid to, encrypted; null for cash. */
  bankDetailsCiphertext: string | null;
}

export async function createBatch(
  tx: Tx,
  options: { runId: string; method: PaymentMethod; lines: readonly NewFileLine[] },
): Promise<{ id: string; paymentCount: number; totalPence: number }> {
  const { runId, method, lines } = options;
  if (lines.length === 0) throw new Error("a batch needs at least one line");
  const totalPence = lines.reduce((sum, line) => sum + line.amountPence, 0);
  const batch = await tx.batch.create({
    data: { runId, method, status: "OPEN", paymentCount: lines.length, totalPence: BigInt(totalPence) },
  });
  await tx.fileLine.createMany({ data: lines.map((line) => ({ batchId: batch.id, ...line })) });
  return { id: batch.id, paymentCount: lines.length, totalPence };
}
