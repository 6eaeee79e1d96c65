// The shared parts of every chart: one responsive <svg role="img"> with an ARIA label and a <title>,
// created on first render and reused (selection.join) on every update; the plot inset by the
// margin; the time axis with UTC hover titles.
import { axisBottom, select } from 'd3';
import { formatTick, formatUtc } from '../format.js';

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

/** The chart's plot: a <g> inset by the margin, and the width and height inside it. */
export function plot(svg, { width, height, margin }) {
  return {
    root: layer(svg, 'plot').attr('transform', `translate(${margin.left},${margin.top})`),
    innerW: Math.max(10, width - margin.left - margin.right),
    innerH: Math.max(10, height - margin.top - margin.bottom),
  };
}

/** The time axis along the bottom of a plot, a tick per ~90 px; each tick's title is its UTC time. */
export function timeAxis(root, x, innerW, innerH) {
  const axis = layer(root, 'x-axis').attr('transform', `translate(0,${innerH})`);
  axis.call(axisBottom(x).ticks(Math.max(2, Math.floor(innerW / 90))).tickFormat(formatTick));
  axis.selectAll('.tick').each(function (d) {
    titled(select(this), formatUtc(d));
  });
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
