import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256Hex, sha256HexOfText } from './sha256';

const nodeHex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sha256', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256HexOfText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexOfText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexOfText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto for every length around the block and padding edges', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
      expect(sha256Hex(bytes), `length ${n}`).toBe(nodeHex(bytes));
    }
  });

  it('gives the same digest however the input is split, for bytes and for text', () => {
    const text = 'Bosch (Robert Bosch GmbH),中国,=SUM(A1),\u00e9\n'.repeat(40);
    const bytes = new TextEncoder().encode(text);
    const expected = nodeHex(bytes);
    for (const chunk of [1, 3, 63, 64, 65, 1000]) {
      const h = new Sha256();
      for (let i = 0; i < bytes.length; i += chunk) h.update(bytes.subarray(i, i + chunk));
      expect(h.hex(), `chunks of ${chunk}`).toBe(expected);
    }
    const t = new Sha256();
    for (const line of text.split(/(?<=\n)/)) t.updateText(line);
    expect(t.hex()).toBe(expected);
  });

  it('refuses to be used after its digest is taken', () => {
    const h = new Sha256().update(new Uint8Array([1]));
    h.hex();
    expect(() => h.update(new Uint8Array([2]))).toThrow(/after digest/);
    expect(() => h.hex()).toThrow(/twice/);
  });
});
