/** Cutting and wrapping text to a width, with an ellipsis that the plain theme keeps ASCII. */
export function fit(text: string, width: number, ellipsis: string): string {
  if (text.length <= width) return text;
  if (width <= ellipsis.length) return text.slice(0, Math.max(0, width));
  return `${text.slice(0, width - ellipsis.length)}${ellipsis}`;
}

/** Word-wrapped lines of at most `width` (a word too long is cut), at most `height` of them, the last ending in an ellipsis when text is left out. */
export function wrapLines(text: string, width: number, height: number, ellipsis: string): string[] {
  if (width <= 0 || height <= 0) return [];
  const lines: string[] = [];
  let line = '';
  // Split at single spaces, so a run of spaces in a quoted message (QEMU's "52  (but is 31)") stays as written.
  for (const word of text.replace(/[\t\n]/g, ' ').trim().split(' ')) {
    line = line === '' ? word : line.length + 1 + word.length <= width ? `${line} ${word}` : (lines.push(line), word);
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= height) return lines;
  return [...lines.slice(0, height - 1), fit(`${lines[height - 1]} ${lines[height]}`, width, ellipsis)];
}
