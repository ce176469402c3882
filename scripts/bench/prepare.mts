// The template databases every measurement copies (CREATE DATABASE … TEMPLATE), so each one runs
// on fresh data:
//   <prefix>_base  migrated, empty
//   <prefix>_new   + staff and N approved claims with NEW bank payments     (the run)
//   <prefix>_sent  + those payments SENT in a downloaded batch             (the sweep, the upload)
//   <prefix>_list  + the claims-list data set, scripts/bench/fill-claims.mts (the claim list)
// plus SSCL's failed-payments file for every sent payment.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createDb, poolOf } from "../../lib/db/create-db.ts";
import { migrate } from "../lib/migrate.mts";
import { root } from "../lib/run-command.mts";
import { benchBankSet } from "./bank-set.mts";
import { generateClaims, generateStaff } from "./generate-claims.mts";
import { markAllSent, writeFailedPaymentsFile } from "./mark-sent.mts";
import type { BenchServer } from "./server.mts";
import { connect } from "./step-support.mts";

export interface Templates {
  newDb?: string;
  sentDb?: string;
  listDb?: string;
  uploadFile?: string;
  ssclUserId: string;
  keyBase64: string;
  setupMs: Record<string, number>;
}

/** sha256 of every migration file: the migrated base is reused while this stays the same. */
function migrationsHash(): string {
  const dir = path.join(root, "prisma", "migrations");
  const hash = createHash("sha256");
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()) {
    try {
      hash.update(file).update(readFileSync(path.join(dir, file)));
    } catch {
      // a folder
    }
  }
  return `migrations ${hash.digest("hex")}`;
}

/** The migrated, empty database every other one starts from; kept between runs. */
export const baseName = (server: BenchServer) => `${server.prefix}_base`;

async function vacuum(url: string) {
  const client = await connect(url);
  // Frozen and analysed once here, so no measurement pays for hint bits or a first ANALYZE.
  await client.query("VACUUM (FREEZE, ANALYZE)").finally(() => client.end());
}

export async function prepareTemplates(
  server: BenchServer,
  options: {
    n: number;
    listClaims: number;
    needRunData: boolean;
    needSentData: boolean;
    workDir: string;
    log: (m: string) => void;
  },
): Promise<Templates> {
  const { n, log } = options;
  const setupMs: Record<string, number> = {};
  const phase = async <T,>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = Date.now();
    const result = await work();
    setupMs[name] = Date.now() - started;
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
  const name = (suffix: string) => `${server.prefix}_${suffix}`;
  const key = randomBytes(32);
  // Encrypted once: the claimants' ciphertexts and the upload file's details must be the same set.
  const bankSet = benchBankSet(key);
  const templates: Templates = { ssclUserId: "", keyBase64: key.toString("base64"), setupMs };

  const migrations = migrationsHash();
  if ((await server.comment(baseName(server))) !== migrations) {
    await phase("migrate", async () => {
      await server.create(baseName(server));
      await migrate(server.url(baseName(server)), log);
      await server.setComment(baseName(server), migrations);
    });
  }

  if (options.needRunData || options.needSentData) {
    templates.newDb = name("new");
    await phase(`generate ${n.toLocaleString("en-GB")} claims`, async () => {
      await server.create(templates.newDb!, baseName(server));
      const client = await connect(server.url(templates.newDb!));
      try {
        const staff = await generateStaff(client);
        templates.ssclUserId = staff.ssclUserId;
        await generateClaims(client, { n, ciphertexts: bankSet.map((b) => b.ciphertext), caseworkerIds: staff.caseworkerIds });
      } finally {
        await client.end();
      }
      await vacuum(server.url(templates.newDb!));
    });
  }

  if (options.needSentData) {
    templates.sentDb = name("sent");
    templates.uploadFile = path.join(options.workDir, "failed-payments.csv");
    await phase("mark them sent, write the failed-payments file", async () => {
      await server.create(templates.sentDb!, templates.newDb);
      const client = await connect(server.url(templates.sentDb!));
      try {
        await markAllSent(client, { ssclUserId: templates.ssclUserId });
        await writeFailedPaymentsFile(client, bankSet, templates.uploadFile!);
      } finally {
        await client.end();
      }
      await vacuum(server.url(templates.sentDb!));
    });
  }

  if (options.listClaims > 0) {
    templates.listDb = name("list");
    await phase(`fill ${options.listClaims.toLocaleString("en-GB")} claims for the list`, async () => {
      await server.create(templates.listDb!, baseName(server));
      const { fillClaims } = await import("./fill-claims.mts");
      const db = createDb(server.url(templates.listDb!));
      try {
        await fillClaims(db, { claims: options.listClaims });
      } finally {
        await db.$disconnect();
        await poolOf(db).end();
      }
    });
  }
  return templates;
}
