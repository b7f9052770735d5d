/**
 * The layout of the horizontal address-map picture: which columns each region, gap and marker takes. Addresses span
 * from kibibytes to 2^52, so a linear scale would hide everything below 4 GiB; here every piece between two boundaries
 * gets at least one column and the rest is shared out by the logarithm of its size (widths grow by about one column
 * per doubling), while the order of the pieces stays exact.
 */
import type { MapRegion, Marker, RegionKind } from './address-map.js';
import { bitLength, GiB, isPowerOfTwo, rangeEnd } from '../core/units.js';

/** What a piece of the picture shows: a region's kind, a conflict (the 64-bit aperture over memory), or a marker line. */
export type SegmentKind = RegionKind | 'conflict' | 'marker';

export interface MapSegment {
  readonly kind: SegmentKind;
  /** A marker's address, or where the piece starts. */
  readonly base: bigint;
  /** 0 for a marker. */
  readonly size: bigint;
  /** The region drawn here (index into the regions given), null for gaps and markers. */
  readonly region: number | null;
  /** The markers at this address (indices into the markers given); empty for other pieces. */
  readonly markers: readonly number[];
  readonly column: number;
  /** Columns taken; 0 when there are more pieces than columns and this is one of the smallest. */
  readonly width: number;
}

export interface MapLabel {
  readonly column: number;
  readonly text: string;
}

export interface MapLayout {
  readonly columns: number;
  /** The end of the picture: the highest region end or marker. */
  readonly end: bigint;
  readonly segments: readonly MapSegment[];
  /** Address labels for the line under the picture, placed left to right without overlapping. */
  readonly labels: readonly MapLabel[];
}

/** When the 64-bit aperture overlaps one of these, the picture shows a conflict (a finding reports it too). */
const CONFLICTS_WITH_APERTURE: ReadonlySet<RegionKind> = new Set(['ram', 'hotplug', 'reserved', 'cxl', 'platform', 'pci-hole']);
/** Which region is drawn where regions overlap (QEMU's pci-hole64 and OVMF's aperture often do). */
const DRAW_ORDER: readonly RegionKind[] = ['reserved', 'devices', 'aperture', 'hotplug', 'ram', 'cxl', 'platform', 'pci-hole', 'pci-hole64'];
/** Sizes below this get the smallest weight: one column's worth grows from 2 MiB. */
const WEIGHT_BASE_BITS = 20;

/** Lays out regions (any order, may overlap) and markers on `columns` columns. */
export function mapLayout(regions: readonly MapRegion[], markers: readonly Marker[], columns: number): MapLayout {
  const end = [...regions.map(rangeEnd), ...markers.map((m) => m.address)].reduce((a, b) => (b > a ? b : a), 0n);
  const boundaries = [...new Set([0n, end, ...regions.flatMap((r) => [r.base, rangeEnd(r)]), ...markers.map((m) => m.address)])]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const pieces: Omit<MapSegment, 'column' | 'width'>[] = [];
  for (const [i, at] of boundaries.entries()) {
    const here = markers.flatMap((m, index) => (m.address === at ? [index] : []));
    if (here.length > 0) pieces.push({ kind: 'marker', base: at, size: 0n, region: null, markers: here });
    const next = boundaries[i + 1];
    if (next === undefined) break;
    const covering = regions.flatMap((r, index) => (r.base <= at && rangeEnd(r) >= next ? [index] : []));
    const { kind, region } = drawn(regions, covering);
    const previous = pieces.at(-1);
    // Neighbouring pieces that show the same region are one piece (a region split only by another's boundary).
    if (previous && previous.kind === kind && previous.region === region && here.length === 0) {
      pieces[pieces.length - 1] = { ...previous, size: previous.size + (next - at) };
    } else {
      pieces.push({ kind, base: at, size: next - at, region, markers: [] });
    }
  }

  const markerCount = pieces.filter((p) => p.kind === 'marker').length;
  const spans = pieces.filter((p) => p.kind !== 'marker');
  const widths = apportion(spans.map((p) => Math.max(1, bitLength(p.size) - WEIGHT_BASE_BITS)), Math.max(0, columns - markerCount));
  let column = 0;
  let span = 0;
  const segments = pieces.map((piece): MapSegment => {
    const width = piece.kind === 'marker' ? (column < columns ? 1 : 0) : widths[span++]!;
    const segment = { ...piece, column, width };
    column += width;
    return segment;
  });
  return { columns, end, segments, labels: placeLabels(segments, columns) };
}

function drawn(regions: readonly MapRegion[], covering: readonly number[]): { kind: SegmentKind; region: number | null } {
  if (covering.length === 0) return { kind: 'unused', region: null };
  const kinds = covering.map((i) => regions[i]!.kind);
  const aperture = covering.find((i) => regions[i]!.kind === 'aperture');
  if (aperture !== undefined && kinds.some((k) => CONFLICTS_WITH_APERTURE.has(k))) return { kind: 'conflict', region: aperture };
  const [first] = [...covering].sort((a, b) => DRAW_ORDER.indexOf(regions[a]!.kind) - DRAW_ORDER.indexOf(regions[b]!.kind));
  return { kind: regions[first!]!.kind, region: first! };
}

/**
 * Shares `total` columns out by weight: one column each first (the largest weights first when there are more pieces
 * than columns), then the rest in proportion to the weights, the leftovers to the largest remainders (earlier first).
 */
export function apportion(weights: readonly number[], total: number): number[] {
  const widths = weights.map(() => 0);
  if (weights.length === 0 || total <= 0) return widths;
  if (total < weights.length) {
    const largest = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, total);
    for (const [, i] of largest) widths[i] = 1;
    return widths;
  }
  const rest = total - weights.length;
  const sum = weights.reduce((a, b) => a + b, 0);
  const remainders = weights.map((w, i) => {
    widths[i] = 1 + Math.floor((w * rest) / sum);
    return [(w * rest) % sum, i] as const;
  });
  let left = total - widths.reduce((a, b) => a + b, 0);
  for (const [, i] of remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1])) {
    if (left-- <= 0) break;
    widths[i]! += 1;
  }
  return widths;
}

/** Markers first (`2^39`), then 0 and 4 GiB; a label that would overlap one already placed is left out. */
function placeLabels(segments: readonly MapSegment[], columns: number): MapLabel[] {
  const wanted: MapLabel[] = [];
  for (const s of segments) {
    if (s.kind === 'marker' && s.width > 0) wanted.push({ column: s.column, text: markerLabel(s.base) });
  }
  const fourG = segments.find((s) => s.kind !== 'marker' && s.base === 4n * GiB && s.width > 0);
  wanted.push({ column: 0, text: '0' });
  if (fourG) wanted.push({ column: fourG.column, text: '4G' });
  const placed: MapLabel[] = [];
  for (const label of wanted) {
    const column = Math.max(0, Math.min(label.column, columns - label.text.length));
    // One blank column between labels keeps them readable.
    if (label.text.length > columns || placed.some((p) => column <= p.column + p.text.length && p.column <= column + label.text.length)) continue;
    placed.push({ column, text: label.text });
  }
  return placed.sort((a, b) => a.column - b.column);
}

/** `2^39` for a power of two (every marker the planner draws), else the address in hex. */
export function markerLabel(address: bigint): string {
  return isPowerOfTwo(address) ? `2^${bitLength(address) - 1}` : `0x${address.toString(16)}`;
}

/** The label line as text: each label at its column, spaces elsewhere, no trailing spaces. */
export function labelLine(labels: readonly MapLabel[]): string {
  let line = '';
  for (const label of labels) line = line.padEnd(label.column) + label.text;
  return line;
}
