// Node.js runtime only (imported by instrumentation.ts's `register` when NEXT_RUNTIME is "nodejs",
// so the Edge bundle never sees `process.exit`). A bad or missing setting stops `next start` here,
// by name, rather than failing inside the first request that needs it. `npm start` checks the
// same schema before it starts anything; this covers `next start` run on its own.
import { ConfigError, parseConfig } from "./lib/config/schema";

export function checkSettingsOrExit(): void {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Disburse cannot start. ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}
