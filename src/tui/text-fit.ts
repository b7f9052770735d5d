/** Cutting text to a width, with an ellipsis that the plain theme keeps ASCII. */
export function fit(text: string, width: number, ellipsis: string): string {
  if (text.length <= width) return text;
  if (width <= ellipsis.length) return text.slice(0, Math.max(0, width));
  return `${text.slice(0, width - ellipsis.length)}${ellipsis}`;
}
