import "server-only";
import { resolveMode } from "@/lib/config/schema";

export function isDemoMode(): boolean {
  return resolveMode(process.env) === "demo";
}
