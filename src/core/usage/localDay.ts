/** `YYYY-MM-DD` of the machine's local calendar day (the budget day of the contract). */
export function localDayKey(d: Date): string {
  const m = d.getMonth() + 1;
  const day = d.getDate();
  return `${d.getFullYear()}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/** Local midnight at the start of the day `daysBack` days before `now`'s day. */
export function startOfLocalDay(now: Date, daysBack = 0): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() - daysBack);
}
