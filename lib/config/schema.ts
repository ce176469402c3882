import { z } from "zod";

/** Every demo sign-in's password unless DEMO_PASSWORD says otherwise. */
export const DEFAULT_DEMO_PASSWORD = "Disburse-demo-1";

/** The largest staff upload (a failed-payments file), unless UPLOAD_MAX_MB says otherwise. */
export const DEFAULT_UPLOAD_MAX_MB = 100;

// Read once, validated as a whole, so a bad setting stops start-up with its name instead of
// failing later inside a request.

const base64Key = z
  .string()
  .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded (openssl rand -base64 32)");

const secret = (minLength: number) => z.string().min(minLength, `must be at least ${minLength} characters`);

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v));

export const configSchema = z.object({
  mode: z.enum(["demo", "production"]),
  databaseUrl: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
  authSecret: secret(32),
  bankDetailsKey: base64Key,
  cronSecret: optionalText.pipe(secret(32).optional()),
  port: z.coerce.number().int().min(1).max(65535),
  appHost: z.string().min(1),
  authUrl: z.url(),
  fileStoreDir: z.string().min(1),
  azureStorageConnectionString: optionalText,
  azureStorageContainer: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, "must be a valid Azure container name"),
  adiTemplatePath: z.string().min(1),
  notifyApiKey: optionalText,
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  demoPassword: z.string().min(12, "must be at least 12 characters"),
  uploadMaxMb: z.coerce
    .number("must be a whole number of megabytes")
    .int("must be a whole number of megabytes")
    .min(1, "must be at least 1")
    .max(1024, "must be at most 1024"),
});

export type AppConfig = z.infer<typeof configSchema>;

/** The environment variable behind each setting, so errors name what the operator must set. */
export const settingNames: Record<keyof AppConfig, string> = {
  mode: "DISBURSE_MODE",
  databaseUrl: "DATABASE_URL",
  authSecret: "AUTH_SECRET",
  bankDetailsKey: "BANK_DETAILS_KEY",
  cronSecret: "CRON_SECRET",
  port: "PORT",
  appHost: "APP_HOST",
  authUrl: "AUTH_URL",
  fileStoreDir: "FILE_STORE_DIR",
  azureStorageConnectionString: "AZURE_STORAGE_CONNECTION_STRING",
  azureStorageContainer: "AZURE_STORAGE_CONTAINER",
  adiTemplatePath: "ADI_TEMPLATE_PATH",
  notifyApiKey: "NOTIFY_API_KEY",
  logLevel: "LOG_LEVEL",
  demoPassword: "DEMO_PASSWORD",
  uploadMaxMb: "UPLOAD_MAX_MB",
};

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Demo is the default when no database is given; production when one is. */
export function resolveMode(env: Env): "demo" | "production" {
  const explicit = env.DISBURSE_MODE?.trim();
  if (explicit === "demo" || explicit === "production") return explicit;
  if (explicit) throw new ConfigError([`DISBURSE_MODE must be "demo" or "production", got "${explicit}"`]);
  return env.DATABASE_URL ? "production" : "demo";
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

/** Pure: the environment in, a validated config (or a ConfigError naming every bad setting) out. */
export function parseConfig(env: Env): AppConfig {
  const mode = resolveMode(env);
  const port = blank(env.PORT) ?? "3000";
  const appHost = blank(env.APP_HOST) ?? "127.0.0.1";
  const raw = {
    mode,
    databaseUrl: blank(env.DATABASE_URL),
    authSecret: blank(env.AUTH_SECRET),
    bankDetailsKey: blank(env.BANK_DETAILS_KEY),
    cronSecret: env.CRON_SECRET,
    port,
    appHost,
    authUrl: blank(env.AUTH_URL) ?? `http://${appHost}:${port}`,
    fileStoreDir: blank(env.FILE_STORE_DIR) ?? ".data/files",
    azureStorageConnectionString: env.AZURE_STORAGE_CONNECTION_STRING,
    azureStorageContainer: blank(env.AZURE_STORAGE_CONTAINER) ?? "disburse-files",
    adiTemplatePath: blank(env.ADI_TEMPLATE_PATH) ?? "templates/adi-journal-demo.xlsx",
    notifyApiKey: env.NOTIFY_API_KEY,
    logLevel: blank(env.LOG_LEVEL) ?? "info",
    demoPassword: blank(env.DEMO_PASSWORD) ?? DEFAULT_DEMO_PASSWORD,
    uploadMaxMb: blank(env.UPLOAD_MAX_MB) ?? String(DEFAULT_UPLOAD_MAX_MB),
  };
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path[0] as keyof AppConfig;
    const name = settingNames[key] ?? String(key);
    return issue.code === "invalid_type" && raw[key] === undefined ? `${name} is required` : `${name} ${issue.message}`;
  });
  throw new ConfigError(problems);
}
