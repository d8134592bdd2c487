import { describe, expect, it } from 'vitest';
import { metresPerPixel, nominalScale, roundDown125, scaleBar, scaleBarLabel } from './scale-bar';

describe('S-PORTAL map print: scale bar', () => {
  it('gives the ground resolution of Web Mercator at the centre latitude', () => {
    // zoom 0 at the equator: the whole circumference over 512 pixels
    expect(metresPerPixel(0, 0)).toBeCloseTo(40_075_016.686 / 512, 3);
    // halves with each zoom level and shrinks with cos(latitude)
    expect(metresPerPixel(11.75, 16) / metresPerPixel(11.75, 15)).toBeCloseTo(0.5, 10);
    expect(metresPerPixel(60, 10) / metresPerPixel(0, 10)).toBeCloseTo(0.5, 10);
    // Bình Phước at z16: about 1.17 m per pixel
    expect(metresPerPixel(11.75, 16)).toBeCloseTo(1.1693, 3);
  });

  it('picks a round bar length (1, 2 or 5 × 10ⁿ) that fits', () => {
    expect(roundDown125(0.9)).toBeCloseTo(0.5);
    expect(roundDown125(1)).toBe(1);
    expect(roundDown125(199)).toBe(100);
    expect(roundDown125(4999)).toBe(2000);
    expect(roundDown125(5000)).toBe(5000);
    const bar = scaleBar(1.1693, 300);
    expect(bar.metres).toBe(200);
    expect(bar.pixels).toBeCloseTo(200 / 1.1693, 6);
    expect(bar.pixels).toBeLessThanOrEqual(300);
  });

  it('labels the bar and the nominal scale', () => {
    expect(scaleBarLabel(500, 'vi-VN')).toBe('500 m');
    expect(scaleBarLabel(2500, 'vi-VN')).toBe('2,5 km');
    // 1 km of ground printed 200 mm wide: 1:5 000
    expect(nominalScale(1000, 200)).toBe(5000);
    expect(nominalScale(1234, 200)).toBe(6200);
  });
});
