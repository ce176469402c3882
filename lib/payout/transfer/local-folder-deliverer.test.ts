import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalFolderDeliverer } from "./local-folder-deliverer";
import { DeliveryError } from "./payout-deliverer";

const root = mkdtempSync(path.join(tmpdir(), "disburse-outbox-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const folder = () => path.join(root, `outbox-${++n}`);
const bytes = Buffer.from("1.00,,Ada,Lovelace\n", "ascii");
const file = { fileName: "disburse_payout_22112026_001.csv", bytes };

describe("LocalFolderDeliverer", () => {
  it("uploads name.part, records the rename before it, and leaves only the final file", async () => {
    const dir = folder();
    const deliverer = new LocalFolderDeliverer(dir);
    const seen: string[][] = [];
    const result = await deliverer.deliver(file, async () => {
      seen.push(readdirSync(dir));
    });
    expect(result).toEqual({ outcome: "DELIVERED" });
    expect(seen).toEqual([[`${file.fileName}.part`]]);
    expect(readdirSync(dir)).toEqual([file.fileName]);
    expect(readFileSync(path.join(dir, file.fileName)).equals(bytes)).toBe(true);
    expect(await deliverer.find(file.fileName)).toEqual({ present: true, byteSize: bytes.length });
    expect(await deliverer.find("disburse_payout_22112026_002.csv")).toEqual({ present: false });
    expect(deliverer).toMatchObject({ local: true, target: dir });
  });

  it("finds the same file already there: ALREADY_DELIVERED, nothing rewritten", async () => {
    const dir = folder();
    const deliverer = new LocalFolderDeliverer(dir);
    await deliverer.deliver(file, async () => {});
    expect(await deliverer.deliver(file, async () => {})).toEqual({ outcome: "ALREADY_DELIVERED" });
    expect(readdirSync(dir)).toEqual([file.fileName]);
  });

  it("never overwrites a different file of that name", async () => {
    const dir = folder();
    const deliverer = new LocalFolderDeliverer(dir);
    await deliverer.deliver({ ...file, bytes: Buffer.from("other") }, async () => {});
    await expect(deliverer.deliver(file, async () => {})).rejects.toThrow(
      new DeliveryError(`${file.fileName} already exists in ${dir} with 5 bytes, not ${bytes.length}: it was not overwritten`),
    );
    expect(readFileSync(path.join(dir, file.fileName), "ascii")).toBe("other");
  });

  it("renames nothing when recording the rename fails, and replaces a leftover .part next time", async () => {
    const dir = folder();
    const deliverer = new LocalFolderDeliverer(dir);
    const refused = new Error("the run was taken over");
    await expect(
      deliverer.deliver(file, async () => {
        throw refused;
      }),
    ).rejects.toBe(refused);
    expect(readdirSync(dir)).toEqual([`${file.fileName}.part`]);
    writeFileSync(path.join(dir, `${file.fileName}.part`), "half a fi");
    expect(await deliverer.deliver(file, async () => {})).toEqual({ outcome: "DELIVERED" });
    expect(readdirSync(dir)).toEqual([file.fileName]);
    expect(readFileSync(path.join(dir, file.fileName)).equals(bytes)).toBe(true);
  });

  it("reports a folder it cannot write as a DeliveryError", async () => {
    const blocked = path.join(folder());
    writeFileSync(blocked, "a file, not a folder");
    const deliverer = new LocalFolderDeliverer(blocked);
    await expect(deliverer.deliver(file, async () => {})).rejects.toBeInstanceOf(DeliveryError);
    await expect(deliverer.deliver({ ...file, fileName: "../escape.csv" }, async () => {})).rejects.toBeInstanceOf(DeliveryError);
  });
});
