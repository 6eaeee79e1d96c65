// The distribution of compound scores: 20 bins over −1..1, coloured and marked by polarity.
import { axisBottom, axisLeft, max, scaleLinear } from 'd3';
import { formatCompound, formatCount } from '../format.js';
import { NEGATIVE, NEUTRAL, POSITIVE } from '../palette.js';
import { accessor, frame, layer, plot, titled } from './frame.js';

/** Bins that reach into VADER's neutral band (−0.05, +0.05) are neutral grey; others take their polarity colour. */
export function binColor(lo, hi) {
  if (lo >= 0.05 - 1e-9) return POSITIVE.color;
  if (hi <= -0.05 + 1e-9) return NEGATIVE.color;
  return NEUTRAL.color;
}

/** Data: an array of 20 bin counts (the API's histogram). */
export function histogramChart() {
  let width = 320;
  let height = 140;
  let margin = { top: 8, right: 18, bottom: 24, left: 36 };
  let label = 'Distribution of compound scores';

  function chart(selection) {
    selection.each(function (bins) {
      const svg = frame(this, { width, height, label, className: 'histogram-chart' });
      const { root, innerW, innerH } = plot(svg, { width, height, margin });
      const n = bins.length || 20;
      const x = scaleLinear().domain([-1, 1]).range([0, innerW]);
      const y = scaleLinear()
        .domain([0, Math.max(1, max(bins) ?? 0)])
        .nice()
        .range([innerH, 0]);
      layer(root, 'x-axis').attr('transform', `translate(0,${innerH})`).call(axisBottom(x).ticks(4).tickFormat(formatCompound));
      layer(root, 'y-axis').call(axisLeft(y).ticks(3).tickFormat(formatCount));
      const data = bins.map((count, i) => ({ i, count, lo: -1 + (2 * i) / n, hi: -1 + (2 * (i + 1)) / n }));
      layer(root, 'bins')
        .selectAll('rect')
        .data(data, (d) => d.i)
        .join('rect')
        .attr('x', (d) => x(d.lo) + 0.5)
        .attr('width', (d) => Math.max(1, x(d.hi) - x(d.lo) - 1))
        .attr('y', (d) => y(d.count))
        .attr('height', (d) => innerH - y(d.count))
        .attr('fill', (d) => binColor(d.lo, d.hi))
        .call(titled, (d) => `${formatCompound(d.lo)} to ${formatCompound(d.hi)}: ${formatCount(d.count)} posts`);
      const total = bins.reduce((a, b) => a + b, 0);
      layer(root, 'empty')
        .selectAll('text')
        .data(total ? [] : ['no scored posts'])
        .join('text')
        .attr('x', innerW / 2)
        .attr('y', innerH / 2)
        .attr('text-anchor', 'middle')
        .text((d) => d);
    });
  }

  chart.width = accessor(chart, () => width, (v) => (width = v));
  chart.height = accessor(chart, () => height, (v) => (height = v));
  chart.margin = accessor(chart, () => margin, (v) => (margin = v));
  chart.label = accessor(chart, () => label, (v) => (label = v));
  return chart;
}
