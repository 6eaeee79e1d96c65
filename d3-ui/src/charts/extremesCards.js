// Cards of the most positive and most negative posts, linking to the original where there is a URL.
import { select } from 'd3';
import { formatCompound, formatLocal, formatUtc } from '../format.js';
import { NEGATIVE, POSITIVE } from '../palette.js';
import { accessor } from './frame.js';

/** Data: {positive: [post], negative: [post]} as in the extremes contract. */
export function extremesCards() {
  let limit = 3;
  let emptyText = 'No scored posts in this range.';

  function chart(selection) {
    selection.each(function (data) {
      const groups = [
        { pol: POSITIVE, title: 'Most positive', posts: (data?.positive ?? []).slice(0, limit) },
        { pol: NEGATIVE, title: 'Most negative', posts: (data?.negative ?? []).slice(0, limit) },
      ];
      const section = select(this)
        .selectAll('section.extremes')
        .data(groups, (g) => g.pol.key)
        .join((enter) => {
          const s = enter.append('section').attr('class', (g) => `extremes ${g.pol.key}`);
          s.append('h3');
          s.append('ol').attr('class', 'cards');
          return s;
        });
      section
        .select('h3')
        .text((g) => `${g.pol.glyph} ${g.title}`)
        .style('border-color', (g) => g.pol.color);
      section.attr('aria-label', (g) => g.title + ' posts');
      section
        .select('ol')
        .selectAll('li')
        .data(
          (g) => (g.posts.length ? g.posts.map((p) => ({ p, g })) : [{ empty: true, g }]),
          (d) => (d.empty ? 'empty' : d.p.id),
        )
        .join('li')
        .attr('class', (d) => (d.empty ? 'card empty' : `card ${d.g.pol.key}`))
        .style('border-left-color', (d) => d.g.pol.color)
        .each(function (d) {
          const li = select(this);
          li.selectAll('*').remove();
          if (d.empty) {
            li.text(emptyText);
            return;
          }
          const head = li.append('div').attr('class', 'card-head');
          head
            .append('span')
            .attr('class', 'score')
            .attr('aria-label', `compound score ${formatCompound(d.p.compound)}`)
            .text(`${d.g.pol.glyph} ${formatCompound(d.p.compound)}`);
          head.append('span').attr('class', 'author').text(d.p.author?.handle ? `@${d.p.author.handle}` : 'unknown author');
          head
            .append('time')
            .attr('datetime', d.p.createdAt)
            .attr('title', formatUtc(d.p.createdAt))
            .text(formatLocal(d.p.createdAt));
          li.append('p').attr('class', 'text').text(d.p.text);
          if (d.p.url) {
            li.append('a')
              .attr('href', d.p.url)
              .attr('target', '_blank')
              .attr('rel', 'noopener noreferrer')
              .text('Open original');
          }
        });
    });
  }

  chart.limit = accessor(chart, () => limit, (v) => (limit = v));
  chart.emptyText = accessor(chart, () => emptyText, (v) => (emptyText = v));
  return chart;
}
