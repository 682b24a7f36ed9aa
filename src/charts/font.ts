import { createRequire } from 'node:module';

/**
 * The one font every chart is drawn with, loaded from an npm package (Inter, via
 * @expo-google-fonts/inter, which ships plain TTF files resvg can read) rather than from the
 * machine: with system fonts off, the same data gives the same pixels on a laptop, in CI and on
 * Heroku. Resolved once, by path, so a missing package fails at the first render with its name.
 */
export const CHART_FONT_FAMILY = 'Inter';

const require = createRequire(import.meta.url);

let files: string[] | undefined;

/** Paths of the regular and semi-bold faces (titles use the latter). */
export function chartFontFiles(): string[] {
  files ??= [
    require.resolve('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
    require.resolve('@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf'),
  ];
  return files;
}
