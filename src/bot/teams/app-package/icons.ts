import { drawImage, encodePng } from './png.ts';

type Colour = readonly [number, number, number, number];
const ACCENT: Colour = [0x3b, 0x2f, 0x80, 255];
const WHITE: Colour = [255, 255, 255, 255];
const CLEAR: Colour = [0, 0, 0, 0];
const RAG: Colour[] = [
  [0xd1, 0x34, 0x38, 255],
  [0xf7, 0xa7, 0x1c, 255],
  [0x10, 0x8a, 0x3e, 255],
];

/** Whether (x, y) lies within `width` of the tick mark drawn in a unit square. */
function onTick(x: number, y: number, width: number): boolean {
  return (
    nearSegment(x, y, [0.22, 0.52], [0.42, 0.72], width) || nearSegment(x, y, [0.42, 0.72], [0.8, 0.3], width)
  );
}

function nearSegment(x: number, y: number, a: [number, number], b: [number, number], width: number): boolean {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const t = Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy)) <= width / 2;
}

/**
 * Teams' full-colour icon (192 × 192): a white tick on the accent colour over three RAG dots.
 * Generated, not drawn by hand, so the package needs no binary assets.
 */
export function renderColorIcon(): Buffer {
  const size = 192;
  return encodePng(
    drawImage(size, size, (px, py) => {
      const [x, y] = [px / size, py / size];
      const dot = RAG.findIndex((_, i) => Math.hypot(x - (0.32 + i * 0.18), y - 0.86) < 0.055);
      if (dot >= 0) return RAG[dot] as Colour;
      return onTick(x, y - 0.06, 0.11) ? WHITE : ACCENT;
    }),
  );
}

/** Teams' outline icon (32 × 32): the tick in white on a transparent background, as Teams requires. */
export function renderOutlineIcon(): Buffer {
  const size = 32;
  return encodePng(drawImage(size, size, (px, py) => (onTick(px / size, py / size, 0.14) ? WHITE : CLEAR)));
}
