import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import type { BlobHTTPHeaders, ContainerClient } from "@azure/storage-blob";
import {
  assertValidKey,
  assertValidPrefix,
  FALLBACK_CONTENT_TYPE,
  FileNotFoundError,
  WriteOnceConflictError,
  type ByteSource,
  type FileStat,
  type FileStore,
  type FileStream,
  type PutResult,
  sha256Hex,
} from "./file-store";

// Azure Blob Storage as a write-once store (production).
//
// Write-once: the upload carries `If-None-Match: *`, so the service itself refuses (409
// BlobAlreadyExists) when the name is taken; the check and the write are one atomic step on the
// server, whichever process or instance races us. The sha256 travels as blob metadata in the same
// request as the bytes, so a blob never exists without it; a loser compares against it. putStream
// uploads blocks as the bytes come (none visible until committed) and sends the sha256, the MD5 and
// `If-None-Match: *` with the commit that makes the blob exist, so the same holds for it.
//
// Content-MD5: block uploads get none unless the client sends it; we send it so the stored blob
// carries a checksum that Azure tools and downloaders can verify.
const SHA256_HEX = /^[0-9a-f]{64}$/;

// putStream: blocks of 4 MiB, at most 4 in flight, so a large file costs about 20 MB whatever its size.
const STREAM_BLOCK_BYTES = 4 * 1024 * 1024;
const STREAM_CONCURRENCY = 4;

// The SDK is loaded on first use, not at import: every run and file route imports this module
// (through createFileStore), and the SDK's 250-odd modules cost about 20 MB of resident memory that
// a local-folder store never needs. Any RestError to recognise comes after it has loaded.
type AzureSdk = typeof import("@azure/storage-blob");
let azureSdk: Promise<AzureSdk> | undefined;
const loadAzureSdk = () => (azureSdk ??= import("@azure/storage-blob"));

