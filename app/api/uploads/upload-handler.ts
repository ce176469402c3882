// The one way a staff upload arrives (docs/file-formats.md#rules-for-every-upload): a form post of
// multipart/form-data to POST /api/uploads/<kind>, read as a stream. The file's bytes go straight
// to the write-once store while the guard counts them, so no part of the app ever holds the whole
// file, and a file over the limit is refused after the limit plus one chunk.
//
// How it answers depends on who asks (the Accept header):
// - the page's script asks for application/x-ndjson: once the file is in, one JSON line per
//   progress step ({"progress": {"stage", "rows"}}) while the rows are checked, then
//   {"result": …}, the same result shape as a server action's;
// - a form posted without JavaScript asks for text/html: a 303 back to the page with
//   ?upload=<id>, which shows the outcome from the Upload record;
// - anything else gets the result as JSON, 200 when the file was applied or was a duplicate, 400
//   when it was refused before it was read, 422 when it was read and rejected.
import { log } from "@/lib/log";
import type { ActionResult } from "@/lib/actions/result";
import { apiError } from "@/lib/api/json-response";
import { requireApiRole } from "@/lib/auth/guards";
import type { Role } from "@/lib/auth/roles";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { AppError, isAppError } from "@/lib/errors";
import { createFileStore, type FileStore } from "@/lib/storage";
import { MultipartError, multipartBoundary, multipartParts } from "@/lib/uploads/parse-multipart";
import {
  processUpload,
  refuseUpload,
  storeUpload,
  UploadRefusal,
  type ReceivedUpload,
  type UploadKindSpec,
  type UploadOutcome,
  type UploadProgress,
} from "@/lib/uploads/receive-upload";
import { MB, NO_FILE_MESSAGE } from "@/lib/uploads/upload-limits";
import { replaceHiddenCharacters } from "@/lib/claims/intake/person-text";
import type { UploadActionData } from "@/components/upload-form";
import { appliedMessages, describeUploadOutcome, uploadOutcomeResult } from "@/app/(portal)/_actions/upload-result";
import { sendDueMessagesAfterResponse } from "@/app/api/cron/send-messages/send-due-messages-now";

export interface UploadRoute {
  roles: readonly Role[];
  spec: () => UploadKindSpec;
  /** The page that takes this kind of upload, where a form posted without JavaScript returns to. */
  page: string;
}

/** The form field that carries the file. */
export const FILE_FIELD = "file";

/** Form parts besides the file (none today) and multipart framing, on top of the file size limit. */
const BODY_OVERHEAD_BYTES = 64 * 1024;

export const NDJSON = "application/x-ndjson";

export async function handleUpload(request: Request, route: UploadRoute): Promise<Response> {
  const { user, response } = await requireApiRole(route.roles);
  if (response) return response;
  if (user.mustChangePassword) return apiError("Change your one-time password before you do anything else", 403);

  const settings = config();
  const db = prisma;
  const store = createFileStore(settings);
  const spec = route.spec();
  const actor = { id: user.id, email: user.email };
  const now = new Date();
  const maxBytes = settings.uploadMaxMb * MB;
  const accept = request.headers.get("accept") ?? "";
  const mode = accept.includes(NDJSON) ? "ndjson" : accept.includes("text/html") ? "html" : "json";
  const applied = appliedMessages[spec.kind] ?? (() => "The file was applied.");

  let received: ReceivedUpload;
  try {
    received = await receiveFromForm(request, { store, spec, actor, now, maxBytes });
  } catch (error) {
    log.error({ err: error, kind: spec.kind, userId: user.id }, "upload failed while receiving");
    return answer(mode, route, errorResult(error), 500);
  }
  // A refused file was not read to its end: the connection closes once the answer is out, so the
  // rest of the body is never read (browsers show an answer that comes before their upload ends).
  if (received.refused) return answer(mode, route, uploadOutcomeResult(received.refused, applied), 400, undefined, true);

  const stored = received.stored;
  const process = async (onProgress?: (progress: UploadProgress) => void) => {
    const outcome = await processUpload({ db, store, stored, onProgress });
    // An applied file may have queued messages (vouchers, failed payments): send them now, not at
    // the next cron (docs/domain.md#sending). Does nothing without a Notify key; never throws.
    if (outcome.status === "APPLIED") sendDueMessagesAfterResponse();
    return outcome;
  };

  if (mode === "ndjson") {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
        let result: ActionResult<UploadActionData>;
        try {
          result = await describeUploadOutcome(db, await process((progress) => send({ progress })), spec.kind);
        } catch (error) {
          log.error({ err: error, kind: spec.kind, uploadId: stored.uploadId }, "upload failed");
          result = errorResult(error);
        }
        send({ result });
        controller.close();
      },
    });
    return new Response(body, {
      status: 200,
      // no-transform: a compressing proxy (or Next's own gzip) would hold the progress lines back.
      headers: {
        "Content-Type": `${NDJSON}; charset=utf-8`,
        "Cache-Control": "no-store, no-transform",
        "X-Accel-Buffering": "no",
      },
    });
  }

  let outcome: UploadOutcome;
  try {
    outcome = await process();
  } catch (error) {
    if (!isAppError(error)) log.error({ err: error, kind: spec.kind, uploadId: stored.uploadId }, "upload failed");
    return answer(mode, route, errorResult(error), isAppError(error) ? 409 : 500, stored.uploadId);
  }
  return answer(mode, route, await describeUploadOutcome(db, outcome, spec.kind), outcome.status === "REJECTED" ? 422 : 200);
}

