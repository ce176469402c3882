import { describe, expect, it } from "vitest";

import { cleanBacsText } from "./clean-bacs-text";
import { mulberry32 } from "@/lib/random/mulberry32";

const ACCESSPAY = { maxLength: 18 } as const;

describe("cleanBacsText: each step of the order in file-formats.md §1", () => {
  it.each<[string, string, string, string[]]>([
    ["leaves clean text alone", "Tom Swann", "Tom Swann", []],
    ["drops an apostrophe", "O'Brien", "OBrien", ["removed characters: '"]],
    [
      "defuses a formula: drop, collapse, then strip the leading space",
      "  =SUM(A1)",
      "SUMA1",
      ["removed characters: = ( )", "collapsed repeated spaces", "removed leading spaces"],
    ],
    [
      "transliterates Polish letters, including Ł which NFKD keeps",
      "Łukasz Wiśniewski",
      "Lukasz Wisniewski",
      ["transliterated 'Łukasz Wiśniewski' to 'Lukasz Wisniewski'"],
    ],
    [
      "transliterates diaereses and keeps the hyphen",
      "Zoë Brontë-Smith",
      "Zoe Bronte-Smith",
      ["transliterated 'Zoë Brontë-Smith' to 'Zoe Bronte-Smith'"],
    ],
    [
      "removes an emoji as one character and closes the gap",
      "Ann 😀 Lee",
      "Ann Lee",
      ["removed characters: 😀", "collapsed repeated spaces"],
    ],
    ["strips leading hyphens", "---Ann", "Ann", ["removed leading characters: '---'"]],
    // + and @ are outside the set, so step 2 already removes them; - . & / survive to step 4.
    ["removes + and @ as disallowed characters", "+@44 Ltd", "44 Ltd", ["removed characters: + @"]],
    ["strips leading allowed punctuation", "./&-- Ann", "Ann", ["removed leading characters: './&-- '"]],
    ["empties a value of only symbols", "!@#$%^*()", "", ["removed characters: ! @ # $ % ^ * ( )"]],
    ["empties a value of only spaces", "   ", "", ["collapsed repeated spaces", "removed leading spaces"]],
    ["leaves an empty value empty", "", "", []],
    ["cuts a 25-character name to 18", "Christopher Alan Robinson", "Christopher Alan R", ["cut to 18 characters"]],
    [
      "trims the space a cut leaves at the end",
      "Bartholomew Jones Worthington",
      "Bartholomew Jones",
      ["cut to 18 characters", "removed trailing spaces"],
    ],
    ["trims trailing spaces on input", "Ann Lee  ", "Ann Lee", ["collapsed repeated spaces", "removed trailing spaces"]],
    ["keeps an 18-character name whole", "Abcdefghi Jklmnopq", "Abcdefghi Jklmnopq", []],
    ["keeps & / . -", "Mr & Mrs J. Smith/Jones-Lee", "Mr & Mrs J. Smith/", ["cut to 18 characters"]],
  ])("%s", (_what, input, value, changes) => {
    expect(cleanBacsText(input, ACCESSPAY)).toEqual({ value, changes });
  });
});

describe("cleanBacsText: transliteration", () => {
  it.each([
    ["Straße", "Strasse"],
    ["STRAẞE", "STRASSE"],
    ["Æsir Ødegård", "AEsir Odegard"],
    ["Œuvre cœur", "OEuvre coeur"],
    ["Þóra þór", "Thora thor"],
    ["Đorđe Ðað", "Dorde Dad"],
    ["Siobhán Ní Dhónaill", "Siobhan Ni Dhonaill"],
    ["François Müller", "Francois Muller"],
    ["Ŀlàtzer", "Llatzer"],
    ["Ｔｏｍ", "Tom"],
  ])("%s -> %s", (input, expected) => {
    const result = cleanBacsText(input);
    expect(result.value).toBe(expected);
    expect(result.changes).toEqual([`transliterated '${input}' to '${expected}'`]);
  });

  it("treats a letter typed as base + combining accent like the precomposed one", () => {
    expect(cleanBacsText("Zoe\u0308")).toEqual({ value: "Zoe", changes: ["transliterated 'Zoe\u0308' to 'Zoe'"] });
  });

  it("turns tabs, line breaks and no-break spaces into spaces, and says so", () => {
    expect(cleanBacsText("Ann\tLee\u00a0Smith\nJr")).toEqual({
      value: "Ann Lee Smith Jr",
      changes: ["replaced tabs, line breaks or other spacing characters with spaces"],
    });
  });

  it("drops letters that have no ASCII form rather than guessing", () => {
    expect(cleanBacsText("Иван Petrov")).toEqual({
      value: "Petrov",
      changes: ["removed characters: И в а н", "removed leading spaces"],
    });
  });

  it("names invisible characters by code point", () => {
    expect(cleanBacsText("Ann\u200bLee").changes).toEqual(["removed characters: U+200B"]);
  });

  it("turns curly apostrophes into nothing, like straight ones", () => {
    expect(cleanBacsText("O’Neill").value).toBe("ONeill");
  });
});

describe("cleanBacsText: payout character set (file-formats.md §3)", () => {
  it("also drops & and /, and does not cut without maxLength", () => {
    expect(cleanBacsText("Mr & Mrs O'Shea / Worthington-Smythe", { allowed: "payout" })).toEqual({
      value: "Mr Mrs OShea Worthington-Smythe",
      changes: ["removed characters: & ' /", "collapsed repeated spaces"],
    });
  });
});

describe("cleanBacsText: invariants over random input", () => {
  const alphabet = Array.from("aZ09 .&/-'=+@()!ëßŁÆøđŒþ😀\t\u00a0И-- ");

  it("always yields safe, idempotent, bounded text", () => {
    const random = mulberry32(20260707);
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * 30);
      const input = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
      for (const allowed of ["bacs", "payout"] as const) {
        const { value } = cleanBacsText(input, { maxLength: 18, allowed });
        expect(value, JSON.stringify(input)).toMatch(
          allowed === "bacs" ? /^([A-Za-z0-9][A-Za-z0-9 .&/-]*)?$/ : /^([A-Za-z0-9][A-Za-z0-9 .-]*)?$/,
        );
        expect(value).not.toMatch(/ {2}| $/);
        expect(value.length).toBeLessThanOrEqual(18);
        expect(cleanBacsText(value, { maxLength: 18, allowed })).toEqual({ value, changes: [] });
      }
    }
  });
});

describe("cleanBacsText: options", () => {
  it("rejects a maxLength that is not a positive whole number", () => {
    expect(() => cleanBacsText("Ann", { maxLength: 0 })).toThrow(RangeError);
    expect(() => cleanBacsText("Ann", { maxLength: 1.5 })).toThrow(RangeError);
  });
});