export class AzureBlobFileStore implements FileStore {
  readonly driver = "azure-blob" as const;
  private container: Promise<ContainerClient> | undefined;
  private containerReady: Promise<void> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly containerName: string,
  ) {}

  async putOnce(key: string, data: Buffer, contentType: string): Promise<PutResult> {
    const blob = await this.blobFor(key);
    const sha256 = sha256Hex(data);
    try {
      await blob.uploadData(data, {
        blobHTTPHeaders: { blobContentType: contentType, blobContentMD5: createHash("md5").update(data).digest() },
        metadata: { sha256 },
        conditions: { ifNoneMatch: "*" },
      });
      return { status: "stored", sha256, size: data.length };
    } catch (error) {
      if (!(await isAlreadyExists(error))) throw error;
    }
    return this.compareExisting(key, sha256);
  }

  /** After a refused write: the same bytes are "already stored", different ones a conflict. */
  private async compareExisting(key: string, sha256: string): Promise<PutResult> {
    const existing = await this.stat(key);
    // Blobs are never deleted by the app; one that vanished in between is someone else's doing.
    if (!existing) throw new Error(`Blob "${key}" was reported as existing but cannot be found`);
    if (existing.sha256 !== sha256) throw new WriteOnceConflictError(key, existing.sha256, sha256);
    return { status: "already-stored", sha256, size: existing.size };
  }

  async putStream(key: string, source: ByteSource, contentType: string): Promise<PutResult> {
    const blob = await this.blobFor(key);
    // uploadStream stages blocks as the bytes come and sends these headers and metadata with the
    // final commit, so the digests, complete once the source ends, still travel with the blob.
    const headers: BlobHTTPHeaders = { blobContentType: contentType };
    const metadata: Record<string, string> = {};
    const sha = createHash("sha256");
    const md5 = createHash("md5");
    let size = 0;
    let sha256 = "";
    async function* hashed() {
      for await (const chunk of source) {
        sha.update(chunk);
        md5.update(chunk);
        size += chunk.length;
        yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      }
      sha256 = sha.digest("hex");
      metadata.sha256 = sha256;
      headers.blobContentMD5 = md5.digest();
    }
    try {
      await blob.uploadStream(Readable.from(hashed(), { objectMode: false }), STREAM_BLOCK_BYTES, STREAM_CONCURRENCY, {
        blobHTTPHeaders: headers,
        metadata,
        conditions: { ifNoneMatch: "*" },
      });
      return { status: "stored", sha256, size };
    } catch (error) {
      // Only a refused commit means "the name is taken"; anything else (the source threw) passes on.
      if (!(await isAlreadyExists(error)) || sha256 === "") throw error;
    }
    return this.compareExisting(key, sha256);
  }

  async get(key: string): Promise<Buffer> {
    const blob = await this.blobFor(key);
    try {
      return await blob.downloadToBuffer();
    } catch (error) {
      throw await notFoundOr(error, key);
    }
  }

  async stream(key: string): Promise<FileStream> {
    const blob = await this.blobFor(key);
    const response = await blob.download().catch(async (error: unknown) => {
      throw await notFoundOr(error, key);
    });
    const body = response.readableStreamBody;
    if (!body) throw new Error(`Blob "${key}" download returned no body`);
    // In Node the SDK hands back a Readable (one that resumes dropped connections); wrap anything else.
    const nodeStream = body instanceof Readable ? body : new Readable().wrap(body);
    return {
      stream: Readable.toWeb(nodeStream) as unknown as ReadableStream<Uint8Array>,
      size: response.contentLength ?? 0,
      contentType: response.contentType ?? FALLBACK_CONTENT_TYPE,
    };
  }

  async exists(key: string): Promise<boolean> {
    return (await this.blobFor(key)).exists();
  }

  async list(prefix: string): Promise<{ key: string; size: number }[]> {
    assertValidPrefix(prefix);
    await this.ensureContainer();
    const container = await this.containerClient();
    const found: { key: string; size: number }[] = [];
    // Azure lists in name order already; the date-prefixed names make the prefix the date filter.
    for await (const item of container.listBlobsFlat({ prefix: prefix === "" ? undefined : prefix })) {
      found.push({ key: item.name, size: item.properties.contentLength ?? 0 });
    }
    return found;
  }

  async stat(key: string): Promise<FileStat | null> {
    const blob = await this.blobFor(key);
    const { isRestError } = await loadAzureSdk();
    let properties;
    try {
      properties = await blob.getProperties();
    } catch (error) {
      if (isRestError(error) && error.statusCode === 404) return null;
      throw error;
    }
    // Blobs written by other tools have no sha256 metadata: hash the bytes instead.
    const recorded = properties.metadata?.sha256;
    const sha256 = recorded && SHA256_HEX.test(recorded) ? recorded : sha256Hex(await blob.downloadToBuffer());
    return {
      key,
      size: properties.contentLength ?? 0,
      sha256,
      contentType: properties.contentType ?? FALLBACK_CONTENT_TYPE,
    };
  }

  private async blobFor(key: string) {
    assertValidKey(key);
    await this.ensureContainer();
    return (await this.containerClient()).getBlockBlobClient(key);
  }

  private containerClient(): Promise<ContainerClient> {
    this.container ??= loadAzureSdk().then(({ BlobServiceClient }) =>
      BlobServiceClient.fromConnectionString(this.connectionString).getContainerClient(this.containerName),
    );
    return this.container;
  }

  /** Once per process; a failure is not cached, so the next call tries again. */
  private ensureContainer(): Promise<void> {
    this.containerReady ??= this.containerClient()
      .then((container) => container.createIfNotExists())
      .then(
        () => undefined,
        (error: unknown) => {
          this.containerReady = undefined;
          throw error;
        },
      );
    return this.containerReady;
  }
}

/** What an `If-None-Match: *` upload gets when the blob exists (409; some versions answer 412). */
async function isAlreadyExists(error: unknown): Promise<boolean> {
  const { isRestError } = await loadAzureSdk();
  if (!isRestError(error)) return false;
  return (error.statusCode === 409 && error.code === "BlobAlreadyExists") || error.statusCode === 412;
}

async function notFoundOr(error: unknown, key: string): Promise<unknown> {
  const { isRestError } = await loadAzureSdk();
  return isRestError(error) && error.statusCode === 404 ? new FileNotFoundError(key) : error;
}
