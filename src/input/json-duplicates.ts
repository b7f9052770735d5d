/**
 * The first key that an object of a JSON text repeats, with its path (`hosts.2.memory`): JSON.parse keeps the last
 * value silently, so `{"memory":"8G","memory":"1T"}` would plan 1 TiB (issue 17). One pass over text JSON.parse has
 * already accepted, so only strings, brackets, colons and commas need telling apart.
 */
export interface DuplicateKey {
  readonly path: string;
  readonly key: string;
}

interface Frame {
  readonly keys: Set<string> | null; // null: an array
  index: number;
  key: string | null;
}

export function firstDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  let expectKey = false;
  const pathOf = (extra: string) => [...stack.slice(0, -1).map(label), extra].filter((p) => p !== '').join('.');
  const label = (frame: Frame) => (frame.keys ? frame.key ?? '' : String(frame.index));
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const top = stack.at(-1);
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (top.keys.has(key)) return { path: pathOf(key), key };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      stack.push({ keys: new Set(), index: 0, key: null });
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      stack.push({ keys: null, index: 0, key: null });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack.at(-1);
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

/**
 * The index of the closing quote of the string that opens at `start`: the next quote after an even run of
 * backslashes. indexOf jumps to each quote natively; a loop over every character of a string was a tenth of the
 * start-up time of a pool preset's check.
 */
function stringEnd(text: string, start: number): number {
  for (let quote = text.indexOf('"', start + 1); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let slash = quote - 1;
    while (text.charCodeAt(slash) === 0x5c /* \ */) slash--;
    if ((quote - 1 - slash) % 2 === 0) return quote;
  }
  return text.length - 1;
}
