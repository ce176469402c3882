import { describe, expect, it } from "vitest";
import { candidateNames, INBOX_FILES_PER_RUN, selectInboxFiles, type InboxEntry } from "./select-inbox-files";

const file = (name: string, modifiedAt: number, type: InboxEntry["type"] = "file"): InboxEntry => ({
  name,
  type,
  size: 10,
  modifiedAt,
});

describe("selectInboxFiles", () => {
  it("takes plain files only, oldest first (then by name), leaving folders, links, .part and hidden files", () => {
    const { take, waiting } = selectInboxFiles([
      file("processed", 1, "folder"),
      file("error", 1, "folder"),
      file("link.csv", 1, "other"),
      file("arriving.csv.part", 1),
      file(".hidden.csv", 1),
      file("c.csv", 300),
      file("b.csv", 100),
      file("a.csv", 100),
    ]);
    expect(take.map((f) => f.name)).toEqual(["a.csv", "b.csv", "c.csv"]);
    expect(waiting).toBe(0);
  });

  it("takes at most the limit (20 by default); the rest wait", () => {
    const many = Array.from({ length: 25 }, (_, i) => file(`f${String(i).padStart(2, "0")}.csv`, 1000 - i));
    const { take, waiting } = selectInboxFiles(many);
    expect(INBOX_FILES_PER_RUN).toBe(20);
    expect(take).toHaveLength(20);
    expect(take[0].name).toBe("f24.csv");
    expect(waiting).toBe(5);
    expect(selectInboxFiles(many, 3).take.map((f) => f.name)).toEqual(["f24.csv", "f23.csv", "f22.csv"]);
  });
});

describe("candidateNames", () => {
  it("the name itself, then .1, .2, …", () => {
    expect(candidateNames("codes.csv", 4)).toEqual(["codes.csv", "codes.csv.1", "codes.csv.2", "codes.csv.3"]);
  });
});