/** The file part of the form, streamed into the store; anything else about the body is a refusal. */
async function receiveFromForm(
  request: Request,
  context: { store: FileStore; spec: UploadKindSpec; actor: { id: string; email: string }; now: Date; maxBytes: number },
): Promise<ReceivedUpload> {
  const { store, spec, actor, now, maxBytes } = context;
  const refuse = (message: string, fileName = "") =>
    refuseUpload({ db: prisma, spec, fileName, actor, now, message }).then((refused) => ({ refused, bytesRead: 0 }));

  const boundary = multipartBoundary(request.headers.get("content-type"));
  if (!boundary || !request.body) return refuse(NO_FILE_MESSAGE);
  const state = { drain: false };
  const body = capped(request.body, maxBytes + BODY_OVERHEAD_BYTES, state);
  let fileName: string | null = null;
  try {
    for await (const part of multipartParts(body, boundary)) {
      if (part.name !== FILE_FIELD || part.fileName === null) continue;
      // The name is a label shown on pages: a NUL (which PostgreSQL cannot store) or a
      // direction-changing character would break or disguise it.
      fileName = replaceHiddenCharacters(part.fileName);
      // The file's own chunks, with a broken form turned into a refusal the shell records.
      const source = refusing(part.body);
      const received = await storeUpload({ db: prisma, store, spec, fileName, source, actor, now, maxBytes });
      // Stored: what is left of the body (the closing boundary) is read, so the connection can be reused.
      state.drain = !received.refused;
      return received;
    }
  } catch (error) {
    if (error instanceof MultipartError || error instanceof UploadRefusal) return refuse(error.message, fileName ?? "");
    throw error;
  }
  return refuse(NO_FILE_MESSAGE);
}

async function* refusing(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  try {
    yield* source;
  } catch (error) {
    if (error instanceof MultipartError) throw new UploadRefusal(error.message);
    throw error;
  }
}

/**
 * The request body's chunks, refused once more than `cap` bytes have come (fields around the file
 * count too). When the reader stops early the rest is left unread, or read and dropped (up to the
 * cap) if `state.drain` says so.
 */
async function* capped(body: ReadableStream<Uint8Array>, cap: number, state: { drain: boolean }): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let read = 0;
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        // The connection dropped: the attempt is recorded with the bytes that came.
        throw new UploadRefusal("The upload was interrupted before the whole file arrived: upload it again");
      }
      const { done, value } = next;
      if (done) return;
      read += value.length;
      if (read > cap) throw new UploadRefusal("The upload is larger than the most this upload takes");
      yield value;
    }
  } finally {
    if (state.drain) {
      for (let rest = cap - read; rest >= 0;) {
        const next = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (next.done) break;
        rest -= next.value.length;
      }
    }
    reader.releaseLock();
  }
}

function errorResult(error: unknown): ActionResult<UploadActionData> {
  if (isAppError(error)) return { ok: false, code: (error as AppError).code, message: error.message };
  return { ok: false, code: "INTERNAL", message: "Something went wrong. Nothing was changed. Try again." };
}

function answer(
  mode: "ndjson" | "html" | "json",
  route: UploadRoute,
  result: ActionResult<UploadActionData>,
  status: number,
  uploadId = result.data?.uploadId,
  closeConnection = false,
): Response {
  const close: Record<string, string> = closeConnection ? { Connection: "close" } : {};
  if (mode === "html") {
    const query = uploadId ? `?upload=${encodeURIComponent(uploadId)}` : "";
    return new Response(null, { status: 303, headers: { Location: `${route.page}${query}#upload-result`, ...close } });
  }
  const line = JSON.stringify({ result }) + (mode === "ndjson" ? "\n" : "");
  const type = mode === "ndjson" ? `${NDJSON}; charset=utf-8` : "application/json";
  return new Response(line, {
    status: mode === "ndjson" ? 200 : status,
    headers: { "Content-Type": type, "Cache-Control": "no-store", ...close },
  });
}
