// Small text helpers. Everything the app stores is NFC (Vietnamese input methods may
// produce decomposed characters; the core and the fonts expect precomposed ones).

export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** A copy of a JSON-like value with every string in NFC. */
export function deepNfc<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((v) => deepNfc(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = deepNfc(v);
    return out as T;
  }
  return value;
}

/** Vietnamese upper case ("xã Minh Hòa" -> "XÃ MINH HÒA"), kept NFC. */
export function upperVi(s: string): string {
  return nfc(s.toLocaleUpperCase('vi'));
}
