import type { OpsCommand } from "../ops-command";
import { importFileCommand } from "./import-file";
import { journeyCommand } from "./journey";
import { retryDeliveryCommand } from "./retry-delivery";
import { rotateBankKeyCommand } from "./rotate-bank-key";
import { runNowCommand } from "./run-now";
import { stuckRunsCommand } from "./stuck-runs";
import { undeliveredBatchesCommand } from "./undelivered-batches";

/** Every support CLI command, in the order `npm run ops -- --help` lists them (docs/support-cli.md). */
export const opsCommandList: readonly OpsCommand[] = [
  runNowCommand,
  retryDeliveryCommand,
  importFileCommand,
  journeyCommand,
  stuckRunsCommand,
  undeliveredBatchesCommand,
  rotateBankKeyCommand,
];
