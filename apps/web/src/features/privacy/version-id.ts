/** Today's date (UTC, as the server dates versions), or with a suffix when today already has one. */
export function freeVersionId(
  taken: readonly string[],
  day = new Date().toISOString().slice(0, 10),
): string {
  if (!taken.includes(day)) return day;
  let n = 2;
  while (taken.includes(`${day}-${n}`)) n++;
  return `${day}-${n}`;
}
