/**
 * A time as people read it in a message that is read later, in any time
 * zone: `Tue, 1 Dec 2026, 10:59 UTC`.
 */
export function readableTime(iso: string | undefined): string {
  const date = iso ? new Date(iso) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    return 'its expiry';
  }
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
  return `${text} UTC`;
}
