// Positive / neutral / negative share of the scored posts: one 100% bar per topic, each segment
// labelled with its glyph (+ · −) and percentage so polarity never depends on colour alone.
import { scaleBand, scaleLinear } from 'd3';
import { formatCount, formatShare } from '../format.js';
import { POLARITIES } from '../palette.js';
import { accessor, frame, layer, titled } from './frame.js';

/** Data: [{label, positive, neutral, negative}] with counts (not shares). */
export function shareChart() {
  let width = 320;
  let rowHeight = 26;
  let labelWidth = 80;
  let label = 'Share of positive, neutral and negative posts';

  function chart(selection) {
    selection.each(function (rows) {
      const height = Math.max(1, rows.length) * (rowHeight + 6) + 4;
      const svg = frame(this, { width, height, label, className: 'share-chart' });
      const innerW = Math.max(10, width - labelWidth - 4);
      const x = scaleLinear().domain([0, 1]).range([0, innerW]);
      const y = scaleBand()
        .domain(rows.map((r) => r.label))
        .range([2, height - 2])
        .paddingInner(0.2);
      const segments = rows.flatMap((r) => {
        const total = r.positive + r.neutral + r.negative;
        let acc = 0;
        return POLARITIES.map((pol) => {
          const share = total ? r[pol.key] / total : 0;
          const seg = { row: r.label, pol, count: r[pol.key], share, x0: acc };
          acc += share;
          return seg;
        });
      });
      layer(svg, 'labels')
        .selectAll('text')
        .data(rows, (r) => r.label)
        .join('text')
        .attr('x', 0)
        .attr('y', (r) => y(r.label) + y.bandwidth() / 2)
        .attr('dy', '0.35em')
        .text((r) => (r.positive + r.neutral + r.negative ? r.label : `${r.label}: no scored posts`));
      const seg = layer(svg, 'segments')
        .attr('transform', `translate(${labelWidth},0)`)
        .selectAll('g.segment')
        .data(segments, (d) => `${d.row}/${d.pol.key}`)
        .join((enter) => {
          const g = enter.append('g').attr('class', 'segment');
          g.append('rect');
          g.append('text').attr('dy', '0.35em');
          return g;
        })
        .attr('data-polarity', (d) => d.pol.key)
        .call(titled, (d) => `${d.row}: ${d.pol.glyph} ${d.pol.label} ${formatShare(d.share)} (${formatCount(d.count)} posts)`);
      seg
        .select('rect')
        .attr('x', (d) => x(d.x0))
        .attr('width', (d) => x(d.share))
        .attr('y', (d) => y(d.row))
        .attr('height', y.bandwidth())
        .attr('fill', (d) => d.pol.color);
      seg
        .select('text')
        .attr('x', (d) => x(d.x0) + 4)
        .attr('y', (d) => y(d.row) + y.bandwidth() / 2)
        .text((d) => (x(d.share) >= 38 ? `${d.pol.glyph}${formatShare(d.share)}` : ''));
    });
  }

  chart.width = accessor(chart, () => width, (v) => (width = v));
  chart.rowHeight = accessor(chart, () => rowHeight, (v) => (rowHeight = v));
  chart.labelWidth = accessor(chart, () => labelWidth, (v) => (labelWidth = v));
  chart.label = accessor(chart, () => label, (v) => (label = v));
  return chart;
}
