import "server-only";
import type { Db, Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { requestFingerprint } from "@/lib/api/request-fingerprint";
import { apiError, apiFieldErrors, apiJson } from "./json-response";
import { MAX_JSON_BODY_BYTES, parseJsonBody, TOO_LARGE_MESSAGE } from "./json-body";
import { readBodyUpTo } from "./read-body";
import { isUniqueViolation } from "../db/unique-violation";

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_KEY_MAX_LENGTH = 100;

export const KEY_REUSED_MESSAGE =
  "This Idempotency-Key was already used with a different request body. Use a new key for a new request.";

type Answer = Prisma.InputJsonObject;
type Validation<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string[]> };

/** Thrown inside the transaction when another request stored the same key first. */
class KeyTakenMeanwhile extends Error {}

function readKey(request: Request): { ok: true; key: string } | { ok: false; response: Response } {
  const key = request.headers.get(IDEMPOTENCY_KEY_HEADER);
  const problem = !key
    ? `${IDEMPOTENCY_KEY_HEADER} header is required: send a unique value (1 to ${IDEMPOTENCY_KEY_MAX_LENGTH} characters) with each new request`
    : key.length > IDEMPOTENCY_KEY_MAX_LENGTH
      ? `${IDEMPOTENCY_KEY_HEADER} must be ${IDEMPOTENCY_KEY_MAX_LENGTH} characters or fewer`
      : null;
  return problem ? { ok: false, response: apiFieldErrors({ [IDEMPOTENCY_KEY_HEADER]: [problem] }) } : { ok: true, key: key! };
}

/** The body, read up to the limit from the stream and checked as it is parsed (json-body.ts). */
async function readJson(request: Request): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
  const read = await readBodyUpTo(request, MAX_JSON_BODY_BYTES);
  if (!read.ok) return { ok: false, response: apiError(TOO_LARGE_MESSAGE, 413, { Connection: "close" }) };
  const parsed = parseJsonBody(read.bytes);
  return parsed.ok ? { ok: true, body: parsed.value } : { ok: false, response: apiFieldErrors(parsed.errors) };
}

type Slot = { db: Db; apiTokenId: string; route: string; key: string; fingerprint: string };

/** The stored answer for this key: the same body replays it (200), a different body is 422. */
async function storedAnswer(slot: Slot): Promise<Response | null> {
  const stored = await slot.db.idempotencyKey.findUnique({
    where: { apiTokenId_route_key: { apiTokenId: slot.apiTokenId, route: slot.route, key: slot.key } },
  });
  if (!stored) return null;
  if (stored.requestSha256 !== slot.fingerprint) return apiError(KEY_REUSED_MESSAGE, 422);
  return apiJson(stored.responseBody, 200, { "Idempotent-Replayed": "true" });
}

/**
 * The intake API's POST discipline, shared by its routes: a required Idempotency-Key, JSON,
 * replay of a stored answer, validation, then `perform`, which must call `remember(tx, answer)`
 * inside its own transaction so the answer is stored with the change or not at all. Only 201
 * answers are stored, so nothing is written for any other answer.
 */
export async function idempotentPost<T>(options: {
  db: Db;
  request: Request;
  apiTokenId: string;
  /** Scopes keys, e.g. "POST /api/claims". */
  route: string;
  validate: (body: unknown) => Validation<T>;
  perform: (value: T, remember: (tx: Tx, answer: Answer) => Promise<void>) => Promise<Answer>;
}): Promise<Response> {
  const { db, request, apiTokenId, route } = options;
  const key = readKey(request);
  if (!key.ok) return key.response;
  const json = await readJson(request);
  if (!json.ok) return json.response;
  const slot: Slot = { db, apiTokenId, route, key: key.key, fingerprint: requestFingerprint(json.body) };

  const replay = await storedAnswer(slot);
  if (replay) return replay;

  const validation = options.validate(json.body);
  if (!validation.ok) return apiFieldErrors(validation.errors);

  const remember = async (tx: Tx, answer: Answer) => {
    try {
      await tx.idempotencyKey.create({
        data: { apiTokenId, route, key: key.key, requestSha256: slot.fingerprint, responseStatus: 201, responseBody: answer },
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new KeyTakenMeanwhile();
      throw error;
    }
  };

  try {
    return apiJson(await options.perform(validation.value, remember), 201);
  } catch (error) {
    // Two requests with one key at once: the unique index makes the second wait for the first
    // to commit, then fail; its own work is rolled back and it answers as a replay.
    if (error instanceof KeyTakenMeanwhile) {
      const answer = await storedAnswer(slot);
      if (answer) return answer;
    }
    throw error;
  }
}
