import "server-only";
import { parseConfig, type AppConfig } from "./schema";

let cached: AppConfig | undefined;

/** The validated configuration, read from the environment once per process. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export type { AppConfig };
