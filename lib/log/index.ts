import pino from "pino";

// Structured JSON logs. Anything that may carry a secret or bank details is redacted by key,
// wherever it sits in the object, so a careless `log.info({ body })` cannot leak it.
const SENSITIVE_KEYS = [
  "password",
  "newPassword",
  "passwordHash",
  "token",
  "apiToken",
  "authorization",
  "cookie",
  "secret",
  "sortCode",
  "accountNumber",
  "rollNumber",
  "nameOnAccount",
  "bankDetails",
  "ciphertext",
];

export const redactPaths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `headers.${k}`]);

export function createLogger(destination?: pino.DestinationStream, level = process.env.LOG_LEVEL || "info") {
  return pino(
    {
      level,
      base: { service: "disburse" },
      redact: { paths: redactPaths, censor: "[redacted]" },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export const log = createLogger();
