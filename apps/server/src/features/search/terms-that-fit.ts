/**
 * FerretDB on PostgreSQL makes the MongoDB index on a message's `terms` one btree row holding
 * the whole array, which PostgreSQL refuses past 2,704 bytes after compression (SQLSTATE 54000,
 * "index row size ... exceeds btree ... maximum 2704"). Ordinary messages fit; a long one of many
 * distinct words does not, and failed to send. Then the write is tried again with the first half
 * of the terms, and so on: the message is stored and found by its earlier words. MongoDB indexes
 * each term on its own and never refuses (the library chunks its terms instead: library.terms.ts).
 */
const ROW_TOO_LARGE = /index row size \d+ exceeds/;

export const isIndexRowTooLarge = (err: unknown): boolean =>
  ROW_TOO_LARGE.test(String((err as { message?: unknown } | null)?.message ?? ''));

export async function writeTermsThatFit<T>(
  terms: string[],
  write: (terms: string[]) => Promise<T>,
): Promise<T> {
  for (let kept = terms; ; kept = kept.slice(0, Math.floor(kept.length / 2))) {
    try {
      return await write(kept);
    } catch (err) {
      if (!isIndexRowTooLarge(err) || kept.length <= 1) throw err;
    }
  }
}
