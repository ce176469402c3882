import pino from "pino";
import { REDACTED, SENSITIVE_KEYS } from "./redact";

// Structured JSON logs, one line each. Anything that may carry a secret or bank details is
// redacted by key (./redact.ts) up to three levels deep, so a careless `log.info({ body })`
// cannot leak it; data shaped elsewhere (next-auth's metadata) goes through `scrub` first.
export const redactPaths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);

export function createLogger(destination?: pino.DestinationStream, level = process.env.LOG_LEVEL || "info") {
  return pino(
    {
      level,
      base: { service: "disburse" },
      redact: { paths: redactPaths, censor: REDACTED },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log = createLogger();

export type LogLevel = "debug" | "info" | "warn" | "error";
/**
 * One line to log, built by a pure mapping (./auth-log-entry.ts, ./request-error-entry.ts) and
 * written as `log[entry.level](entry.fields, entry.msg)`.
 */
export type LogEntry = { level: LogLevel; msg: string; fields: Record<string, unknown> };
