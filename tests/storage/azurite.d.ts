// Azurite ships no type declarations; these cover the two internal modules the tests deep-import
// (pinned to azurite 3.35.0, see STACK.md). Only what tests/storage/azurite-server.ts uses.
declare module "azurite/dist/src/blob/BlobConfiguration" {
  export default class BlobConfiguration {
    constructor(
      host?: string,
      port?: number,
      keepAliveTimeout?: number,
      metadataDBPath?: string,
      extentDBPath?: string,
      persistencePathArray?: unknown[],
      enableAccessLog?: boolean,
      accessLogWriteStream?: NodeJS.WritableStream,
      enableDebugLog?: boolean,
      debugLogFilePath?: string,
      loose?: boolean,
      skipApiVersionCheck?: boolean,
      cert?: string,
      key?: string,
      pwd?: string,
      oauth?: string,
      disableProductStyleUrl?: boolean,
      isMemoryPersistence?: boolean,
      memoryStore?: unknown,
    );
  }
}

declare module "azurite/dist/src/blob/BlobServer" {
  import type BlobConfiguration from "azurite/dist/src/blob/BlobConfiguration";
  export default class BlobServer {
    constructor(configuration?: BlobConfiguration);
    start(): Promise<void>;
    close(): Promise<void>;
    clean(): Promise<void>;
    /** "http://host:port" as actually bound (so port 0 shows the port the OS chose). */
    getHttpServerAddress(): string;
  }
}
