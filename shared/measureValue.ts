/**
 * Values typed in an objective's unit: "86%", "12 days", "€1.2m", "1,250 SKUs". One parser for
 * the progress form and the tests, and the one way a value is written back in its unit. Pure.
 *
 * What is read: an optional sign, a number (digits with optional thousands commas and one decimal
 * point), for currencies an optional magnitude (k, m, bn), and the unit itself before or after
 * the number, or nothing. A different unit is an error that says which unit is expected, so a
 * value typed in the wrong unit is never stored as if it were right.
 */

export type ParsedValue = { ok: true; value: number } | { ok: false; error: string };

const CURRENCY_SYMBOLS = ['$', '€', '£', '¥'];
const MAGNITUDES: Record<string, number> = { k: 1e3, m: 1e6, mn: 1e6, bn: 1e9, b: 1e9 };

/** A currency unit: a symbol ("€") or an ISO code ("EUR"). Magnitudes apply only to these. */
export function isCurrencyUnit(unit: string): boolean {
  const u = unit.trim();
  return CURRENCY_SYMBOLS.includes(u) || /^[A-Z]{3}$/.test(u);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** "82%", "6.5% of SKUs", "12 days", "€40", "40 EUR": percent-like and currency symbols hug the number. */
export function formatValue(value: number, unit: string): string {
  const u = unit.trim();
  if (!u) return formatNumber(value);
  if (u.startsWith('%')) return `${formatNumber(value)}${u}`;
  if (CURRENCY_SYMBOLS.includes(u)) return value < 0 ? `-${u}${formatNumber(-value)}` : `${u}${formatNumber(value)}`;
  return `${formatNumber(value)} ${u}`;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Whether `typed` names `unit`: the same words, singular or plural, "%" also as "percent". */
function sameUnit(typed: string, unit: string): boolean {
  const a = norm(typed);
  const b = norm(unit);
  if (a === b) return true;
  if (b.startsWith('%') && (a === '%' || a === 'percent' || a === 'per cent' || a === 'pct')) return true;
  const singular = (s: string) => s.replace(/(?<=\w)s$/, '');
  return singular(a) === singular(b);
}

const NUMBER = String.raw`[-−+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-−+]?\.\d+`;

/** Reads `input` as a value in `unit`; an error says what to type instead. */
export function parseMeasureValue(input: string, unit: string): ParsedValue {
  const example = formatValue(86, unit);
  const text = (input ?? '').trim();
  if (!text) return { ok: false, error: `Enter a value, for example “${example}”.` };
  const u = unit.trim();
  const currency = isCurrencyUnit(u);
  let rest = text;
  // A currency (or any) unit may lead: "€1.2m", "EUR 40".
  let lead = '';
  const sign = /^[-−]/.test(rest) ? -1 : 1;
  if (/^[-−+]/.test(rest)) rest = rest.slice(1).trimStart();
  const leading = /^([^\d.,\s-−+]+)\s*/.exec(rest);
  if (leading) {
    lead = leading[1];
    rest = rest.slice(leading[0].length);
  }
  const m = new RegExp(`^(${NUMBER})\\s*(.*)$`).exec(rest);
  if (!m) return { ok: false, error: `“${text}” is not a number. Type it like “${example}”.` };
  let value = Number(m[1].replace(/,/g, '').replace('−', '-')) * sign;
  let trail = m[2].trim();
  if (currency) {
    const mag = /^(bn|mn|k|m|b)\b\.?\s*(.*)$/i.exec(trail);
    if (mag) {
      value *= MAGNITUDES[mag[1].toLowerCase()];
      trail = mag[2].trim();
    }
  }
  if (!Number.isFinite(value)) return { ok: false, error: `“${text}” is too large a number.` };
  const units = [lead, trail].filter(Boolean);
  if (units.length > 1) return { ok: false, error: `Type the unit once, like “${example}”.` };
  const typed = units[0];
  if (typed && !(u && sameUnit(typed, u))) {
    return {
      ok: false,
      error: u
        ? `“${typed}” is not this objective's unit (${u}). Type it like “${example}”.`
        : `This objective has no unit: type a plain number, like “86”.`,
    };
  }
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}
