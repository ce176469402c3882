import type { OpsCommand } from "../ops-command";

// CONTRACT STUB: the key-rotation helper replaces this file (docs/support-cli.md#rotate-bank-key).
export const rotateBankKeyCommand: OpsCommand = {
  name: "rotate-bank-key",
  summary: "Re-encrypt every bank-details ciphertext under a new key (resumable)",
  help: "Not built yet.",
  options: {},
  async run() {
    throw new Error("rotate-bank-key: not built yet");
  },
};
