/** A YYYY-MM-DD day as a DATE column wants it. */
export const toDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** A DATE column's value back as a YYYY-MM-DD day. */
export const toDay = (date: Date) => date.toISOString().slice(0, 10);
