// The point page's URL (/payment-points/<id>?after=…&overlapsAfter=…): a page position for each of
// its two keyset-paged lists, the beneficiaries the point holds now and the overlaps, so each pages
// without losing the other's place. Parsing never fails: a cursor that cannot be used is dropped. Pure.
import { decodeOpaqueCursor, encodeOpaqueCursor } from "@/lib/pagination/keyset";

/** A beneficiary in person-reference order; the enrolment id breaks ties. */
export type PointBeneficiaryCursor = { reference: string; id: string };

export type PointListPage = { after?: PointBeneficiaryCursor; before?: PointBeneficiaryCursor };
export type PointPageParams = { holds: PointListPage; overlaps: PointListPage };

const NAMES = {
  holds: { after: "after", before: "before" },
  overlaps: { after: "overlapsAfter", before: "overlapsBefore" },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Input = Record<string, string | string[] | undefined>;

function cursor(input: Input, name: string): PointBeneficiaryCursor | undefined {
  const raw = input[name];
  const value = decodeOpaqueCursor(Array.isArray(raw) ? raw[0] : raw, 200);
  if (!Array.isArray(value) || value.length !== 2 || !value.every((v) => typeof v === "string")) return undefined;
  const [reference, id] = value as string[];
  return reference.length <= 20 && UUID.test(id) ? { reference, id } : undefined;
}

function page(input: Input, list: keyof typeof NAMES): PointListPage {
  const after = cursor(input, NAMES[list].after);
  return { after, before: after ? undefined : cursor(input, NAMES[list].before) };
}

export function parsePointPageParams(input: Input): PointPageParams {
  return { holds: page(input, "holds"), overlaps: page(input, "overlaps") };
}

const encode = (c: PointBeneficiaryCursor) => encodeOpaqueCursor([c.reference, c.id]);

/** The point's page with one list moved to another page, the other list where it was. */
export function pointPageHref(
  pointId: string,
  params: PointPageParams,
  list: keyof typeof NAMES,
  position: PointListPage,
): string {
  const next = { ...params, [list]: position };
  const query = new URLSearchParams();
  for (const name of ["holds", "overlaps"] as const) {
    const { after, before } = next[name];
    if (after) query.set(NAMES[name].after, encode(after));
    else if (before) query.set(NAMES[name].before, encode(before));
  }
  const text = query.toString();
  return `/payment-points/${pointId}${text ? `?${text}` : ""}#${list}`;
}
