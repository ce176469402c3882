import { describe, expect, it } from "vitest";
import { lastNameKey, lastNameKeySql, postcodeKey, postcodeKeySql } from "./person-match-key";

describe("lastNameKey", () => {
  it.each([
    ["D'Souza", "dsouza"],
    ["D’Souza", "dsouza"],
    ["d souza", "dsouza"],
    ["O’Brien", "obrien"],
    ["O'BRIEN", "obrien"],
    ["Anne-Marie", "annemarie"],
    ["Anne Marie", "annemarie"],
    ["Müller", "muller"],
    ["MÜLLER", "muller"],
    ["Mu\u0308ller", "muller"],
    ["Zoë", "zoe"],
    ["Ñúñez", "nunez"],
    ["St. John-Smythe", "stjohnsmythe"],
    ["Łukasiewicz", "łukasiewicz"],
    ["ŁUKASIEWICZ", "łukasiewicz"],
    ["Straße", "straße"],
    ["ﬁnch", "finch"],
    ["Ｓｍｉｔｈ", "smith"],
  ])("%j -> %j", (name, key) => {
    expect(lastNameKey(name)).toBe(key);
  });

  it("tells different names apart", () => {
    expect(lastNameKey("Obrien")).not.toBe(lastNameKey("O'Bryan"));
    expect(lastNameKey("Müller")).not.toBe(lastNameKey("Mueller"));
  });
});

describe("postcodeKey", () => {
  it("upper-cases and drops spaces", () => {
    expect(postcodeKey("ls1 1aa")).toBe("LS11AA");
    expect(postcodeKey("LS11AA")).toBe("LS11AA");
    expect(postcodeKey(" sw1a  2aa ")).toBe("SW1A2AA");
  });
});

describe("the SQL twins", () => {
  it("apply the same steps to the column named", () => {
    expect(lastNameKeySql('c."lastName"')).toBe(`lower(regexp_replace(normalize(c."lastName", NFKD), '[^[:alnum:]]', '', 'g'))`);
    expect(postcodeKeySql("c.postcode")).toBe("replace(upper(c.postcode), ' ', '')");
  });
});
