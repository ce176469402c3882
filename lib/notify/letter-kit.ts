// How voucher letters are drawn, handed to the renderer by its caller. lib/payout owns the voucher
// letter (drawn on letter-layout.ts's page, as plain letters are), and lib/payout queues its
// messages through lib/notify, so lib/notify must not import lib/payout (`npm run lint` refuses the
// folder circle): the app composes the two (app/(portal)/outbox/letter-kit.ts) and passes the kit in.

/** What a voucher message carries, read from its payment and claimant (loadVoucherDetails). */
export interface VoucherDetails {
  paymentReference: string;
  firstName: string;
  lastName: string;
  addressLine1: string;
  town: string;
  county: string | null;
  postcode: string;
  amountPence: number;
  code: string;
  /** The last day the voucher can be cashed, YYYY-MM-DD. */
  expiryDate: string;
}

/** voucherPdf's input (lib/payout/voucher-pdf.ts): the voucher and the letter's London date. */
export type VoucherLetter = VoucherDetails & { letterDate: string };

export interface LetterKit {
  voucherPdf: (letter: VoucherLetter) => Promise<Uint8Array>;
}
