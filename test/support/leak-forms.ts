import { createHash } from 'node:crypto';

/** Every form in which a value could leak: as text, encoded, or as an unkeyed hash. */
export function leakForms(value: string): Map<string, Buffer> {
  const forms = new Map<string, Buffer>();
  const add = (label: string, text: string, encoding: BufferEncoding = 'utf8') =>
    forms.set(label, Buffer.from(text, encoding));
  for (const variant of new Set([value, value.toLowerCase(), value.toUpperCase()])) {
    add(`utf8 ${variant}`, variant);
    add(`utf16 ${variant}`, variant, 'utf16le');
    add(`base64 ${variant}`, Buffer.from(variant).toString('base64').replace(/=+$/, ''));
    add(`base64url ${variant}`, Buffer.from(variant).toString('base64url'));
    add(`hex ${variant}`, Buffer.from(variant).toString('hex'));
    const digest = createHash('sha256').update(variant).digest();
    add(`sha256-hex ${variant}`, digest.toString('hex'));
    add(`sha256-base64url ${variant}`, digest.toString('base64url'));
    forms.set(`sha256-raw ${variant}`, digest);
  }
  return forms;
}
