// The whole picked range (volume area and mean line) with a d3.brush: brushing a sub-range emits
// 'brush' with [from, to] Dates; clearing it emits null. Keyboard: focus the brush, ← → move it,
// + − narrow or widen it, Escape clears it.
import { area, brushX, dispatch, line, max, scaleLinear, scaleTime, select } from 'd3';
import { hasMean, withGaps } from '../data.js';
import { NEUTRAL, topicColor } from '../palette.js';
import { accessor, frame, layer, plot, timeAxis } from './frame.js';

export function overviewChart() {
  let width = 640;
  let height = 90;
  let margin = { top: 6, right: 28, bottom: 22, left: 40 };
  let xDomain = null;
  let stepMs = 60e3;
  let label = 'Overview of the whole range; drag to select a sub-range';
  let x = scaleTime();
  let current = null; // the brushed [from, to] or null
  let brushG = null;
  const brush = brushX();
  const listeners = dispatch('brush');

  function emit(range) {
    current = range;
    listeners.call('brush', chart, range);
  }

  function chart(selection) {
    selection.each(function (series) {
      const svg = frame(this, { width, height, label, className: 'overview-chart' });
      const { root, innerW, innerH } = plot(svg, { width, height, margin });
      const all = series.flatMap((s) => s.points);
      const domain = xDomain ?? [all.length ? all[0].start : new Date(), all.length ? all[all.length - 1].start : new Date()];
      x = scaleTime().domain(domain).range([0, innerW]);
      const yCount = scaleLinear()
        .domain([0, Math.max(1, max(all, (p) => p.count) ?? 0)])
        .range([innerH, 0]);
      const yMean = scaleLinear().domain([-1, 1]).range([innerH, 0]);
      timeAxis(root, x, innerW, innerH);
      const data = series.map((s, i) => ({ topic: s.topic, color: topicColor(i), points: withGaps(s.points, stepMs) }));
      const volume = area()
        .defined((d) => !d.gap)
        .x((d) => x(d.start))
        .y0(innerH)
        .y1((d) => yCount(d.count));
      const mean = line()
        .defined(hasMean)
        .x((d) => x(d.start))
        .y((d) => yMean(d.meanCompound));
      layer(root, 'volume')
        .selectAll('path')
        .data(data, (d) => d.topic)
        .join('path')
        .attr('fill', NEUTRAL.color)
        .attr('fill-opacity', 0.35)
        .attr('d', (d) => volume(d.points));
      layer(root, 'mean')
        .selectAll('path')
        .data(data, (d) => d.topic)
        .join('path')
        .attr('fill', 'none')
        .attr('stroke', (d) => d.color)
        .attr('stroke-width', 1.5)
        .attr('d', (d) => mean(d.points));

      brush.extent([
        [0, 0],
        [innerW, innerH],
      ]);
      brush.on('end', (event) => {
        if (!event.sourceEvent) return; // programmatic moves do not emit
        emit(event.selection ? event.selection.map((px) => x.invert(px)) : null);
      });
      brushG = layer(root, 'brush')
        .attr('tabindex', 0)
        .attr('role', 'slider')
        .attr('aria-label', 'Selected sub-range; arrow keys move it, + and − resize it, Escape clears it')
        .call(brush)
        .on('keydown', (event) => {
          const span = +domain[1] - +domain[0];
          const sel = current ?? domain;
          let [a, b] = [+sel[0], +sel[1]];
          const step = (b - a) * 0.25 || span * 0.05;
          if (event.key === 'ArrowLeft') [a, b] = [a - step, b - step];
          else if (event.key === 'ArrowRight') [a, b] = [a + step, b + step];
          else if (event.key === '+' || event.key === '=') [a, b] = [a + step / 2, b - step / 2];
          else if (event.key === '-') [a, b] = [a - step, b + step];
          else if (event.key === 'Escape') {
            event.preventDefault();
            chart.brushTo(null);
            emit(null);
            return;
          } else return;
          event.preventDefault();
          const width0 = Math.min(b - a, span);
          a = Math.max(+domain[0], Math.min(a, +domain[1] - width0));
          const range = [new Date(a), new Date(a + width0)];
          chart.brushTo(range);
          emit(range);
        });
      chart.brushTo(current);
    });
  }

  /** Shows range as the brush selection (null clears it) without emitting 'brush'. */
  chart.brushTo = function (range) {
    current = range;
    if (brushG) brushG.call(brush.move, range ? range.map((t) => x(t)) : null);
    return chart;
  };
  chart.selection = () => current;
  chart.on = function (type, fn) {
    if (arguments.length < 2) return listeners.on(type);
    listeners.on(type, fn);
    return chart;
  };
  chart.width = accessor(chart, () => width, (v) => (width = v));
  chart.height = accessor(chart, () => height, (v) => (height = v));
  chart.margin = accessor(chart, () => margin, (v) => (margin = v));
  chart.xDomain = accessor(chart, () => xDomain, (v) => (xDomain = v));
  chart.stepMs = accessor(chart, () => stepMs, (v) => (stepMs = v));
  chart.label = accessor(chart, () => label, (v) => (label = v));
  return chart;
}
