/** Which rows of a list fit: `height` rows that keep the selected one in view, as centred as the ends allow. */
export function listWindow(count: number, selected: number, height: number): { start: number; end: number } {
  if (height <= 0) return { start: 0, end: 0 };
  if (count <= height) return { start: 0, end: count };
  const start = Math.max(0, Math.min(selected - Math.floor((height - 1) / 2), count - height));
  return { start, end: start + height };
}
