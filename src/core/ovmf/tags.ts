/**
 * edk2 stable tags as the commits they contain. A mainline tag holds every modelled commit whose first tag is it or an
 * earlier one; a point tag (`edk2-stableYYYYMM.NN`, on a `stable/YYYYMM` branch) holds its base tag's commits plus
 * those cherry-picked onto the branch (shared/spec/releases-2026.md §2.1).
 */
import { OVMF_COMMITS, type OvmfCommit } from './commits.js';

/** The mainline tags, oldest first. */
export const EDK2_MAINLINE_TAGS = [
  'edk2-stable201808', 'edk2-stable201811', 'edk2-stable201903', 'edk2-stable201905', 'edk2-stable201908',
  'edk2-stable201911', 'edk2-stable202002', 'edk2-stable202005', 'edk2-stable202008', 'edk2-stable202011',
  'edk2-stable202102', 'edk2-stable202105', 'edk2-stable202108', 'edk2-stable202111', 'edk2-stable202202',
  'edk2-stable202205', 'edk2-stable202208', 'edk2-stable202211', 'edk2-stable202302', 'edk2-stable202305',
  'edk2-stable202308', 'edk2-stable202311', 'edk2-stable202402', 'edk2-stable202405', 'edk2-stable202408',
  'edk2-stable202411', 'edk2-stable202502', 'edk2-stable202505', 'edk2-stable202508', 'edk2-stable202511',
  'edk2-stable202602', 'edk2-stable202605',
  // 2970e5699ba6 (2026-08-12). Its watched areas were read up to master c5aa7e7d94c0 (2026-08-06): nothing there
  // changes the model; the six days before the tag were not read. PR #12997 (the 1/4 window) came after it.
  'edk2-stable202608',
] as const;

export type Edk2MainlineTag = (typeof EDK2_MAINLINE_TAGS)[number];

export interface PointTag {
  readonly tag: string;
  readonly base: Edk2MainlineTag;
  /** Modelled commits cherry-picked onto the stable branch (none so far). */
  readonly picks: readonly string[];
  readonly note: string;
}

/** The point tags that exist (the mirror holds stable/202011, stable/202408 and stable/202508). */
export const EDK2_POINT_TAGS = [
  { tag: 'edk2-stable202408.01', base: 'edk2-stable202408', picks: [], note: '4dfdca63a934: a submodule URL only' },
  { tag: 'edk2-stable202508.01', base: 'edk2-stable202508', picks: [], note: '3d244c3b364b: terminal control sequences in MdeModulePkg' },
] as const satisfies readonly PointTag[];

export type Edk2PointTag = (typeof EDK2_POINT_TAGS)[number]['tag'];
export type Edk2Tag = Edk2MainlineTag | Edk2PointTag;

/** Every tag the model knows, in release order (a point tag right after its base). */
export const EDK2_TAGS: readonly Edk2Tag[] = EDK2_MAINLINE_TAGS.flatMap((tag) => [
  tag, ...EDK2_POINT_TAGS.filter((p) => p.base === tag).map((p) => p.tag),
]);

export const NEWEST_EDK2: Edk2Tag = 'edk2-stable202608';

const MAINLINE_INDEX: ReadonlyMap<string, number> = new Map(EDK2_MAINLINE_TAGS.map((tag, i) => [tag, i]));
const POINT: ReadonlyMap<string, PointTag> = new Map(EDK2_POINT_TAGS.map((p) => [p.tag, p]));
const TAG_SET: ReadonlySet<string> = new Set(EDK2_TAGS);

export function isEdk2Tag(value: string): value is Edk2Tag {
  return TAG_SET.has(value);
}

/** The mainline tag a tag stands on: itself, or a point tag's base. */
export function mainlineOf(tag: Edk2Tag): Edk2MainlineTag {
  return (POINT.get(tag)?.base ?? tag) as Edk2MainlineTag;
}

/** True when `tag` is `since` or a later release (a point tag counts as its base). */
export function isAtLeastTag(tag: Edk2Tag, since: Edk2MainlineTag): boolean {
  return MAINLINE_INDEX.get(mainlineOf(tag))! >= MAINLINE_INDEX.get(since)!;
}

/** The modelled commits a tag contains, reverts applied. */
export function tagCommits(tag: Edk2Tag): ReadonlySet<string> {
  const base = MAINLINE_INDEX.get(mainlineOf(tag))!;
  const commits: readonly OvmfCommit[] = OVMF_COMMITS;
  const held = new Set(commits.filter((c) => MAINLINE_INDEX.get(c.since)! <= base).map((c) => c.hash));
  for (const pick of POINT.get(tag)?.picks ?? []) held.add(pick);
  return withReverts(held);
}

/** A revert in the set takes its target out (a revert of a commit the set lacks changes nothing). */
export function withReverts(held: Set<string>): ReadonlySet<string> {
  for (const c of OVMF_COMMITS as readonly OvmfCommit[]) if (c.reverts && held.has(c.hash)) held.delete(c.reverts);
  return held;
}

/** `edk2-stableYYYYMM` or `edk2-stableYYYYMM.NN`: the shape of a stable tag, known to the model or not. */
export const EDK2_TAG_SHAPE = /^edk2-stable(\d{6})(?:\.(\d{2}))?$/;

/** Whether a well-formed tag the model does not know is newer than every tag it knows (then it is a finding, not an error). */
export function isNewerThanKnown(value: string): boolean {
  const m = EDK2_TAG_SHAPE.exec(value);
  if (!m || isEdk2Tag(value)) return false;
  const newest = EDK2_TAG_SHAPE.exec(NEWEST_EDK2)!;
  return m[1]! > newest[1]! || (m[1] === newest[1] && m[2] !== undefined);
}
