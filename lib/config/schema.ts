import { z } from "zod";

/** Every demo sign-in's password unless DEMO_PASSWORD says otherwise. */
export const DEFAULT_DEMO_PASSWORD = "Disburse-demo-1";

/** The largest staff upload (a failed-payments file), unless UPLOAD_MAX_MB says otherwise. */
export const DEFAULT_UPLOAD_MAX_MB = 100;

/** Years without activity after which a person's personal details are erased, unless RETENTION_YEARS says otherwise. */
export const DEFAULT_RETENTION_YEARS = 6;

/** Demo mode's help desk (an Ofcom drama number: it rings nobody), unless SUPPORT_EMAIL and SUPPORT_PHONE say otherwise. */
export const DEMO_SUPPORT = { email: "support@demo.disburse.test", phone: "020 7946 0999" } as const;

/** Payout defaults (docs/file-formats.md#payout-payment-file), each overridable by its setting. */
export const PAYOUT_DEFAULTS = {
  maxPerFile: 10_000,
  filePrefix: "disburse_payout_",
  fileSuffix: "",
  letterTemplateCode: "NOMS1086-LET-003",
  voucherValidityDays: 30,
  outboxDir: ".data/payout-outbox",
  sftpPort: 22,
  sftpDir: "/",
} as const;

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
  /** The tables' owner, for migrations only; unset: they run as DATABASE_URL (docs/security.md#database-roles). */
  migrationDatabaseUrl: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
  ),
  authSecret: secret(32),
  bankDetailsKey: base64Key,
  /**
   * HMAC key of the bank-details lookup hash (same account, another person), separate from the
   * encryption key. Required in production (REQUIRED_IN_PRODUCTION); `npm start` generates it in demo.
   */
  bankDetailsLookupKey: base64Key.optional(),
  /**
   * Keys bank details were encrypted under before BANK_DETAILS_KEY, for decrypting only, while
   * `npm run ops -- rotate-bank-key` re-encrypts them (docs/key-rotation.md). Comma-separated.
   */
  bankDetailsPreviousKeys: z.array(base64Key),
  /** The lookup key BANK_DETAILS_LOOKUP_KEY replaced: lookups match either hash until the rotation rebuilds them. */
  bankDetailsPreviousLookupKey: base64Key.optional(),
  cronSecret: optionalText.pipe(secret(32).optional()),
  port: z.coerce.number().int().min(1).max(65535),
  appHost: z.string().min(1),
  authUrl: z.url(),
  fileStoreDir: z.string().min(1),
  azureStorageConnectionString: optionalText,
  azureStorageContainer: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, "must be a valid Azure container name"),
  adiTemplatePath: z.string().min(1),
  notifyApiKey: optionalText,
  /** Notify's API address; unset: the official client's default. Tests point it at a local server. */
  notifyBaseUrl: optionalText.pipe(z.url().optional()),
  /** Which Notify template sends each of the portal's message templates, by name. */
  notifyTemplateIds: z.record(z.string(), z.string().min(1)),
  /** The help desk staff are pointed to in the footer and the accessibility statement; unset in production: not shown. */
  supportEmail: optionalText.pipe(z.email("must be an email address").optional()),
  supportPhone: optionalText,
  /** Who alerts go to (a failed run, a delivery that keeps failing, codes not uploaded). */
  supportAlertEmails: z.array(z.email("must be a comma-separated list of email addresses")),
  payoutMaxPerFile: z.coerce.number("must be a whole number").int("must be a whole number").min(1).max(1_000_000),
  payoutFilePrefix: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"'),
  payoutFileSuffix: z.string().regex(/^[A-Za-z0-9._-]*$/, 'may hold only letters, digits, ".", "_" and "-"'),
  payoutLetterTemplateCode: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "must be letters, digits and -"),
  voucherValidityDays: z.coerce.number("must be a whole number of days").int("must be a whole number of days").min(1).max(366),
  /** Without SFTP settings, Payout files are "delivered" to this folder (demo and tests). */
  payoutOutboxDir: z.string().min(1),
  payoutSftpHost: optionalText,
  payoutSftpPort: z.coerce.number().int().min(1).max(65535),
  payoutSftpUsername: optionalText,
  /** A path to the private key (OpenSSH or PEM) the portal signs in with. */
  payoutSftpPrivateKeyPath: optionalText,
  payoutSftpPassword: optionalText,
  /** The server's pinned host key: "SHA256:<base64>" as `ssh-keygen -lf` prints it. */
  payoutSftpHostKey: optionalText,
  /** The remote folder the Payout files go into. */
  payoutSftpDir: z.string().min(1),
  /** Optional remote folder of return files fetched by the inbox cron. */
  payoutSftpInbox: optionalText,
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]),
  demoPassword: z.string().min(12, "must be at least 12 characters"),
  uploadMaxMb: z.coerce
    .number("must be a whole number of megabytes")
    .int("must be a whole number of megabytes")
    .min(1, "must be at least 1")
    .max(1024, "must be at most 1024"),
  /** The clamd that scans evidence documents, "host:port" (docs/documents.md#virus-scanning). */
  clamdHost: optionalText.pipe(
    z
      .string()
      .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/, "must be host:port, e.g. 127.0.0.1:3310")
      .optional(),
  ),
  /** The largest evidence document (docs/documents.md#what-is-accepted). */
  documentMaxMb: z.coerce
    .number("must be a whole number of megabytes")
    .int("must be a whole number of megabytes")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100"),
  /** Proxies in front of the portal that append to X-Forwarded-For; 0 when it is reached directly. */
  /** A claim whose approved total, with the person's approvals of the previous 30 days, is above this needs a second caseworker. */
  secondApprovalThresholdPence: z.coerce
    .number("must be a whole number of pence")
    .int("must be a whole number of pence")
    .min(0)
    .max(100_000_000),
  /** No expense line may be approved above this. */
  lineMaximumPence: z.coerce
    .number("must be a whole number of pence")
    .int("must be a whole number of pence")
    .min(1)
    .max(100_000_000),
  trustedProxyHops: z.coerce.number("must be a whole number").int("must be a whole number").min(0).max(5),
  /** An open claim older than this many working days is marked "Past target" in the queue (docs/caseworker-queue.md). */
  claimAgeTargetWorkingDays: z.coerce
    .number("must be a whole number of working days")
    .int("must be a whole number of working days")
    .min(1, "must be at least 1")
    .max(250, "must be at most 250"),
  /** A session with no request for this long ends (sign-in again); a warning shows 5 minutes before. */
  sessionIdleMinutes: z.coerce
    .number("must be a whole number of minutes")
    .int("must be a whole number of minutes")
    .min(10, "must be at least 10")
    .max(480, "must be at most 480"),
  /**
   * The retention policy (docs/security.md#personal-data-over-time): a person with no claim,
   * enrolment or payment activity for this many years has their personal details erased.
   */
  retentionYears: z.coerce
    .number("must be a whole number of years")
    .int("must be a whole number of years")
    .min(1, "must be at least 1")
    .max(100, "must be at most 100"),
});

