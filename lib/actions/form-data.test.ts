import { describe, expect, it } from "vitest";
import { formDataToObject } from "./form-data";

describe("formDataToObject", () => {
  it("keeps strings, repeats as arrays, and drops Next's own fields", () => {
    const fd = new FormData();
    fd.append("$ACTION_ID_abc", "");
    fd.append("reason", "Duplicate");
    fd.append("line", "1");
    fd.append("line", "2");
    expect(formDataToObject(fd)).toEqual({ reason: "Duplicate", line: ["1", "2"] });
  });

  it("keeps a chosen file, even an empty one, but drops an empty file input", () => {
    const fd = new FormData();
    fd.append("file", new File(["a,b\n"], "failed.csv", { type: "text/csv" }));
    fd.append("empty", new File([], "empty.csv", { type: "text/csv" }));
    for (const name of ["", "undefined", "blob"])
      fd.append(`none-${name}`, new File([], name, { type: "application/octet-stream" }));
    const out = formDataToObject(fd);
    expect(Object.keys(out)).toEqual(["file", "empty"]);
    expect((out.file as File).name).toBe("failed.csv");
  });
});
