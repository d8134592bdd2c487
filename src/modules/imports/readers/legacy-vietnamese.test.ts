import { describe, expect, it } from 'vitest';
import { decodeText, detectEncoding, encodeText, vietnameseScore } from './legacy-vietnamese.js';

const SAMPLES = [
  'Nguyễn Thị Hoà', 'Thôn Đồng Tâm, xã Tân Lập', 'Đất trồng cây lâu năm', 'Trần Văn Được', 'Ấp Phú Riềng Đỏ, huyện Bù Gia Mập', 'Phường Tân Phú, thành phố Đồng Xoài',
];

describe('Vietnamese text in legacy encodings (issue #6 item 1)', () => {
  it('O11 decodes TCVN3 (ABC) by its table: "Nguyễn" is N g u y 0xD4 n', () => {
    expect(decodeText(Uint8Array.from([0x4e, 0x67, 0x75, 0x79, 0xd4, 0x6e]), 'tcvn3')).toBe('Nguyễn');
    expect(decodeText(Uint8Array.from([0xa7, 0xb8, 0x74]), 'tcvn3')).toBe('Đát');
    expect(decodeText(Uint8Array.from([0xae, 0xca, 0x74]), 'tcvn3')).toBe('đất');
  });

  it('O11 decodes VNI-Windows letters with their mark bytes: "Nguyễn" is N g u y e 0xE3 n', () => {
    expect(decodeText(Uint8Array.from([0x4e, 0x67, 0x75, 0x79, 0x65, 0xe3, 0x6e]), 'vni')).toBe('Nguyễn');
    expect(decodeText(Uint8Array.from([0xd1, 0x61, 0xe4, 0x74]), 'vni')).toBe('Đật');
    expect(decodeText(Uint8Array.from([0x74, 0x68, 0xf6, 0xef]), 'vni')).toBe('thự');
  });

  for (const encoding of ['utf8', 'cp1258', 'vni'] as const) {
    it(`O11 round-trips Vietnamese text through ${encoding}`, () => {
      for (const text of SAMPLES) expect(decodeText(encodeText(text, encoding), encoding)).toBe(text);
    });
  }

  it('O11 round-trips TCVN3 except capital toned letters, which it has no code for (decoded small)', () => {
    expect(decodeText(encodeText('Thôn Đồng Tâm, xã Tân Lập', 'tcvn3'), 'tcvn3')).toBe('Thôn Đồng Tâm, xã Tân Lập');
    expect(decodeText(encodeText('Ấp Phú', 'tcvn3'), 'tcvn3')).toBe('ấp Phú');
  });

  for (const encoding of ['utf8', 'cp1258', 'tcvn3', 'vni'] as const) {
    it(`O11 detects ${encoding} from the bytes of a few fields`, () => {
      expect(detectEncoding(SAMPLES.map((t) => encodeText(t, encoding)))).toBe(encoding);
    });
  }

  it('O11 scores mis-decoded text low', () => {
    const tcvn3 = SAMPLES.map((t) => encodeText(t, 'tcvn3'));
    expect(vietnameseScore(tcvn3.map((b) => decodeText(b, 'cp1258')).join(' '))).toBeLessThan(0.5);
    expect(vietnameseScore(tcvn3.map((b) => decodeText(b, 'tcvn3')).join(' '))).toBe(1);
  });
});
