/**
 * A message said again is one message with a count: the same failure of the same action, tried
 * again, or the same news from several rows, would otherwise stack banner over banner saying the
 * same thing. Pure, so the banner list's rule is tested on its own.
 */

/** What a banner says, as far as telling two banners apart goes. */
export interface Said {
  type: string;
  header?: unknown;
  content?: unknown;
  /** Given where the words are not plain text (an error drawn by a component): the same key, the same message. */
  repeatKey?: string;
}

/** A separator that never appears in a message's words, so two fields never run into one. */
const SEPARATOR = '\u0000';

/**
 * The key two banners share when they say the same: their kind and words, or the key they were
 * given. null when the words are not plain text and no key was given: such a banner is never
 * taken for another.
 */
export function repeatKeyOf(said: Said): string | null {
  if (said.repeatKey !== undefined) return `${said.type}${SEPARATOR}${said.repeatKey}`;
  const plain = (part: unknown) => part === undefined || part === null || typeof part === 'string';
  if (!plain(said.header) || !plain(said.content)) return null;
  return [said.type, said.header ?? '', said.content ?? ''].join(SEPARATOR);
}

/** A banner in the list, with how many times it was said. */
export interface Counted {
  id: string;
  key: string | null;
  count: number;
}

/**
 * The list with `next` on top. A banner already in the list that says the same is taken out and its
 * count carried over (`dropped` names it, so its timer can go); `max` banners are kept, the newest.
 */
export function addRepeated<T extends Counted>(
  list: readonly T[],
  next: T,
  max: number,
): { list: T[]; dropped: string[] } {
  const same = next.key === null ? undefined : list.find((item) => item.key === next.key && item.id !== next.id);
  const rest = list.filter((item) => item.id !== next.id && item !== same);
  const merged = [{ ...next, count: next.count + (same?.count ?? 0) }, ...rest];
  const dropped = [...(same ? [same.id] : []), ...merged.slice(max).map((item) => item.id)];
  return { list: merged.slice(0, max), dropped };
}

/** "2 times", said beside a repeated banner's words; empty for a banner said once. */
export function timesSaid(count: number): string {
  return count > 1 ? `${count} times` : '';
}
