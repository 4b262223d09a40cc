import { truncate } from '../format.ts';
import { describeStatus } from '../status.ts';
import { escapeHtml, STATUS_COLOURS } from './html-text.ts';
import { REPORT_STATUS_ORDER, type ThemeCounts } from './report-model.ts';

const BAR = 22;
const GAP = 10;
const LABEL = 260;
const WIDTH = 760;

/**
 * An inline SVG of stacked bars, one per theme, counting actions by status; each segment shows
 * its count and the legend names the statuses, so it reads in greyscale too.
 */
export function renderStatusChart(themes: readonly ThemeCounts[]): string {
  const max = Math.max(1, ...themes.map((t) => Object.values(t.counts).reduce((a, b) => a + b, 0)));
  const scale = (WIDTH - LABEL - 40) / max;
  const legendY = themes.length * (BAR + GAP) + 16;
  const height = legendY + 30;
  const bars = themes.map((theme, i) => {
    const y = i * (BAR + GAP) + 4;
    let x = LABEL;
    const label = [theme.ref, theme.title].filter(Boolean).join('. ');
    const short = truncate(label, 38);
    const segments = REPORT_STATUS_ORDER.filter((s) => theme.counts[s] > 0).map((s) => {
      const w = theme.counts[s] * scale;
      const c = STATUS_COLOURS[s];
      const seg = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${c.fill}" stroke="#222" stroke-width="0.5"><title>${escapeHtml(`${label}: ${theme.counts[s]} ${describeStatus(s)}`)}</title></rect>${w >= 16 ? `<text x="${(x + w / 2).toFixed(1)}" y="${y + 15}" text-anchor="middle" fill="${c.text}" font-size="12">${theme.counts[s]}</text>` : ''}`;
      x += w;
      return seg;
    });
    return `<g class="theme-bar"><text x="${LABEL - 8}" y="${y + 15}" text-anchor="end" font-size="12">${escapeHtml(short)}</text>${segments.join('')}</g>`;
  });
  let lx = LABEL;
  const legend = REPORT_STATUS_ORDER.map((s) => {
    const item = `<rect x="${lx}" y="${legendY}" width="12" height="12" fill="${STATUS_COLOURS[s].fill}" stroke="#222" stroke-width="0.5"/><text x="${lx + 16}" y="${legendY + 11}" font-size="12">${describeStatus(s)}</text>`;
    lx += 24 + describeStatus(s).length * 7;
    return item;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="status-chart" role="img" aria-label="Actions by status in each theme" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" font-family="system-ui, Arial, sans-serif">${bars.join('')}<g class="legend">${legend.join('')}</g></svg>`;
}
