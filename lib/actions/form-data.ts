/**
 * FormData as a plain object; a name given more than once becomes an array. Next's internal
 * `$ACTION_` fields are dropped. A file input that was left empty arrives as an empty File with no
 * name, which the server-action decoder turns into the name "undefined" (busboy reports the empty
 * filename as undefined); it is dropped too, so a schema sees "no file" rather than an empty one.
 */
const NO_FILE_NAMES = new Set(["", "undefined", "blob"]);

export function formDataToObject(formData: FormData): Record<string, string | string[] | File> {
  const out: Record<string, string | string[] | File> = {};
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("$ACTION")) continue;
    if (typeof value !== "string") {
      if (value.size > 0 || !NO_FILE_NAMES.has(value.name)) out[name] = value;
      continue;
    }
    const existing = out[name];
    out[name] =
      existing === undefined || existing instanceof File
        ? value
        : Array.isArray(existing)
          ? [...existing, value]
          : [existing, value];
  }
  return out;
}
