import { recordAudit } from "@/lib/audit/record-audit";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { keyId, previousKeysOf } from "@/lib/crypto/keyring";
import {
  rotateCiphertexts,
  ROTATION_BATCH_SIZE,
  type BatchProgress,
  type RotationSummary,
} from "@/lib/crypto/rotation/rotate-ciphertexts";
import { withRotationLock } from "@/lib/crypto/rotation/rotation-lock";
import { plural } from "@/lib/plural";
import { EXIT, type ExitCode, type OpsCommand, type OpsContext } from "../ops-command";
import { opsActorLabel } from "../ops-audit";
import { exitCodesHelp, jsonLine } from "../ops-format";

// Rotating the bank-details key (docs/key-rotation.md): every ciphertext re-encrypted under
// BANK_DETAILS_KEY, decrypting with BANK_DETAILS_PREVIOUS_KEYS meanwhile, and the lookup hashes
// rebuilt under BANK_DETAILS_LOOKUP_KEY when BANK_DETAILS_PREVIOUS_LOOKUP_KEY says it rotates too.
// The keys are the portal's own settings (the same keyring the pages use), so the command re-encrypts
// to exactly the key the restarted portal writes with.

export type RotationKeys = {
  /** The ring: the current key and the previous ones (lib/crypto/keyring.ts). */
  key: Buffer;
  /** The lookup ring, or null when no lookup key is configured (nothing to rebuild). */
  lookupKey: Buffer | null;
};

export type RotateBankKeyDeps = {
  keys: () => RotationKeys;
  /** After each committed batch: tests throw here to interrupt a rotation half-way. */
  onBatch?: (progress: BatchProgress) => void | Promise<void>;
};

const LABELS = {
  bankDetails: "approved bank details",
  bankDetailChanges: "bank-detail changes",
  fileLines: "file lines",
} as const;

function portalKeys(): RotationKeys {
  let lookupKey: Buffer | null = null;
  try {
    lookupKey = bankLookupKey();
  } catch {
    // No lookup key configured (a demo started some other way): there are no hashes to rebuild.
  }
  return { key: bankDetailsKey(), lookupKey };
}

const HELP = [
  "Usage: npm run ops -- rotate-bank-key --as <email> [--batch-size N] [--dry-run] [--json]",
  "",
  "Re-encrypts every stored bank-details ciphertext (approved bank details, pending and decided",
  "changes, bank and Payout file lines) under BANK_DETAILS_KEY, reading the values not yet done with",
  "BANK_DETAILS_PREVIOUS_KEYS. When BANK_DETAILS_PREVIOUS_LOOKUP_KEY is set the lookup hashes (the",
  "same account held by another person) are rebuilt under BANK_DETAILS_LOOKUP_KEY too. It runs in",
  "batches that each commit, while the portal runs; stopped anywhere (Ctrl-C, a crash), it resumes",
  "where it stopped when run again, and run again when done it changes nothing.",
  "",
  "The procedure (docs/key-rotation.md): set the new key in BANK_DETAILS_KEY and the old one in",
  "BANK_DETAILS_PREVIOUS_KEYS, restart every portal instance, run this command until it exits 0,",
  "then remove BANK_DETAILS_PREVIOUS_KEYS and restart again.",
  "",
  "Options:",
  "  --as <email>      a user with the role Administrator",
  `  --batch-size N    rows read and written per statement (default ${ROTATION_BATCH_SIZE}, 1 to 50000)`,
  "  --dry-run         read and decrypt everything, count what would change, write nothing",
  "  --json            print the summary as JSON",
  "",
  exitCodesHelp({
    0: "every value is under the current key (and every hash rebuilt): the previous keys may be removed",
    1: "some values could not be decrypted (their ids are listed), some were written under an old key while it ran, or it was stopped: run it again",
    4: null,
    5: "another rotation is running: wait for it",
  }),
  "",
  "Example:",
  "  npm run ops -- rotate-bank-key --as admin@example.gov.uk --dry-run",
  "  npm run ops -- rotate-bank-key --as admin@example.gov.uk",
].join("\n");

export function makeRotateBankKeyCommand(deps: RotateBankKeyDeps): OpsCommand {
  return {
    name: "rotate-bank-key",
    summary: "Re-encrypt every bank-details ciphertext under a new key (resumable)",
    help: HELP,
    options: { "batch-size": { type: "string" }, "dry-run": { type: "boolean" }, json: { type: "boolean" } },
    validate({ values, positionals }) {
      if (positionals.length > 0) return `rotate-bank-key takes no arguments, got "${positionals[0]}".`;
      const size = values["batch-size"];
      if (size !== undefined && (typeof size !== "string" || !/^\d+$/.test(size) || +size < 1 || +size > 50_000)) {
        return "--batch-size must be a whole number from 1 to 50000.";
      }
      return null;
    },
    async run(ctx, { values }): Promise<ExitCode> {
      const { key, lookupKey } = deps.keys();
      const dryRun = values["dry-run"] === true;
      const rehashing = lookupKey !== null && previousKeysOf(lookupKey).length > 0;
      ctx.out(
        `${dryRun ? "Dry run: nothing is written. " : ""}Current key ${keyId(key)}; previous keys: ${
          previousKeysOf(key).map(keyId).join(", ") || "none"
        }. Lookup hashes: ${rehashing ? `rebuilt under ${keyId(lookupKey)} (previous ${previousKeysOf(lookupKey).map(keyId).join(", ")})` : "kept as they are"}.`,
      );
      const controller = new AbortController();
      const onSigint = () => {
        ctx.err("Stopping after the batch in progress (it commits whole); run the command again to resume.");
        controller.abort();
      };
      process.once("SIGINT", onSigint);
      let summary: RotationSummary | "BUSY";
      try {
        summary = await withRotationLock(ctx.db, () =>
          rotateCiphertexts({
            db: ctx.db,
            key,
            rehash: rehashing ? (details) => bankLookupHash(details, lookupKey) : null,
            batchSize: typeof values["batch-size"] === "string" ? Number(values["batch-size"]) : undefined,
            dryRun,
            signal: controller.signal,
            onBatch: async (progress) => {
              if (!values.json) ctx.out(progressLine(progress, dryRun));
              await deps.onBatch?.(progress);
            },
          }),
        );
      } finally {
        process.removeListener("SIGINT", onSigint);
      }
      if (summary === "BUSY") {
        ctx.err("Another key rotation is running (it holds the rotation lock): wait for it to finish. Nothing was done.");
        return EXIT.BUSY;
      }
      if (!dryRun) await auditRotation(ctx, summary);
      if (values.json) ctx.out(jsonLine(summary));
      else summaryLines(summary).forEach((line) => ctx.out(line));
      return outcome(ctx, summary);
    },
  };
}

