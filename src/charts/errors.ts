/** A chart could not be drawn (bad input the caller should have caught, or the renderer failed). */
export class ChartRenderError extends Error {
  readonly code = 'chart_render_failed' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChartRenderError';
  }
}