export type AppConfig = z.infer<typeof configSchema>;

/** The environment variable behind each setting, so errors name what the operator must set. */
export const settingNames: Record<keyof AppConfig, string> = {
  mode: "DISBURSE_MODE",
  databaseUrl: "DATABASE_URL",
  migrationDatabaseUrl: "MIGRATION_DATABASE_URL",
  authSecret: "AUTH_SECRET",
  bankDetailsKey: "BANK_DETAILS_KEY",
  bankDetailsLookupKey: "BANK_DETAILS_LOOKUP_KEY",
  bankDetailsPreviousKeys: "BANK_DETAILS_PREVIOUS_KEYS",
  bankDetailsPreviousLookupKey: "BANK_DETAILS_PREVIOUS_LOOKUP_KEY",
  cronSecret: "CRON_SECRET",
  port: "PORT",
  appHost: "APP_HOST",
  authUrl: "AUTH_URL",
  fileStoreDir: "FILE_STORE_DIR",
  azureStorageConnectionString: "AZURE_STORAGE_CONNECTION_STRING",
  azureStorageContainer: "AZURE_STORAGE_CONTAINER",
  adiTemplatePath: "ADI_TEMPLATE_PATH",
  notifyApiKey: "NOTIFY_API_KEY",
  notifyBaseUrl: "NOTIFY_BASE_URL",
  notifyTemplateIds: "NOTIFY_TEMPLATE_IDS",
  supportEmail: "SUPPORT_EMAIL",
  supportPhone: "SUPPORT_PHONE",
  supportAlertEmails: "SUPPORT_ALERT_EMAILS",
  payoutMaxPerFile: "PAYOUT_MAX_PER_FILE",
  payoutFilePrefix: "PAYOUT_FILE_PREFIX",
  payoutFileSuffix: "PAYOUT_FILE_SUFFIX",
  payoutLetterTemplateCode: "PAYOUT_LETTER_TEMPLATE_CODE",
  voucherValidityDays: "VOUCHER_VALIDITY_DAYS",
  payoutOutboxDir: "PAYOUT_OUTBOX_DIR",
  payoutSftpHost: "PAYOUT_SFTP_HOST",
  payoutSftpPort: "PAYOUT_SFTP_PORT",
  payoutSftpUsername: "PAYOUT_SFTP_USERNAME",
  payoutSftpPrivateKeyPath: "PAYOUT_SFTP_PRIVATE_KEY_PATH",
  payoutSftpPassword: "PAYOUT_SFTP_PASSWORD",
  payoutSftpHostKey: "PAYOUT_SFTP_HOST_KEY",
  payoutSftpDir: "PAYOUT_SFTP_DIR",
  payoutSftpInbox: "PAYOUT_SFTP_INBOX",
  logLevel: "LOG_LEVEL",
  demoPassword: "DEMO_PASSWORD",
  uploadMaxMb: "UPLOAD_MAX_MB",
  clamdHost: "CLAMD_HOST",
  documentMaxMb: "DOCUMENT_MAX_MB",
  secondApprovalThresholdPence: "SECOND_APPROVAL_THRESHOLD_PENCE",
  lineMaximumPence: "LINE_MAXIMUM_PENCE",
  trustedProxyHops: "TRUSTED_PROXY_HOPS",
  claimAgeTargetWorkingDays: "CLAIM_AGE_TARGET_WORKING_DAYS",
  sessionIdleMinutes: "SESSION_IDLE_MINUTES",
  retentionYears: "RETENTION_YEARS",
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

/** Settings the schema lets demo mode leave unset (`npm start` generates them) but production must give. */
const REQUIRED_IN_PRODUCTION = ["bankDetailsLookupKey"] as const satisfies (keyof AppConfig)[];

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v);

