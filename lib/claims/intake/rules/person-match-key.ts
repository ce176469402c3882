// The keys a possible match is found by (docs/people.md#possible-matches): the same date of birth,
// the same last name once case, accents, punctuation and spaces are set aside, and the same
// postcode once case and spaces are. Pure. Each key has its SQL twin below, the same steps in the
// same order, so the query compares like with like; tests/people/match-key-sql.test.ts runs both
// over awkward names (D'Souza, O’Brien, Anne-Marie, Müller) and checks they agree.

/**
 * "O’Brien" -> "obrien", "Müller" -> "muller", "Anne-Marie" -> "annemarie": compatibility
 * decomposition (NFKD: "é" becomes "e" and a combining accent, "ﬁ" becomes "fi"), then everything
 * that is not a letter or a digit goes (the accents, apostrophes, hyphens, spaces, dots), then lower case.
 */
export function lastNameKey(lastName: string): string {
  return lastName
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]/gu, "")
    .toLowerCase();
}

/** "ls1 1aa" -> "LS11AA". */
export function postcodeKey(postcode: string): string {
  return postcode.toUpperCase().replaceAll(" ", "");
}

/**
 * lastNameKey in SQL, for a column or expression: PostgreSQL's normalize(…, NFKD), [:alnum:] and
 * lower() under a UTF-8 character type (the databases here are C.UTF-8) do what the TypeScript does.
 * Every function in it is IMMUTABLE, so an expression index can hold it.
 */
export function lastNameKeySql(column: string): string {
  return `lower(regexp_replace(normalize(${column}, NFKD), '[^[:alnum:]]', '', 'g'))`;
}

/** postcodeKey in SQL. */
export function postcodeKeySql(column: string): string {
  return `replace(upper(${column}), ' ', '')`;
}
