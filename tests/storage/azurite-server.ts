// Azurite's blob service in this test process: no external emulator, no fixed port. STACK.md:
// `require("azurite")` wants `vscode`, so the two internal modules are loaded directly.
import { createRequire } from "node:module";
import { afterAll, beforeAll } from "vitest";
import type BlobConfigurationClass from "azurite/dist/src/blob/BlobConfiguration";
import type BlobServerClass from "azurite/dist/src/blob/BlobServer";

// createRequire rather than import: these are CommonJS modules with `exports.default`, and
// require() gives that shape exactly, whatever ESM interop the test runner applies.
const require = createRequire(import.meta.url);
const { default: BlobConfiguration } = require("azurite/dist/src/blob/BlobConfiguration") as {
  default: typeof BlobConfigurationClass;
};
const { default: BlobServer } = require("azurite/dist/src/blob/BlobServer") as { default: typeof BlobServerClass };

// The well-known development account every Azurite accepts (Azurite README).
const ACCOUNT = "devstoreaccount1";
const ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export type RunningAzurite = { connectionString: string; stop: () => Promise<void> };

export async function startAzurite(): Promise<RunningAzurite> {
  const config = new BlobConfiguration(
    "127.0.0.1",
    0, // the OS picks a free port: parallel test files and a developer's own Azurite never clash
    5, // keep-alive timeout, seconds (Azurite's default)
    "__azurite_db_blob__.json", // only a name: with memory persistence nothing is written
    "__azurite_db_blob_extent__.json",
    [], // no extent folders: memory persistence
    false, // access log
    undefined,
    false, // debug log
    undefined,
    true, // loose: ignore headers Azurite does not implement instead of failing
    true, // skipApiVersionCheck: the SDK speaks a newer API version than Azurite 3.35 accepts
    "",
    "",
    "",
    undefined, // no OAuth: shared key auth from the connection string
    false,
    true, // in-memory persistence
  );
  const server = new BlobServer(config);
  await server.start();
  const port = new URL(server.getHttpServerAddress()).port;
  if (!port) throw new Error(`Azurite did not report a bound port (${server.getHttpServerAddress()})`);
  return {
    connectionString:
      `DefaultEndpointsProtocol=http;AccountName=${ACCOUNT};AccountKey=${ACCOUNT_KEY};` +
      `BlobEndpoint=http://127.0.0.1:${port}/${ACCOUNT};`,
    stop: async () => {
      await server.close();
      await server.clean(); // frees the in-memory blobs
    },
  };
}

/** Azurite for this test file: started before its tests, stopped after. */
export function useAzurite(): { connectionString: () => string } {
  let azurite: RunningAzurite | undefined;
  beforeAll(async () => {
    azurite = await startAzurite();
  });
  afterAll(async () => {
    await azurite?.stop();
  });
  return {
    connectionString: () =>
      azurite?.connectionString ??
      (() => {
        throw new Error("Azurite not started");
      })(),
  };
}
