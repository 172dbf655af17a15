/**
 * Writes assets/icon-{16,32,64,80,128}.png: the Reversal Lab glyph (three rising bars on a blue
 * rounded square) drawn analytically and encoded as PNG with node:zlib only, so no image tool is needed.
 * Run: npx tsx scripts/make-icons.ts   (the PNGs are committed; re-run only when the glyph changes)
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

export const ICON_SIZES_PX = [16, 32, 64, 80, 128] as const;

type Rgba = [number, number, number, number];
const BACKGROUND: Rgba = [15, 108, 189, 255]; // assumption: Office brand-like blue, reads well on light and dark ribbons
const GLYPH: Rgba = [255, 255, 255, 255];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes straight RGBA pixels (row-major, 4 bytes each) as an 8-bit truecolour+alpha PNG. */
export function encodePng(widthPx: number, heightPx: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== widthPx * heightPx * 4) throw new Error(`encodePng: expected ${widthPx * heightPx * 4} bytes, got ${rgba.length}`);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(widthPx, 0);
  ihdr.writeUInt32BE(heightPx, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type 6 (RGBA), deflate, adaptive filter, no interlace
  const rows = Buffer.alloc(heightPx * (1 + widthPx * 4));
  for (let y = 0; y < heightPx; y++) {
    const rowStart = y * (1 + widthPx * 4);
    rows[rowStart] = 0; // filter type "None": the images are tiny, compression ratio does not matter
    rows.set(rgba.subarray(y * widthPx * 4, (y + 1) * widthPx * 4), rowStart + 1);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Coverage of the glyph at a point in unit coordinates [0,1]^2: 0 outside, 1 background, 2 bar. */
function shapeAt(x: number, y: number): 0 | 1 | 2 {
  const radius = 0.18;
  const cx = Math.min(Math.max(x, radius), 1 - radius);
  const cy = Math.min(Math.max(y, radius), 1 - radius);
  if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) return 0;
  const bars = [
    { left: 0.2, right: 0.36, top: 0.58 },
    { left: 0.42, right: 0.58, top: 0.4 },
    { left: 0.64, right: 0.8, top: 0.2 },
  ];
  const bottom = 0.8;
  return bars.some((b) => x >= b.left && x <= b.right && y >= b.top && y <= bottom) ? 2 : 1;
}

/** Renders the glyph at sizePx with 4x4 supersampling so small sizes stay legible. */
export function renderIcon(sizePx: number): Uint8Array {
  const samples = 4;
  const out = new Uint8Array(sizePx * sizePx * 4);
  for (let py = 0; py < sizePx; py++) {
    for (let px = 0; px < sizePx; px++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const shape = shapeAt((px + (sx + 0.5) / samples) / sizePx, (py + (sy + 0.5) / samples) / sizePx);
          if (shape === 0) continue;
          const colour = shape === 2 ? GLYPH : BACKGROUND;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 255;
        }
      }
      const n = samples * samples;
      const covered = a / 255;
      const offset = (py * sizePx + px) * 4;
      // Straight (non-premultiplied) alpha: colour is the mean over covered samples only.
      out[offset] = covered ? Math.round(r / covered) : 0;
      out[offset + 1] = covered ? Math.round(g / covered) : 0;
      out[offset + 2] = covered ? Math.round(b / covered) : 0;
      out[offset + 3] = Math.round(a / n);
    }
  }
  return out;
}

function main(): void {
  const assetsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets');
  mkdirSync(assetsDir, { recursive: true });
  for (const sizePx of ICON_SIZES_PX) {
    const file = join(assetsDir, `icon-${sizePx}.png`);
    writeFileSync(file, encodePng(sizePx, sizePx, renderIcon(sizePx)));
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
