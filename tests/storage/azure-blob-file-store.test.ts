import { createHash, randomBytes } from "node:crypto";
import { BlobServiceClient, BlockBlobClient } from "@azure/storage-blob";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AzureBlobFileStore } from "@/lib/storage/azure-blob-file-store";
import { sha256Hex } from "@/lib/storage/file-store";
import { useAzurite } from "./azurite-server";
import { fileStoreContract } from "./file-store-contract";

const azurite = useAzurite();
// A container that does not exist yet: the store must create it on first use.
const container = `disburse-test-${randomBytes(4).toString("hex")}`;
let store: AzureBlobFileStore | undefined;

beforeAll(() => {
  store = new AzureBlobFileStore(azurite.connectionString(), container);
});

const theStore = () =>
  store ??
  (() => {
    throw new Error("store not ready");
  })();
const blobClient = (key: string) =>
  BlobServiceClient.fromConnectionString(azurite.connectionString()).getContainerClient(container).getBlobClient(key);

describe("AzureBlobFileStore against Azurite: FileStore contract", () => {
  fileStoreContract(theStore);
});

describe("AzureBlobFileStore blob properties", () => {
  it("sets Content-MD5, the content type and sha256 metadata on the blob", async () => {
    const key = "props/2026/11/22/r1/a.csv";
    const data = Buffer.from("a,b\n1,2\n");
    const md5 = createHash("md5").update(data).digest("base64");
    // Azurite fills in Content-MD5 by itself for single-shot uploads (Azure does not for block
    // uploads), so the stored property alone would not show that we send it: check the call too.
    const upload = vi.spyOn(BlockBlobClient.prototype, "uploadData");
    try {
      await theStore().putOnce(key, data, "text/csv");
      const sent = upload.mock.calls[0]?.[1]?.blobHTTPHeaders?.blobContentMD5;
      expect(Buffer.from(sent ?? []).toString("base64")).toBe(md5);
    } finally {
      upload.mockRestore();
    }
    const properties = await blobClient(key).getProperties();
    expect(Buffer.from(properties.contentMD5 ?? []).toString("base64")).toBe(md5);
    expect(properties.contentType).toBe("text/csv");
    expect(properties.metadata).toEqual({ sha256: sha256Hex(data) });
  });

  it("sets Content-MD5, the content type and sha256 metadata on a streamed blob too", async () => {
    const key = "props/2026/11/22/r1/streamed.csv";
    const parts = [Buffer.from("a,b\n"), Buffer.alloc(5 * 1024 * 1024, 0x61), Buffer.from("\n1,2\n")]; // more than one block
    const data = Buffer.concat(parts);
    async function* source() {
      for (const part of parts) yield part;
    }
    await theStore().putStream(key, source(), "text/csv");
    const properties = await blobClient(key).getProperties();
    expect(Buffer.from(properties.contentMD5 ?? []).toString("base64")).toBe(createHash("md5").update(data).digest("base64"));
    expect(properties.contentType).toBe("text/csv");
    expect(properties.contentLength).toBe(data.length);
    expect(properties.metadata).toEqual({ sha256: sha256Hex(data) });
  });

  it("hashes the bytes for stat when a blob has no sha256 metadata (written by another tool)", async () => {
    const key = "foreign/a.csv";
    const data = Buffer.from("written elsewhere\n");
    await theStore().list(""); // makes sure the container exists
    await blobClient(key).getBlockBlobClient().uploadData(data);
    expect((await theStore().stat(key))?.sha256).toBe(sha256Hex(data));
    expect((await theStore().putOnce(key, data, "text/csv")).status).toBe("already-stored");
  });
});
