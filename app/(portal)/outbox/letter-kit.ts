import type { LetterKit } from "@/lib/notify/letter-kit";
import { voucherPdf } from "@/lib/payout/voucher-pdf";

// lib/payout queues its messages through lib/notify, so lib/notify cannot import the voucher
// letter: the two meet here, and the sender and the outbox both draw letters with this kit.
export const letterKit: LetterKit = { voucherPdf };
