/** Instants as the API writes them (UTC, ISO 8601), shortened for reading. */
export function instantText(iso: string | undefined): string {
  if (iso === undefined) return 'open';
  return iso.replace('T', ' ').replace(/\.000Z$/, 'Z');
}

export function laneKeyOf(c: { category: string; recipient: string; purpose: string }): string {
  return `${c.category}|${c.recipient}|${c.purpose}`;
}

/** A form field's text, trimmed; empty when the form has no such text field. */
export function fieldText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value.trim() : '';
}
