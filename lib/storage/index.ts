import { AzureBlobFileStore } from "./azure-blob-file-store";
import type { FileStore } from "./file-store";
import { LocalFileStore } from "./local-file-store";

export type { ByteSource, FileStat, FileStore, FileStream, PutResult } from "./file-store";
export { FileNotFoundError, InvalidStorageKeyError, WriteOnceConflictError } from "./file-store";
export { runFileKey, safeFileName, uploadKey } from "./storage-key";

export type FileStoreConfig = {
  fileStoreDir: string;
  azureStorageConnectionString?: string;
  azureStorageContainer: string;
};

/**
 * Azure Blob when a connection string is configured, the local folder otherwise. Pure: the
 * config comes in as an argument (AppConfig fits), so tests and scripts choose without env games.
 */
export function createFileStore(config: FileStoreConfig): FileStore {
  const connectionString = config.azureStorageConnectionString?.trim();
  return connectionString
    ? new AzureBlobFileStore(connectionString, config.azureStorageContainer)
    : new LocalFileStore(config.fileStoreDir);
}
