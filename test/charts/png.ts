import { decode } from 'fast-png';

/** A decoded PNG's size and how many of its pixels are not the white background. */
export interface PngFacts {
  width: number;
  height: number;
  inked: number;
  /** Pixels close to the given colour (the current week's marker, the line). */
  near(rgb: [number, number, number], tolerance?: number): number;
}

export function readPng(png: Uint8Array): PngFacts {
  const image = decode(png);
  const { width, height, channels, data } = image;
  const pixel = (i: number): [number, number, number] => [Number(data[i * channels]), Number(data[i * channels + 1]), Number(data[i * channels + 2])];
  let inked = 0;
  for (let i = 0; i < width * height; i++) {
    const [r, g, b] = pixel(i);
    if (r < 250 || g < 250 || b < 250) inked++;
  }
  return {
    width,
    height,
    inked,
    near: ([r0, g0, b0], tolerance = 24) => {
      let count = 0;
      for (let i = 0; i < width * height; i++) {
        const [r, g, b] = pixel(i);
        if (Math.abs(r - r0) <= tolerance && Math.abs(g - g0) <= tolerance && Math.abs(b - b0) <= tolerance) count++;
      }
      return count;
    },
  };
}