/** Pure: the environment in, a validated config (or a ConfigError naming every bad setting) out. */
export function parseConfig(env: Env): AppConfig {
  const mode = resolveMode(env);
  const port = blank(env.PORT) ?? "3000";
  const appHost = blank(env.APP_HOST) ?? "127.0.0.1";
  const raw = {
    mode,
    databaseUrl: blank(env.DATABASE_URL),
    migrationDatabaseUrl: env.MIGRATION_DATABASE_URL,
    authSecret: blank(env.AUTH_SECRET),
    bankDetailsKey: blank(env.BANK_DETAILS_KEY),
    bankDetailsLookupKey: blank(env.BANK_DETAILS_LOOKUP_KEY),
    bankDetailsPreviousKeys: (blank(env.BANK_DETAILS_PREVIOUS_KEYS) ?? "")
      .split(",")
      .map((k) => k.trim())
      .filter((k) => k !== ""),
    bankDetailsPreviousLookupKey: blank(env.BANK_DETAILS_PREVIOUS_LOOKUP_KEY),
    cronSecret: env.CRON_SECRET,
    port,
    appHost,
    authUrl: blank(env.AUTH_URL) ?? `http://${appHost}:${port}`,
    fileStoreDir: blank(env.FILE_STORE_DIR) ?? ".data/files",
    azureStorageConnectionString: env.AZURE_STORAGE_CONNECTION_STRING,
    azureStorageContainer: blank(env.AZURE_STORAGE_CONTAINER) ?? "disburse-files",
    adiTemplatePath: blank(env.ADI_TEMPLATE_PATH) ?? "templates/adi-journal-demo.xlsx",
    notifyApiKey: env.NOTIFY_API_KEY,
    notifyBaseUrl: env.NOTIFY_BASE_URL,
    notifyTemplateIds: parseJsonObject(env.NOTIFY_TEMPLATE_IDS),
    supportEmail: env.SUPPORT_EMAIL ?? (mode === "demo" ? DEMO_SUPPORT.email : undefined),
    supportPhone: env.SUPPORT_PHONE ?? (mode === "demo" ? DEMO_SUPPORT.phone : undefined),
    supportAlertEmails: (blank(env.SUPPORT_ALERT_EMAILS) ?? "")
      .split(",")
      .map((address) => address.trim())
      .filter((address) => address !== ""),
    payoutMaxPerFile: blank(env.PAYOUT_MAX_PER_FILE) ?? String(PAYOUT_DEFAULTS.maxPerFile),
    payoutFilePrefix: env.PAYOUT_FILE_PREFIX?.trim() ?? PAYOUT_DEFAULTS.filePrefix,
    payoutFileSuffix: env.PAYOUT_FILE_SUFFIX?.trim() ?? PAYOUT_DEFAULTS.fileSuffix,
    payoutLetterTemplateCode: blank(env.PAYOUT_LETTER_TEMPLATE_CODE) ?? PAYOUT_DEFAULTS.letterTemplateCode,
    voucherValidityDays: blank(env.VOUCHER_VALIDITY_DAYS) ?? String(PAYOUT_DEFAULTS.voucherValidityDays),
    payoutOutboxDir: blank(env.PAYOUT_OUTBOX_DIR) ?? PAYOUT_DEFAULTS.outboxDir,
    payoutSftpHost: env.PAYOUT_SFTP_HOST,
    payoutSftpPort: blank(env.PAYOUT_SFTP_PORT) ?? String(PAYOUT_DEFAULTS.sftpPort),
    payoutSftpUsername: env.PAYOUT_SFTP_USERNAME,
    payoutSftpPrivateKeyPath: env.PAYOUT_SFTP_PRIVATE_KEY_PATH,
    payoutSftpPassword: env.PAYOUT_SFTP_PASSWORD,
    payoutSftpHostKey: env.PAYOUT_SFTP_HOST_KEY,
    payoutSftpDir: blank(env.PAYOUT_SFTP_DIR) ?? PAYOUT_DEFAULTS.sftpDir,
    payoutSftpInbox: env.PAYOUT_SFTP_INBOX,
    logLevel: blank(env.LOG_LEVEL) ?? "info",
    demoPassword: blank(env.DEMO_PASSWORD) ?? DEFAULT_DEMO_PASSWORD,
    uploadMaxMb: blank(env.UPLOAD_MAX_MB) ?? String(DEFAULT_UPLOAD_MAX_MB),
    clamdHost: env.CLAMD_HOST,
    documentMaxMb: blank(env.DOCUMENT_MAX_MB) ?? "10",
    secondApprovalThresholdPence: blank(env.SECOND_APPROVAL_THRESHOLD_PENCE) ?? "50000",
    lineMaximumPence: blank(env.LINE_MAXIMUM_PENCE) ?? "100000",
    trustedProxyHops: blank(env.TRUSTED_PROXY_HOPS) ?? "0",
    claimAgeTargetWorkingDays: blank(env.CLAIM_AGE_TARGET_WORKING_DAYS) ?? "10",
    sessionIdleMinutes: blank(env.SESSION_IDLE_MINUTES) ?? "30",
    retentionYears: blank(env.RETENTION_YEARS) ?? String(DEFAULT_RETENTION_YEARS),
  };
  const result = configSchema.safeParse(raw);
  const missing =
    mode === "production"
      ? REQUIRED_IN_PRODUCTION.filter((k) => raw[k] === undefined).map((k) => `${settingNames[k]} is required`)
      : [];
  const further = result.success
    ? [...missing, ...sftpProblems(result.data), ...transportProblems(result.data), ...previousKeyProblems(result.data)]
    : [];
  if (result.success && further.length === 0) return result.data;
  if (result.success) throw new ConfigError(further);
  const problems = result.error.issues.map((issue) => {
    const key = issue.path[0] as keyof AppConfig;
    const name = settingNames[key] ?? String(key);
    return issue.code === "invalid_type" && raw[key] === undefined ? `${name} is required` : `${name} ${issue.message}`;
  });
  throw new ConfigError([...problems, ...missing]);
}

