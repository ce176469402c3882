import { afterAll, beforeAll } from "vitest";
import { startSshd, type TestSshd } from "./sshd";

// Apart from sshd.ts, which scripts/test.mts also loads (the e2e run's SFTP server), so that file
// never imports vitest.

/** An sshd for this test file: started before its tests, removed after. */
export function useSshd(): () => TestSshd {
  let sshd: TestSshd | undefined;
  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    await sshd?.dispose();
  });
  return () => {
    if (!sshd) throw new Error("sshd not started");
    return sshd;
  };
}
