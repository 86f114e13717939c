/** Display helpers shared by the pages. */

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '-';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString();
}

// One formatter for every count: toLocaleString makes a new one per call, which a refresh's
// re-derived counts called thousands of times a second.
const grouped = new Intl.NumberFormat('en-US');

/** "17,040": counts in the app's one language, grouped. */
export function count(n: number): string {
  return grouped.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

/** Member statuses are free strings from AWS: compare without case. */
export function sameStatus(a: string | null | undefined, b: string): boolean {
  return (a ?? '').toLowerCase() === b.toLowerCase();
}