/** NOTIFY_TEMPLATE_IDS is a JSON object; anything else is kept as given so the schema names it. */
function parseJsonObject(text: string | undefined): unknown {
  if (blank(text) === undefined) return {};
  try {
    return JSON.parse(text as string);
  } catch {
    return text;
  }
}

/** SFTP delivery needs all of its settings or none: a half-configured server must not start. */
function sftpProblems(config: AppConfig): string[] {
  if (config.payoutSftpHost === undefined) return [];
  const problems: string[] = [];
  if (config.payoutSftpUsername === undefined) problems.push("PAYOUT_SFTP_USERNAME is required when PAYOUT_SFTP_HOST is set");
  if (config.payoutSftpHostKey === undefined) problems.push("PAYOUT_SFTP_HOST_KEY is required when PAYOUT_SFTP_HOST is set");
  if (config.payoutSftpPrivateKeyPath === undefined && config.payoutSftpPassword === undefined) {
    problems.push("PAYOUT_SFTP_PRIVATE_KEY_PATH or PAYOUT_SFTP_PASSWORD is required when PAYOUT_SFTP_HOST is set");
  }
  return problems;
}

/**
 * A previous key is one being rotated away from: it must differ from the current one (the same key
 * listed as both would look like a rotation that never ends), and a previous lookup key needs a
 * current one to rotate to.
 */
