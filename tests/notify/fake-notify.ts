// A stand-in for GOV.UK Notify on 127.0.0.1, for the real notifications-node-client to talk to.
// It checks every request as Notify would (the path, the JSON, the JWT the client signs with the
// API key's secret: HS256, iss = the service id, iat within 30 seconds) and answers in Notify's
// shapes: 201 with an id for a send, the notifications with a reference for a lookup, and
// {"status_code", "errors": [{"error", "message"}]} for an error. Tests script the next answers.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
  /** What this request was answered with. */
  status: number;
}

interface StoredNotification {
  id: string;
  reference: string;
  type: "email" | "sms" | "letter";
  status: string;
  created_at: string;
}

type Scripted = { status: number; body: unknown; keep?: boolean };

const SEND_PATHS: Record<string, StoredNotification["type"]> = {
  "/v2/notifications/email": "email",
  "/v2/notifications/sms": "sms",
  "/v2/notifications/letter": "letter",
};

function base64url(buffer: Buffer): string {
  return buffer.toString("base64url");
}

export class FakeNotify {
  readonly serviceId = randomUUID();
  readonly secret = randomUUID();
  /** Notify's key format: "{key name}-{service id}-{secret}". */
  readonly apiKey = `disburse_test_key-${this.serviceId}-${this.secret}`;
  readonly requests: ReceivedRequest[] = [];
  readonly notifications: StoredNotification[] = [];
  /** Every request whose JWT or shape was wrong, with the reason: a test expects none. */
  readonly problems: string[] = [];
  private readonly scripted: Scripted[] = [];
  private server?: Server;

  get baseUrl(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  posts(): ReceivedRequest[] {
    return this.requests.filter((r) => r.method === "POST");
  }

  /** The next send is answered so (`keep`: Notify saved it all the same, as after a late 5xx). */
  answerNextSend(status: number, body: unknown, options: { keep?: boolean } = {}): void {
    this.scripted.push({ status, body, keep: options.keep });
  }

  reset(): void {
    this.requests.length = 0;
    this.notifications.length = 0;
    this.problems.length = 0;
    this.scripted.length = 0;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: unknown) => {
        this.problems.push(`handler crashed: ${String(error)}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    let body: Record<string, unknown> | null = null;
    if (text !== "") {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        this.problems.push(`${req.method} ${url.pathname}: body is not JSON`);
      }
    }
    const record = (status: number) =>
      this.requests.push({
        method: req.method ?? "",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body,
        status,
      });
    const answer = (status: number, json: unknown) => {
      record(status);
      res.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(json));
    };
    const error = (status: number, name: string, message: string) =>
      answer(status, { status_code: status, errors: [{ error: name, message }] });

    const auth = this.checkToken(req.headers.authorization);
    if (auth) {
      this.problems.push(`${req.method} ${url.pathname}: ${auth}`);
      return error(403, "AuthError", `Invalid token: ${auth}`);
    }

    if (req.method === "GET" && url.pathname === "/v2/notifications") {
      const type = url.searchParams.get("template_type");
      const reference = url.searchParams.get("reference");
      const found = this.notifications.filter((n) => (!type || n.type === type) && (!reference || n.reference === reference));
      return answer(200, { notifications: found, links: { current: url.toString() } });
    }

    const type = SEND_PATHS[url.pathname];
    if (req.method !== "POST" || !type || body === null) return error(404, "NotFound", "Not found");
    const shape = this.checkSend(type, body);
    if (shape) {
      this.problems.push(`POST ${url.pathname}: ${shape}`);
      return error(400, "ValidationError", shape);
    }
    const reference = String(body.reference);
    const next = this.scripted.shift();
    if (next && next.status >= 300) {
      if (next.keep) this.store(type, reference);
      return answer(next.status, next.body);
    }
    const stored = this.store(type, reference);
    const content =
      type === "letter" ? { postage: "second" } : { content: { body: "…" }, template: { id: body.template_id, version: 1 } };
    return answer(201, { id: stored.id, reference, uri: `${this.baseUrl}/v2/notifications/${stored.id}`, ...content });
  }

  private store(type: StoredNotification["type"], reference: string): StoredNotification {
    const stored = { id: randomUUID(), reference, type, status: "created", created_at: "2026-11-30T09:00:01.000000Z" };
    this.notifications.push(stored);
    return stored;
  }

  /** Null when the token is one Notify would accept; otherwise why not. */
  private checkToken(header: string | undefined): string | null {
    const token = header?.startsWith("Bearer ") ? header.slice(7) : null;
    if (!token) return "no bearer token";
    const parts = token.split(".");
    if (parts.length !== 3) return "not a JWT";
    const [headerPart, payloadPart, signature] = parts;
    const jwtHeader = JSON.parse(Buffer.from(headerPart, "base64url").toString("utf8")) as Record<string, unknown>;
    if (jwtHeader.alg !== "HS256" || jwtHeader.typ !== "JWT") return `header ${JSON.stringify(jwtHeader)}`;
    const expected = base64url(createHmac("sha256", this.secret).update(`${headerPart}.${payloadPart}`).digest());
    if (expected.length !== signature.length || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
      return "signature does not match the key's secret";
    }
    const payload = JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")) as Record<string, unknown>;
    if (payload.iss !== this.serviceId) return `iss ${String(payload.iss)} is not the service id`;
    if (typeof payload.iat !== "number" || Math.abs(payload.iat - Date.now() / 1000) > 30) return "iat is not within 30 seconds";
    return null;
  }

  /** Null when the body has what Notify requires for this kind of send. */
  private checkSend(type: StoredNotification["type"], body: Record<string, unknown>): string | null {
    if (typeof body.reference !== "string" || body.reference === "") return "reference missing";
    if (type === "letter") {
      if (typeof body.content !== "string") return "content missing";
      if (!Buffer.from(body.content, "base64").subarray(0, 5).equals(Buffer.from("%PDF-"))) return "content is not a PDF";
      return null;
    }
    if (typeof body.template_id !== "string") return "template_id missing";
    if (typeof body.personalisation !== "object" || body.personalisation === null) return "personalisation missing";
    if (type === "email" && typeof body.email_address !== "string") return "email_address missing";
    if (type === "sms" && typeof body.phone_number !== "string") return "phone_number missing";
    return null;
  }
}
