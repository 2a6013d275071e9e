/** Splitting of composite attribute values (`left|right`), shared by the value rules and the search keys. */

/** `[left, right]` when `value` has exactly two `|`-separated parts (parts not trimmed), otherwise null. */
export function splitComposite(value: string): [string, string] | null {
  const parts = value.split('|');
  return parts.length === 2 ? [parts[0], parts[1]] : null;
}
