// Runs once when the Next.js server starts: a bad or missing setting stops it, by name
// (instrumentation-node.ts). Node-only code is imported inside the `=== "nodejs"` check, which
// the bundler folds away for the Edge runtime (which has no `process.exit`), as Next's docs show.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkSettingsOrExit } = await import("./instrumentation-node");
    checkSettingsOrExit();
  }
}

// Errors Next catches while serving a request (rendering, route handlers, server actions) are
// logged through pino as one JSON line, like everything else (lib/log/request-error-entry.ts).
// pino is Node-only: the import sits inside the runtime check, so no other bundle carries it.
type OnRequestError = import("next").Instrumentation.onRequestError;

export async function onRequestError(
  error: unknown,
  request: Parameters<OnRequestError>[1],
  context: Parameters<OnRequestError>[2],
): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const [{ log }, { requestErrorEntry }] = await Promise.all([import("./lib/log"), import("./lib/log/request-error-entry")]);
    const entry = requestErrorEntry(error, request, context);
    log[entry.level](entry.fields, entry.msg);
  }
}
