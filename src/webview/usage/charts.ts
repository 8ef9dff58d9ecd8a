import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import type { TimePoint } from '../../core/usage/view';
import { s } from './dom';
import { axisUsd, ms, usd } from './format';

/** SVG charts drawn from the data; colours come from the theme through CSS classes. */

const W = 640;
const H = 200;
const PAD = { left: 56, right: 12, top: 12, bottom: 28 };

/** Stacked bars of spend per bucket (OpenAI below, private above). */
export function spendChart(points: readonly TimePoint[]): SVGSVGElement {
  const max = niceMax(Math.max(0, ...points.map((p) => p.costUsd.openai + p.costUsd.huggingface)));
  const svg = frame('Spend over time', max, axisUsd(max / 4));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(points.length, 1);
  const barW = Math.max(1, Math.min(28, step * 0.7));
  points.forEach((p, i) => {
    let y = PAD.top + innerH;
    const x = PAD.left + i * step + (step - barW) / 2;
    for (const provider of PROVIDER_IDS) {
      const v = p.costUsd[provider];
      if (!(v > 0) || max === 0) continue;
      const bh = Math.max(1, (v / max) * innerH);
      y -= bh;
      svg.append(s('rect', { x: x.toFixed(1), y: y.toFixed(1), width: barW.toFixed(1), height: bh.toFixed(1), class: `bar ${provider}` },
        s('title', {}, `${p.label}: ${PROVIDERS[provider].shortLabel} ${usd(v)}`)));
    }
  });
  xLabels(svg, points, step);
  return svg;
}

/** Median latency per bucket and provider for one kind of work (inline, or explain/refactor), as lines with dots. */
export function latencyChart(points: readonly TimePoint[], feature: 'inline' | 'chat'): SVGSVGElement {
  const of = (p: TimePoint) => p.latencyP50ByFeature[feature];
  const values = points.flatMap((p) => PROVIDER_IDS.map((pr) => of(p)[pr] ?? 0));
  const max = niceMax(Math.max(0, ...values));
  const svg = frame(`Median latency over time, ${feature === 'inline' ? 'inline completions' : 'explain and refactor'}`, max, ms);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const step = innerW / Math.max(points.length, 1);
  for (const provider of PROVIDER_IDS) {
    const coords: string[] = [];
    points.forEach((p, i) => {
      const v = of(p)[provider];
      if (v === undefined || max === 0) return;
      const x = PAD.left + i * step + step / 2;
      const y = PAD.top + innerH - (v / max) * innerH;
      coords.push(`${x.toFixed(1)},${y.toFixed(1)}`);
      svg.append(s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 3, class: `dot ${provider}` },
        s('title', {}, `${p.label}: ${PROVIDERS[provider].shortLabel} median ${ms(v)}`)));
    });
    if (coords.length > 1) svg.prepend(s('polyline', { points: coords.join(' '), class: `line ${provider}` }));
  }
  xLabels(svg, points, step);
  return svg;
}

function frame(title: string, max: number, fmt: (v: number) => string): SVGSVGElement {
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: 'chart', preserveAspectRatio: 'none' });
  const innerH = H - PAD.top - PAD.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + innerH - (innerH * i) / 4;
    svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y.toFixed(1), y2: y.toFixed(1), class: i === 0 ? 'axis' : 'grid' }));
    svg.append(s('text', { x: PAD.left - 6, y: (y + 4).toFixed(1), class: 'tick', 'text-anchor': 'end' }, fmt((max * i) / 4)));
  }
  return svg;
}

function xLabels(svg: SVGSVGElement, points: readonly TimePoint[], step: number): void {
  // At most ~8 labels, so they never overlap.
  const every = Math.max(1, Math.ceil(points.length / 8));
  points.forEach((p, i) => {
    if (i % every !== 0 && i !== points.length - 1) return;
    if (i !== points.length - 1 && points.length - 1 - i < every / 2 && i % every === 0 && i !== 0) return;
    svg.append(s('text', { x: (PAD.left + i * step + step / 2).toFixed(1), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, p.label));
  });
}

/** A round upper bound for an axis with four ticks: (1, 2, 4, 6, 8, 10) × 10^n, so each tick is round too. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 0;
  const exp = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 4, 6, 8, 10]) if (m * exp >= v * (1 - 1e-12)) return m * exp;
  return 10 * exp;
}
