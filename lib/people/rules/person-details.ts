// A person's name and postal address, and the maker-checker rules for changing them
// (docs/people.md#name-and-address-changes). Pure.

export interface PersonDetails {
  firstName: string;
  lastName: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  county: string | null;
  postcode: string;
  country: string;
}

export type PersonField = keyof PersonDetails;

export const PERSON_FIELDS: readonly PersonField[] = [
  "firstName",
  "lastName",
  "addressLine1",
  "addressLine2",
  "town",
  "county",
  "postcode",
  "country",
];

export const PERSON_FIELD_LABELS: Record<PersonField, string> = {
  firstName: "First name",
  lastName: "Last name",
  addressLine1: "Address line 1",
  addressLine2: "Address line 2",
  town: "Town or city",
  county: "County",
  postcode: "Postcode",
  country: "Country",
};

// Blank and absent optional lines are the same; case matters (a corrected capital is a change).
const canonical = (value: string | null) => (value ?? "").trim();

/** The fields whose value differs, in form order. */
export function changedPersonFields(current: PersonDetails, proposed: PersonDetails): PersonField[] {
  return PERSON_FIELDS.filter((field) => canonical(current[field]) !== canonical(proposed[field]));
}

/** Only the name and address go through the change; the rest of a record is not touched. */
export function pickPersonDetails(row: PersonDetails): PersonDetails {
  return Object.fromEntries(PERSON_FIELDS.map((f) => [f, row[f]])) as unknown as PersonDetails;
}

export const PERSON_CHANGE_MESSAGES = {
  nothingChanged: "The name and address are the same as the ones on record: change at least one field",
  maker: "You proposed this change, so another caseworker must approve or reject it.",
  decided: "This change has already been decided",
  erased: "This person's details were erased, so they cannot be changed",
  merged: "This record was linked into another person's record: change that record instead",
} as const;

/** Whether `viewerId` may approve or reject the change: never its maker, and only while it is pending. */
export function personChangeDecisionRefusal(change: { status: string; proposedById: string }, viewerId: string): string | null {
  if (change.status !== "PENDING") return PERSON_CHANGE_MESSAGES.decided;
  if (change.proposedById === viewerId) return PERSON_CHANGE_MESSAGES.maker;
  return null;
}
