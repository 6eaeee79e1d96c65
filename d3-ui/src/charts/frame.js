// The shared frame of every chart: one responsive <svg role="img"> with an ARIA label and a <title>,
// created on first render and reused (selection.join) on every update.
import { select } from 'd3';

/** Joins the chart's svg into container (a DOM element or selection) and returns it. */
export function frame(container, { width, height, label, className }) {
  const svg = select(container)
    .selectAll('svg.chart')
    .data([null])
    .join((enter) => {
      const s = enter.append('svg').attr('class', `chart ${className}`).attr('role', 'img');
      s.append('title');
      return s;
    })
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('width', width)
    .attr('height', height)
    .attr('aria-label', label);
  svg.select('title').text(label);
  return svg;
}

/** A child <g> of parent with this class, created once. */
export function layer(parent, className) {
  return parent
    .selectAll(`:scope > g.${className}`)
    .data([null])
    .join('g')
    .attr('class', className);
}

/** Puts a <title> with text into every element of the selection (hover text). */
export function titled(selection, text) {
  selection
    .selectAll('title')
    .data((d, i) => [typeof text === 'function' ? text(d, i) : text])
    .join('title')
    .text((t) => t);
  return selection;
}

/** Generates the getter/setter accessor of one closure variable. */
export function accessor(chart, get, set) {
  return function (value) {
    if (!arguments.length) return get();
    set(value);
    return chart;
  };
}
