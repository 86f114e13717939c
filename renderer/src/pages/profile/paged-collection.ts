/**
 * The profile page's tables as the Overview's: a page of rows at a time (an administrator may have
 * 10,000 members, an account 10,000 invitations: drawing them all took half a minute and 290,000 DOM
 * nodes), a text filter over what is shown, and a selection that stays across pages and filters.
 * Cloudscape's collection hooks do the filtering, paging and selection.
 */
import { useCollection } from '@cloudscape-design/collection-hooks';
import { count } from '../../lib/format';
import { visible } from '../../lib/visible';

/** Rows per page: a screenful or two, as the Overview's default page. */
export const PROFILE_PAGE_SIZE = 50;

export function usePagedCollection<T>(
  items: readonly T[],
  options: {
    /** The field that names an item (kept selected across pages). */
    trackBy: keyof T & string;
    /** The texts of an item the filter matches (case-insensitive, as shown: escapes included). */
    texts: (item: T) => readonly (string | null)[];
  },
) {
  return useCollection(items as T[], {
    filtering: {
      filteringFunction: (item, text) => {
        const wanted = text.trim().toLowerCase();
        return (
          wanted === '' || options.texts(item).some((t) => t !== null && visible(t).toLowerCase().includes(wanted))
        );
      },
    },
    pagination: { pageSize: PROFILE_PAGE_SIZE },
    selection: { keepSelection: true, trackBy: options.trackBy },
  });
}

/** The header's counter: "(10,000)", or "(12/10,000)" while a filter narrows it. */
export function counterOf(shown: number, total: number): string {
  return shown === total ? `(${count(total)})` : `(${count(shown)}/${count(total)})`;
}
