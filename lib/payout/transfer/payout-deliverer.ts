// Where a Payout file goes (docs/file-formats.md#payout-payment-file, "Delivery"): the Post Office's
// SFTP server, or, without SFTP settings, a local folder (the embedded default). The run's transfer
// step talks to this interface only, so both behave the same way: upload as `name.part`, check the
// size, rename to the final name without overwriting.

/** What a delivery found or did. */
export type DeliveryResult =
  /** The file is now under its final name, with the expected size. */
  | { outcome: "DELIVERED" }
  /** The final file was already there with the expected size: an earlier attempt delivered it. */
  | { outcome: "ALREADY_DELIVERED" };

/** The remote side's view of one final file name. */
export type RemoteFile = { present: false } | { present: true; byteSize: number };

export interface PayoutFileToDeliver {
  /** The final name, e.g. disburse_payout_28112026_001.csv. */
  fileName: string;
  bytes: Uint8Array;
}

export interface PayoutDeliverer {
  /** Shown on the batch page and kept on each attempt, e.g. "sftp://payout.example:22/in" or ".data/payout-outbox". */
  readonly target: string;
  /** Whether this is the local folder used without SFTP settings (the batch page says so). */
  readonly local: boolean;
  /** Looks for the final file (not the .part). Throws DeliveryError when the server cannot be asked. */
  find(fileName: string): Promise<RemoteFile>;
  /**
   * Uploads `name.part`, checks its size, calls `beforeRename` (the run records that the rename is
   * about to happen), then renames it to the final name, never overwriting: a final file already
   * there with the same size is ALREADY_DELIVERED, with another size a DeliveryError. Throws
   * DeliveryError on any failure, with a message staff can act on.
   */
  deliver(file: PayoutFileToDeliver, beforeRename: () => Promise<void>): Promise<DeliveryResult>;
}

/** Why a delivery did not happen, in words for the batch page ("SFTP server refused the login"). */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** True when the failure came after the rename may have happened: the outcome is unknown. */
    readonly uncertain = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DeliveryError";
  }
}
