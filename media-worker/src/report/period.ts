/** The last day of a period whose end is exclusive: `2027-01-01` → `2026-12-31`, as people say it. */
export function inclusiveEnd(exclusiveTo: string): string {
  const day = new Date(`${exclusiveTo.slice(0, 10)}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() - 1);
  return day.toISOString().slice(0, 10);
}
