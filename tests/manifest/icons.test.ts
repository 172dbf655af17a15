/** The icon generator: PNGs it writes decode back to the declared size, and the committed icons are current. */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ICON_SIZES_PX, encodePng, renderIcon } from '../../scripts/make-icons';
import { readPngSize } from '../../scripts/validate-manifest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Pixel (x, y) of an RGBA PNG written by encodePng (filter type 0 on every row). */
function pixelAt(png: Buffer, sizePx: number, x: number, y: number): number[] {
  const idatLength = png.readUInt32BE(33);
  const rows = inflateSync(png.subarray(41, 41 + idatLength));
  const offset = y * (1 + sizePx * 4) + 1 + x * 4;
  return [...rows.subarray(offset, offset + 4)];
}

describe('make-icons', () => {
  it('encodes PNGs whose IHDR carries the size and whose pixels round-trip', () => {
    const png = encodePng(2, 1, new Uint8Array([255, 0, 0, 255, 0, 0, 255, 128]));
    expect(readPngSize(png)).toEqual({ widthPx: 2, heightPx: 1 });
    expect(pixelAt(png, 2, 1, 0)).toEqual([0, 0, 255, 128]);
  });

  it('draws a transparent corner, the blue square and a white bar', () => {
    const png = encodePng(64, 64, renderIcon(64));
    expect(pixelAt(png, 64, 0, 0)[3]).toBe(0); // rounded corner
    expect(pixelAt(png, 64, 32, 8)).toEqual([15, 108, 189, 255]); // above the middle bar
    expect(pixelAt(png, 64, 47, 40)).toEqual([255, 255, 255, 255]); // inside the tallest bar
  });

  it('rejects a pixel buffer of the wrong length', () => {
    expect(() => encodePng(4, 4, new Uint8Array(10))).toThrow('encodePng: expected 64 bytes, got 10');
  });

  it('the committed assets are exactly what the generator writes', () => {
    for (const sizePx of ICON_SIZES_PX) {
      expect(readFileSync(join(root, 'assets', `icon-${sizePx}.png`)).equals(encodePng(sizePx, sizePx, renderIcon(sizePx)))).toBe(true);
    }
  });
});
