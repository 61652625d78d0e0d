const STANDARD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes standard, padded base64 (RFC 4648 §4) and nothing else: Node's decoder skips
 * junk and ignores non-zero padding bits, so the text must also re-encode to itself. Then
 * every change to the text is a change to the bytes. Undefined when the text is not that.
 */
export function decodeStrictBase64(text: string): Buffer | undefined {
  if (!STANDARD_BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}
