/** Number formatting for the usage view (pure, shared by the tests). */

/** $1,234.56 / $0.42 / $0.0031 / $0 — small amounts keep two significant digits. */
export function usd(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '$0';
  const abs = Math.abs(v);
  const sign = v < 0 ? '−' : '';
  if (abs >= 100) return `${sign}$${abs.toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
  if (abs >= 0.995) return `${sign}$${abs.toFixed(2)}`;
  if (abs >= 0.01) return `${sign}$${abs.toFixed(2)}`;
  return `${sign}$${abs.toPrecision(2).replace(/0+$/, '').replace(/\.$/, '')}`;
}

/** 950 ms / 1.2 s / 12 s. */
export function ms(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v < 1000) return `${Math.round(v)} ms`;
  if (v < 10_000) return `${(v / 1000).toFixed(1)} s`;
  return `${Math.round(v / 1000)} s`;
}

/** 0.1234 -> 12.3%; 0 -> 0%. */
export function pct(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v === 0) return '0%';
  const p = v * 100;
  return `${p >= 10 ? Math.round(p) : p.toFixed(1)}%`;
}

/** 950 / 12.3k / 4.5M. */
export function count(v: number): string {
  if (v < 1000) return String(Math.round(v));
  if (v < 1_000_000) return `${(v / 1000).toFixed(v < 10_000 ? 1 : 0)}k`;
  return `${(v / 1_000_000).toFixed(v < 10_000_000 ? 1 : 0)}M`;
}

/** A money formatter for an axis whose ticks are `step` apart: just enough decimals to show each tick exactly. */
export function axisUsd(step: number): (v: number) => string {
  let decimals = 0;
  while (decimals < 8 && step > 0 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9 * 10 ** decimals) decimals++;
  return (v) => (v === 0 ? '$0' : `$${v.toFixed(decimals)}`);
}
