import { afterAll, beforeAll } from "vitest";
import { startClamd, type TestClamd, type TestSignature } from "./clamd";

/** A clamd for this test file: started before its tests, stopped after. */
export function useClamd(signatures: TestSignature[] = []): () => TestClamd {
  let clamd: TestClamd | undefined;
  beforeAll(async () => {
    clamd = await startClamd({ signatures });
  }, 90_000);
  afterAll(async () => {
    await clamd?.dispose();
  });
  return () => {
    if (!clamd) throw new Error("clamd not started");
    return clamd;
  };
}
