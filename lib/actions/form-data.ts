/** FormData as a plain object; a name given more than once becomes an array. Next's internal `$ACTION_` fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("$ACTION")) continue;
    if (typeof value !== "string") continue;
    const existing = out[name];
    out[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}
