import { describe, expect, it } from "vitest";
import { createFileStore } from "@/lib/storage";

const AZURITE =
  "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
  "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
  "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;";

describe("createFileStore", () => {
  it("uses Azure Blob when a connection string is configured (connects lazily, so none is needed here)", () => {
    const store = createFileStore({
      fileStoreDir: ".data/files",
      azureStorageConnectionString: AZURITE,
      azureStorageContainer: "c1",
    });
    expect(store.driver).toBe("azure-blob");
  });

  it("uses the local folder otherwise, including a blank connection string", () => {
    expect(createFileStore({ fileStoreDir: ".data/files", azureStorageContainer: "c1" }).driver).toBe("local");
    expect(
      createFileStore({ fileStoreDir: ".data/files", azureStorageConnectionString: "  ", azureStorageContainer: "c1" }).driver,
    ).toBe("local");
  });
});