function previousKeyProblems(config: AppConfig): string[] {
  const same = (a: string, b: string) => Buffer.from(a, "base64").equals(Buffer.from(b, "base64"));
  const problems: string[] = [];
  if (config.bankDetailsPreviousKeys.some((k) => same(k, config.bankDetailsKey))) {
    problems.push(
      "BANK_DETAILS_PREVIOUS_KEYS must not include BANK_DETAILS_KEY (the new key goes in BANK_DETAILS_KEY, the old ones in BANK_DETAILS_PREVIOUS_KEYS)",
    );
  }
  const previousLookup = config.bankDetailsPreviousLookupKey;
  if (previousLookup !== undefined && config.bankDetailsLookupKey === undefined) {
    problems.push("BANK_DETAILS_PREVIOUS_LOOKUP_KEY needs BANK_DETAILS_LOOKUP_KEY (the key it is replaced by)");
  } else if (previousLookup !== undefined && same(previousLookup, config.bankDetailsLookupKey!)) {
    problems.push("BANK_DETAILS_PREVIOUS_LOOKUP_KEY must differ from BANK_DETAILS_LOOKUP_KEY");
  }
  return problems;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/** In production the session cookie must be Secure, so the portal's own address must be https. */
function transportProblems(config: AppConfig): string[] {
  if (config.mode !== "production") return [];
  const url = new URL(config.authUrl);
  if (url.protocol === "https:" || LOOPBACK_HOSTS.has(url.hostname)) return [];
  return [
    `AUTH_URL must be an https:// address in production (got ${url.origin}): over plain http the session cookie would travel unprotected; only 127.0.0.1, localhost and [::1] may use http`,
  ];
}
