import { describe, expect, it } from "vitest";

import { hostKeyFingerprint, pinnedFingerprints } from "./sftp-host-key";

// Public keys and the fingerprints `ssh-keygen -lf` printed for them (OpenSSH 9.2):
// 256 SHA256:IjMfwpgIpHZCPDwX3bymdavbt4Xly8ExcHAV0DMX7CM fixture (ED25519)
const ED25519_PUB = "AAAAC3NzaC1lZDI1NTE5AAAAIHt6Gi2Qhf09kKvnrEJIaS4rS8ULgeDUmT5hGt0F3Q3e";
const ED25519_FINGERPRINT = "SHA256:IjMfwpgIpHZCPDwX3bymdavbt4Xly8ExcHAV0DMX7CM";
// 2048 SHA256:r0bsyZLb8f9WRf90QGtTXvqHdy6Kc2nj5vULtYfoNwM rsa (RSA)
const RSA_FINGERPRINT = "SHA256:r0bsyZLb8f9WRf90QGtTXvqHdy6Kc2nj5vULtYfoNwM";

describe("hostKeyFingerprint", () => {
  it("is OpenSSH's SHA256 fingerprint of the key blob: base64 without padding", () => {
    expect(hostKeyFingerprint(Buffer.from(ED25519_PUB, "base64"))).toBe(ED25519_FINGERPRINT);
  });
});

describe("pinnedFingerprints", () => {
  it.each([
    ["the fingerprint alone", ED25519_FINGERPRINT],
    ["with the base64 padding some tools print", `${ED25519_FINGERPRINT}=`],
    ["surrounded by spaces", `  ${ED25519_FINGERPRINT}\n`],
    ["a whole ssh-keygen -lf line", `256 ${ED25519_FINGERPRINT} fixture (ED25519)`],
  ])("reads %s", (_, configured) => {
    expect(pinnedFingerprints(configured)).toEqual([ED25519_FINGERPRINT]);
  });

  it("reads several, separated by commas or spaces, each once", () => {
    expect(pinnedFingerprints(`${ED25519_FINGERPRINT}, ${RSA_FINGERPRINT} ${ED25519_FINGERPRINT}`)).toEqual([
      ED25519_FINGERPRINT,
      RSA_FINGERPRINT,
    ]);
  });

  it.each([
    ["an MD5 fingerprint", "MD5:5c:3b:2f:4e:aa:10:9e:77:01:02:03:04:05:06:07:08"],
    ["a fingerprint cut short", ED25519_FINGERPRINT.slice(0, -1)],
    ["a fingerprint with a character too many", `${ED25519_FINGERPRINT}A`],
    ["a good fingerprint beside a cut one", `${ED25519_FINGERPRINT},${RSA_FINGERPRINT.slice(0, -2)}`],
    ["the public key itself", `ssh-ed25519 ${ED25519_PUB}`],
    ["nothing", ""],
  ])("refuses %s", (_, configured) => {
    expect(pinnedFingerprints(configured)).toEqual([]);
  });
});
