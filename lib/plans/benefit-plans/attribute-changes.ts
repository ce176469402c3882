// What an edit does to a plan's declared attributes that could strand the values beneficiaries
// already have (pure). Attributes are matched by exact name, as values are keyed by it: a renamed
// attribute is one removed and one added.
import type { AttributeDeclaration } from "../rules/attributes";

export type AttributeChange =
  | { kind: "TYPE_CHANGED"; name: string; from: AttributeDeclaration["type"]; to: AttributeDeclaration["type"] }
  | { kind: "REMOVED"; name: string }
  | { kind: "OPTION_REMOVED"; name: string; option: string };

export function attributeChanges(
  before: readonly AttributeDeclaration[],
  after: readonly AttributeDeclaration[],
): AttributeChange[] {
  const next = new Map(after.map((a) => [a.name, a]));
  const changes: AttributeChange[] = [];
  for (const old of before) {
    const now = next.get(old.name);
    if (!now) changes.push({ kind: "REMOVED", name: old.name });
    else if (now.type !== old.type) changes.push({ kind: "TYPE_CHANGED", name: old.name, from: old.type, to: now.type });
    else if (old.type === "ONE_OF" && now.type === "ONE_OF") {
      for (const option of old.options) {
        if (!now.options.includes(option)) changes.push({ kind: "OPTION_REMOVED", name: old.name, option });
      }
    }
  }
  return changes;
}

/**
 * Why a change is refused, given how many beneficiaries hold a value it would strand (for a removed
 * option: hold that option); null when nobody does.
 */
export function refusalFor(change: AttributeChange, holders: number): string | null {
  if (holders === 0) return null;
  const who = holders === 1 ? "1 beneficiary has" : `${holders} beneficiaries have`;
  switch (change.kind) {
    case "TYPE_CHANGED":
      return `The type of "${change.name}" cannot change: ${who} a value for it`;
    case "REMOVED":
      return `"${change.name}" cannot be removed or renamed: ${who} a value for it`;
    case "OPTION_REMOVED":
      return `"${change.option}" cannot be removed from "${change.name}": ${who} it`;
  }
}
