/** What the button needs of an infinite query (TanStack's useInfiniteQuery result). */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * "More" under a paged list, shown while there is a next page: fetches it, disabled meanwhile
 * (and saying `busyLabel` then, where given).
 */
export function LoadMoreButton({
  pages,
  label,
  busyLabel,
}: {
  pages: Pages;
  label: string;
  busyLabel?: string;
}) {
  if (!pages.hasNextPage) return null;
  return (
    <button
      type="button"
      className="button"
      disabled={pages.isFetchingNextPage}
      onClick={() => void pages.fetchNextPage()}
    >
      {pages.isFetchingNextPage && busyLabel !== undefined ? busyLabel : label}
    </button>
  );
}
