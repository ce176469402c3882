import type { Db, Tx } from "@/lib/db";
import type { Role } from "../roles";
import { sessionEnd, shouldTouch, type SessionEnd } from "./session-rules";

// The session rows behind session cookies. The cookie (a signed JWT) only names its row; whether
// the session still stands is decided here on every request, so ending one takes effect at once.

export async function startSession(db: Db, userId: string, version: number, now: Date): Promise<string> {
  const session = await db.userSession.create({ data: { userId, version, createdAt: now, lastSeenAt: now } });
  return session.id;
}

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  sessionId: string;
};

/** The user of a session still standing (and marks it used), or why it ended. */
export async function loadSessionUser(
  db: Db,
  sessionId: string,
  now: Date,
  idleMinutes: number,
): Promise<{ user: SessionUser; ended?: never } | { user?: never; ended: SessionEnd | "UNKNOWN" }> {
  const session = await db.userSession.findUnique({ where: { id: sessionId }, include: { user: true } });
  if (!session || session.user.disabledAt) return { ended: "UNKNOWN" };
  const ended = sessionEnd(session, session.user.sessionVersion, now, idleMinutes);
  if (ended) return { ended };
  if (shouldTouch(session, now)) {
    await db.userSession.update({ where: { id: sessionId }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      mustChangePassword: user.mustChangePassword,
      sessionId,
    },
  };
}

/**
 * Ends every session of the user: their version moves on, so cookies signed in under the old one
 * are refused, and the rows are closed. `keep` re-attaches one session to the new version (the one
 * that just changed its own password, which proved the old one).
 */
export async function endUserSessions(tx: Tx, userId: string, now: Date, keep?: string): Promise<void> {
  const { sessionVersion } = await tx.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 } },
    select: { sessionVersion: true },
  });
  await tx.userSession.updateMany({
    where: { userId, endedAt: null, ...(keep ? { id: { not: keep } } : {}) },
    data: { endedAt: now },
  });
  if (keep) await tx.userSession.updateMany({ where: { id: keep, userId }, data: { version: sessionVersion } });
}
