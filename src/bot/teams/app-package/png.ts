import { crc32, deflateSync } from 'node:zlib';

/** An RGBA image: width × height pixels, 4 bytes each, row by row. */
export type Image = { width: number; height: number; rgba: Uint8Array };

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Encodes an RGBA image as a PNG (8-bit truecolour with alpha, no filtering, zlib-compressed). */
export function encodePng({ width, height, rgba }: Image): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`expected ${width * height * 4} bytes of RGBA`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, no filter method, no interlace
  const rows = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) {
    // Each row starts with its filter type, 0 (none).
    rows.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** Draws an image from a function giving each pixel's colour (sampled 4×4 per pixel for smooth edges). */
export function drawImage(
  width: number,
  height: number,
  colourAt: (x: number, y: number) => readonly [number, number, number, number],
): Image {
  const rgba = new Uint8Array(width * height * 4);
  const samples = 4;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      let [red, green, blue, alpha] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = colourAt(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
          red += r * a;
          green += g * a;
          blue += b * a;
          alpha += a;
        }
      const i = (y * width + x) * 4;
      // Colours are averaged weighted by opacity, so transparent samples do not darken the edges.
      rgba.set(alpha ? [red, green, blue].map((c) => Math.round(c / alpha)) : [0, 0, 0], i);
      rgba[i + 3] = Math.round(alpha / (samples * samples));
    }
  return { width, height, rgba };
}
