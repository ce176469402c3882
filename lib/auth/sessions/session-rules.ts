// When a session ends (docs/security.md#sessions): 8 hours after sign-in whatever happens (an
// absolute lifetime, never extended by use), after the idle timeout with no request, on sign-out, or
// when the user's session version has moved on (password change or reset, role change, disable).

export const SESSION_HOURS = 8;
/** How long before the idle timeout the page warns. */
export const IDLE_WARNING_MINUTES = 5;
/** lastSeenAt is written at most this often, so a page's many requests do not each write a row. */
export const TOUCH_EVERY_MS = 60_000;

export type SessionRow = { createdAt: Date; lastSeenAt: Date; endedAt: Date | null; version: number };
export type SessionEnd = "SIGNED_OUT" | "REPLACED" | "EXPIRED" | "IDLE";

export function sessionEnd(session: SessionRow, userVersion: number, now: Date, idleMinutes: number): SessionEnd | null {
  if (session.endedAt) return "SIGNED_OUT";
  if (session.version !== userVersion) return "REPLACED";
  if (now.getTime() - session.createdAt.getTime() >= SESSION_HOURS * 3_600_000) return "EXPIRED";
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMinutes * 60_000) return "IDLE";
  return null;
}

export function shouldTouch(session: SessionRow, now: Date): boolean {
  return now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS;
}

/** The sign-in page's banner for a session that ended on its own. */
export function sessionEndMessage(end: SessionEnd | null | undefined): string | null {
  if (end === "IDLE") return "You were signed out because you had not done anything for a while. Sign in again.";
  if (end === "EXPIRED") return "Your session lasted 8 hours, the most it can. Sign in again.";
  if (end === "REPLACED") return "You were signed out because your password or access changed. Sign in again to carry on.";
  return null;
}
