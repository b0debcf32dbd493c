const DAY = 86_400_000;

/** "in 45 days", "tomorrow", "today", "12 days overdue": how close a renewal is. */
export function renewalText(renewalAt: number, now: number): string {
  const days = Math.round((renewalAt - now) / DAY);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days > 1) return `in ${days} days`;
  return days === -1 ? '1 day overdue' : `${-days} days overdue`;
}

/** Renewals within 60 days deserve a look; past ones, action. */
export function renewalTone(renewalAt: number, now: number): 'overdue' | 'soon' | undefined {
  if (renewalAt < now - DAY) return 'overdue';
  if (renewalAt < now + 60 * DAY) return 'soon';
  return undefined;
}
