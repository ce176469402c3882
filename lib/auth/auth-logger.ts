import type { NextAuthConfig } from "next-auth";
import { log, type LogEntry } from "@/lib/log";
import { authDebugEntry, authErrorEntry, authWarnEntry } from "@/lib/log/auth-log-entry";

// next-auth's own logging goes through pino as single JSON lines: a refused sign-in is one
// `info` line ("sign-in refused"), other auth errors `error` lines (lib/log/auth-log-entry.ts).
// Shared by the server's NextAuth and proxy.ts's, so neither prints next-auth's console output.
const write = (entry: LogEntry) => log[entry.level](entry.fields, entry.msg);

export const authLogger: NonNullable<NextAuthConfig["logger"]> = {
  error: (error) => write(authErrorEntry(error)),
  warn: (code) => write(authWarnEntry(code)),
  debug: (message, metadata) => write(authDebugEntry(message, metadata)),
};
