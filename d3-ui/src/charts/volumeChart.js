// Posts per bucket as bars; compared topics share each bucket's slot side by side.
import { axisLeft, max, scaleBand, scaleLinear, scaleTime } from 'd3';
import { formatCount, formatLocal, formatUtc } from '../format.js';
import { topicColor } from '../palette.js';
import { accessor, frame, layer, plot, timeAxis, titled } from './frame.js';

/** Usage: select(el).datum([{topic, points}]).call(volumeChart().xDomain([from, to]).stepMs(60000)). */
export function volumeChart() {
  let width = 640;
  let height = 120;
  let margin = { top: 8, right: 28, bottom: 24, left: 40 };
  let xDomain = null;
  let stepMs = 60e3;
  let label = 'Posts per bucket';
  let color = (s, i) => topicColor(i);

  function chart(selection) {
    selection.each(function (series) {
      const svg = frame(this, { width, height, label, className: 'volume-chart' });
      const { root, innerW, innerH } = plot(svg, { width, height, margin });
      const all = series.flatMap((s) => s.points);
      const domain = xDomain ?? [all.length ? all[0].start : new Date(), all.length ? new Date(+all[all.length - 1].start + stepMs) : new Date()];
      const x = scaleTime().domain(domain).range([0, innerW]);
      const y = scaleLinear()
        .domain([0, Math.max(1, max(all, (p) => p.count) ?? 0)])
        .nice()
        .range([innerH, 0]);
      const slot = Math.max(1, x(new Date(+domain[0] + stepMs)) - x(domain[0]));
      const sub = scaleBand()
        .domain(series.map((s) => s.topic))
        .range([0, Math.max(1, slot - (slot > 3 ? 1 : 0))]);
      timeAxis(root, x, innerW, innerH);
      layer(root, 'y-axis').call(axisLeft(y).ticks(3).tickFormat(formatCount));

      const bars = series.flatMap((s, i) =>
        s.points
          .filter((p) => p.start >= domain[0] && p.start < domain[1])
          .map((p) => ({ topic: s.topic, color: color(s, i), p })),
      );
      layer(root, 'bars')
        .selectAll('rect')
        .data(bars, (d) => `${d.topic}@${+d.p.start}`)
        .join('rect')
        .attr('data-start', (d) => d.p.start.toISOString())
        .attr('x', (d) => x(d.p.start) + sub(d.topic))
        .attr('width', Math.max(1, sub.bandwidth()))
        .attr('y', (d) => y(d.p.count))
        .attr('height', (d) => innerH - y(d.p.count))
        .attr('fill', (d) => d.color)
        .attr('fill-opacity', 0.8)
        .call(titled, (d) => `${d.topic}: ${formatCount(d.p.count)} posts at ${formatLocal(d.p.start)} (${formatUtc(d.p.start)})`);
    });
  }

  chart.width = accessor(chart, () => width, (v) => (width = v));
  chart.height = accessor(chart, () => height, (v) => (height = v));
  chart.margin = accessor(chart, () => margin, (v) => (margin = v));
  chart.xDomain = accessor(chart, () => xDomain, (v) => (xDomain = v));
  chart.stepMs = accessor(chart, () => stepMs, (v) => (stepMs = v));
  chart.label = accessor(chart, () => label, (v) => (label = v));
  chart.color = accessor(chart, () => color, (v) => (color = v));
  return chart;
}