export const rotateBankKeyCommand: OpsCommand = makeRotateBankKeyCommand({ keys: portalKeys });

function progressLine({ column, batch, counts }: BatchProgress, dryRun: boolean): string {
  const verb = dryRun ? "would change" : "re-encrypted";
  return `batch ${batch}: ${LABELS[column]}: ${counts.read} read, ${counts.reencrypted} ${verb}, ${counts.rehashed} hashes rebuilt${
    counts.undecryptable ? `, ${counts.undecryptable} undecryptable` : ""
  }`;
}

/** The summary as plain lines: per column what was done, and what is left. Pure. */
export function summaryLines(summary: RotationSummary): string[] {
  const lines = Object.entries(summary.columns).map(([name, c]) => {
    const label = LABELS[name as keyof typeof LABELS];
    const parts = [`${c.read} read`, `${c.reencrypted} ${summary.dryRun ? "to re-encrypt" : "re-encrypted"}`];
    if (summary.rehashed) parts.push(`${c.rehashed} ${summary.dryRun ? "hashes to rebuild" : "hashes rebuilt"}`);
    if (c.changedMeanwhile) parts.push(`${c.changedMeanwhile} changed meanwhile`);
    if (c.undecryptable) parts.push(`${c.undecryptable} undecryptable (${c.undecryptableIds.join(", ")})`);
    return `${label}: ${parts.join(", ")}; ${summary.remaining[name as keyof typeof summary.remaining]} not under key ${summary.keyId}`;
  });
  return [...lines, `${plural(summary.batches, "batch", "batches")}.`];
}

function outcome(ctx: OpsContext, summary: RotationSummary): ExitCode {
  const undecryptable = Object.values(summary.columns).reduce((n, c) => n + c.undecryptable, 0);
  const remaining = Object.values(summary.remaining).reduce((n, r) => n + r, 0);
  if (summary.stopped) {
    ctx.err(
      `Stopped before the end: ${plural(remaining, "value")} not yet under key ${summary.keyId}. Run the command again to resume.`,
    );
    return EXIT.FAILED;
  }
  if (undecryptable > 0) {
    ctx.err(
      `${plural(undecryptable, "value")} could not be decrypted with any configured key (listed above) and were left as they are: keep the previous keys until they are dealt with.`,
    );
    return EXIT.FAILED;
  }
  if (remaining > 0 && !summary.dryRun) {
    ctx.err(
      `${plural(remaining, "value")} were written under an old key while this ran (a portal instance not yet restarted with the new key?): restart every instance and run the command again.`,
    );
    return EXIT.FAILED;
  }
  ctx.out(
    summary.dryRun
      ? `Dry run finished: ${plural(remaining, "value")} to re-encrypt. Nothing was written.`
      : `Done: every value is under key ${summary.keyId}${summary.rehashed ? " and every lookup hash rebuilt" : ""}. The previous keys may now be removed (docs/key-rotation.md).`,
  );
  return EXIT.OK;
}

/** How the run ended, for its audit row: stopped part-way, ended with values left under an old key, or done. */
export function rotationAction(summary: RotationSummary): string {
  const remaining = Object.values(summary.remaining).reduce((n, r) => n + r, 0);
  if (summary.stopped) return "bank-key.rotation-stopped"; // the audit action when interrupted
  return remaining > 0 ? "bank-key.rotation-incomplete" : "bank-key.rotated";
}

/** The rotation's own audit row, beside the command's (ops-audit.ts): what it changed, by key id. */
async function auditRotation(ctx: OpsContext, summary: RotationSummary): Promise<void> {
  const counts = Object.fromEntries(
    Object.entries(summary.columns).map(([name, c]) => [
      name,
      {
        reencrypted: c.reencrypted,
        rehashed: c.rehashed,
        undecryptable: c.undecryptable,
        remaining: summary.remaining[name as keyof typeof summary.remaining],
      },
    ]),
  );
  await ctx.db.$transaction((tx) =>
    recordAudit(tx, {
      actor: { id: ctx.actor.id, email: opsActorLabel(ctx.actor.email, ctx.osUser) },
      action: rotationAction(summary),
      entityType: "BankDetailsKey",
      entityId: summary.keyId,
      after: {
        keyId: summary.keyId,
        lookupHashesRebuilt: summary.rehashed,
        batches: summary.batches,
        osUser: ctx.osUser,
        counts,
      },
    }),
  );
}
