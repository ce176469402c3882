// Runs once when the Next.js server starts: a bad or missing setting stops it here, by name,
// rather than failing inside the first request that needs it. `npm start` checks the same
// schema before it starts anything; this covers `next start` run on its own.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { ConfigError, parseConfig } = await import("./lib/config/schema");
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
