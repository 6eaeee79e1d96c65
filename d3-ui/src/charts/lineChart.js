// Mean sentiment over time: one line per topic on shared axes, with a ±1 standard deviation band,
// breaks where buckets are missing (line.defined), and a hover readout in local time and UTC.
import { area, axisLeft, bisector, line, pointer, scaleLinear, scaleTime, select } from 'd3';
import { hasMean, withGaps } from '../data.js';
import { formatCompound, formatCount, formatLocal, formatUtc } from '../format.js';
import { topicColor } from '../palette.js';
import { accessor, frame, layer, plot, timeAxis } from './frame.js';

/** Usage: select(el).datum([{topic, points}]).call(lineChart().width(640).xDomain([from, to])). */
export function lineChart() {
  let width = 640;
  let height = 220;
  let margin = { top: 10, right: 28, bottom: 24, left: 40 };
  let xDomain = null;
  let stepMs = 60e3;
  let band = true;
  let label = 'Mean sentiment over time';
  let color = (s, i) => topicColor(i);

  function chart(selection) {
    selection.each(function (series) {
      const svg = frame(this, { width, height, label, className: 'line-chart' });
      const { root, innerW, innerH } = plot(svg, { width, height, margin });
      const all = series.flatMap((s) => s.points);
      const domain = xDomain ?? [all.length ? all[0].start : new Date(), all.length ? all[all.length - 1].start : new Date()];
      const x = scaleTime().domain(domain).range([0, innerW]);
      const y = scaleLinear().domain([-1, 1]).range([innerH, 0]);

      layer(root, 'zero')
        .selectAll('line')
        .data([0])
        .join('line')
        .attr('x1', 0)
        .attr('x2', innerW)
        .attr('y1', y(0))
        .attr('y2', y(0));
      timeAxis(root, x, innerW, innerH);
      layer(root, 'y-axis').call(axisLeft(y).ticks(5).tickFormat(formatCompound));

      const data = series.map((s, i) => ({ topic: s.topic, color: color(s, i), points: withGaps(s.points, stepMs) }));
      const clamp = (v) => Math.max(-1, Math.min(1, v));
      const bandArea = area()
        .defined(hasMean)
        .x((d) => x(d.start))
        .y0((d) => y(clamp(d.meanCompound - (d.stddev ?? 0))))
        .y1((d) => y(clamp(d.meanCompound + (d.stddev ?? 0))));
      const meanLine = line()
        .defined(hasMean)
        .x((d) => x(d.start))
        .y((d) => y(d.meanCompound));

      layer(root, 'bands')
        .selectAll('path.band')
        .data(band ? data : [], (d) => d.topic)
        .join('path')
        .attr('class', 'band')
        .attr('fill', (d) => d.color)
        .attr('fill-opacity', data.length > 1 ? 0.08 : 0.18)
        .attr('d', (d) => bandArea(d.points));
      layer(root, 'lines')
        .selectAll('path.mean')
        .data(data, (d) => d.topic)
        .join('path')
        .attr('class', 'mean')
        .attr('data-topic', (d) => d.topic)
        .attr('fill', 'none')
        .attr('stroke', (d) => d.color)
        .attr('stroke-width', 2)
        .attr('d', (d) => meanLine(d.points));
      // Lone points (a bucket with no neighbour) would not show as a line: draw them as dots.
      layer(root, 'dots')
        .selectAll('circle')
        .data(
          data.flatMap((s) =>
            s.points.filter((p, i, a) => hasMean(p) && !hasMean(a[i - 1]) && !hasMean(a[i + 1])).map((p) => ({ p, s })),
          ),
          (d) => `${d.s.topic}@${+d.p.start}`,
        )
        .join('circle')
        .attr('r', 2.5)
        .attr('fill', (d) => d.s.color)
        .attr('cx', (d) => x(d.p.start))
        .attr('cy', (d) => y(d.p.meanCompound));

      // Hover readout: the bucket under the pointer in local time, with UTC.
      const focus = layer(root, 'focus').style('display', 'none');
      focus.selectAll('line').data([0]).join('line').attr('y1', 0).attr('y2', innerH);
      const readout = focus.selectAll('text').data([0]).join('text').attr('y', 10);
      const bisect = bisector((d) => d.start).center;
      layer(root, 'overlay')
        .selectAll('rect')
        .data([0])
        .join('rect')
        .attr('width', innerW)
        .attr('height', innerH)
        .attr('fill', 'transparent')
        .on('pointermove', (event) => {
          const [mx] = pointer(event, root.node());
          const t = x.invert(mx);
          const rows = data
            .map((s) => {
              const pts = s.points.filter((p) => !p.gap);
              return pts.length ? { s, p: pts[bisect(pts, t)] } : null;
            })
            .filter(Boolean);
          if (!rows.length) return;
          const at = rows[0].p.start;
          focus.style('display', null).select('line').attr('x1', x(at)).attr('x2', x(at));
          const right = x(at) > innerW / 2;
          readout
            .attr('x', right ? x(at) - 6 : x(at) + 6)
            .attr('text-anchor', right ? 'end' : 'start')
            .text(
              `${formatLocal(at)} (${formatUtc(at)}) · ` +
                rows.map((r) => `${r.s.topic} ${formatCompound(r.p.meanCompound)}, ${formatCount(r.p.count)} posts`).join(' · '),
            );
        })
        .on('pointerleave', () => focus.style('display', 'none'));
    });
  }

  chart.width = accessor(chart, () => width, (v) => (width = v));
  chart.height = accessor(chart, () => height, (v) => (height = v));
  chart.margin = accessor(chart, () => margin, (v) => (margin = v));
  chart.xDomain = accessor(chart, () => xDomain, (v) => (xDomain = v));
  chart.stepMs = accessor(chart, () => stepMs, (v) => (stepMs = v));
  chart.band = accessor(chart, () => band, (v) => (band = v));
  chart.label = accessor(chart, () => label, (v) => (label = v));
  chart.color = accessor(chart, () => color, (v) => (color = v));
  return chart;
}
