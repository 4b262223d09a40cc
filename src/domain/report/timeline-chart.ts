import { describeStatus } from '../status.ts';
import { escapeHtml, STATUS_COLOURS } from './html-text.ts';
import { REPORT_STATUS_ORDER } from './report-model.ts';
import type { StatusPoint } from './status-timeline.ts';

const HEIGHT = 220;
const TOP = 10;
const LEFT = 40;
const WIDTH = 760;

/**
 * An inline SVG of stacked columns, one per month, counting actions by status; segments show their
 * count and the legend names each colour, so it reads without colour too.
 */
export function renderTimelineChart(points: readonly StatusPoint[]): string {
  const max = Math.max(1, ...points.map((p) => Object.values(p.counts).reduce((a, b) => a + b, 0)));
  const step = (WIDTH - LEFT - 10) / Math.max(points.length, 1);
  const column = Math.min(48, step * 0.7);
  const scale = HEIGHT / max;
  const base = TOP + HEIGHT;
  const columns = points.map((point, i) => {
    const x = LEFT + i * step + (step - column) / 2;
    let y = base;
    const segments = REPORT_STATUS_ORDER.filter((s) => point.counts[s] > 0).map((s) => {
      const h = point.counts[s] * scale;
      y -= h;
      const c = STATUS_COLOURS[s];
      const title = escapeHtml(`${point.label}: ${point.counts[s]} ${describeStatus(s)}`);
      const count =
        h >= 14
          ? `<text x="${(x + column / 2).toFixed(1)}" y="${(y + h / 2 + 4).toFixed(1)}" text-anchor="middle" fill="${c.text}" font-size="11">${point.counts[s]}</text>`
          : '';
      return `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${column.toFixed(1)}" height="${h.toFixed(1)}" fill="${c.fill}" stroke="#222" stroke-width="0.5"><title>${title}</title></rect>${count}`;
    });
    const label = `<text x="${(x + column / 2).toFixed(1)}" y="${base + 16}" text-anchor="middle" font-size="11">${escapeHtml(point.label)}</text>`;
    return `<g class="month">${segments.join('')}${label}</g>`;
  });
  const legendY = base + 34;
  let lx = LEFT;
  const legend = REPORT_STATUS_ORDER.map((s) => {
    const item = `<rect x="${lx}" y="${legendY}" width="12" height="12" fill="${STATUS_COLOURS[s].fill}" stroke="#222" stroke-width="0.5"/><text x="${lx + 16}" y="${legendY + 11}" font-size="12">${describeStatus(s)}</text>`;
    lx += 24 + describeStatus(s).length * 7;
    return item;
  });
  const axis = `<line x1="${LEFT - 4}" y1="${base}" x2="${WIDTH - 10}" y2="${base}" stroke="#444"/><text x="${LEFT - 8}" y="${TOP + 10}" text-anchor="end" font-size="11">${max}</text><text x="${LEFT - 8}" y="${base}" text-anchor="end" font-size="11">0</text>`;
  const height = legendY + 24;
  return `<svg xmlns="http://www.w3.org/2000/svg" class="status-timeline" role="img" aria-label="Actions by status at the end of each month" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="system-ui, Arial, sans-serif">${axis}${columns.join('')}<g class="legend">${legend.join('')}</g></svg>`;
}
