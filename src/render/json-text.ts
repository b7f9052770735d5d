/**
 * JSON as text, indented like `JSON.stringify(value, null, 2)`, except that the items of the arrays named in `oneLine`
 * (top-level keys) are written one per line, compact: a pool's host groups stay one line each (grep-able, and a
 * third of the size at 20,000 groups) while the rest of the document reads as before.
 */
export function jsonText(value: Record<string, unknown>, oneLine: readonly string[]): string {
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const body = entries.map(([key, v]) => {
    const name = `  ${JSON.stringify(key)}: `;
    if (oneLine.includes(key) && Array.isArray(v) && v.length > 0) {
      return `${name}[\n${v.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`;
    }
    return name + JSON.stringify(v, null, 2).replaceAll('\n', '\n  ');
  });
  return entries.length === 0 ? '{}' : `{\n${body.join(',\n')}\n}`;
}
