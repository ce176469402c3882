/** Only same-site paths: a callback URL must never send a freshly signed-in user elsewhere. */
export function safeCallbackPath(value: string | undefined | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value;
}
