/**
 * "Did you mean": the name closest to a mistyped one, by edit distance (insertions, deletions,
 * substitutions), within a few edits. Used for regions and profile names typed on the command line.
 */

/** The candidate closest to `value`, at most `maxEdits` away; null when none is that close. */
export function closest(value: string, candidates: Iterable<string>, maxEdits = 3): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const name of candidates) {
    const distance = editDistance(value, name);
    if (distance <= maxEdits && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
