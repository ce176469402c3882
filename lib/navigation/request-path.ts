import "server-only";
import { headers } from "next/headers";

/** The path proxy.ts saw, for navigation highlighting and the 403 page; "/" when unknown. */
export async function requestPath(): Promise<string> {
  return (await headers()).get("x-disburse-path") ?? "/";
}
