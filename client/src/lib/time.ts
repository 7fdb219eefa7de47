/** "14:05" today, "12 Mar, 14:05" this year, "12 Mar 2025, 14:05" otherwise. */
export function formatMoment(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(d);
  const sameDay = d.toDateString() === now.toDateString();
  if (sameDay) return `today ${time}`;
  const opts: Intl.DateTimeFormatOptions =
    d.getFullYear() === now.getFullYear()
      ? { day: 'numeric', month: 'short' }
      : { day: 'numeric', month: 'short', year: 'numeric' };
  return `${new Intl.DateTimeFormat('en-GB', opts).format(d)}, ${time}`;
}
