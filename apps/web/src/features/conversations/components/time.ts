/** "14.05" today, "23.11. 14.05" earlier this year, with the full date otherwise. */
export function formatTime(iso: string, language: string): string {
  const d = new Date(iso);
  const now = new Date();
  const time = d.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
  if (d.toDateString() === now.toDateString()) return time;
  const date = d.toLocaleDateString(
    language,
    d.getFullYear() === now.getFullYear() ? { day: 'numeric', month: 'numeric' } : undefined,
  );
  return `${date} ${time}`;
}

/** "maanantai 23.11.2026" for the line between days. */
export function formatDay(iso: string, language: string): string {
  return new Date(iso).toLocaleDateString(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
  });
}
