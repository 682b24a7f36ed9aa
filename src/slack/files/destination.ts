/**
 * Where an uploaded chart is shared, which decides who can see it (docs/slack-files.md):
 * - `conversation`: a channel post, a thread reply or a link unfurl — shared into that
 *   conversation (in the thread of `threadTs` when given), so every member sees the image;
 * - `person`: an ephemeral reply, a modal or the Home tab — shared into the bot's DM with that
 *   person, so nobody else can open a chart meant for one.
 */
export type ChartDestination = { kind: 'conversation'; channel: string; threadTs?: string } | { kind: 'person'; userId: string };

/** A stable text for a destination: part of the re-use key. */
export function destinationKey(destination: ChartDestination): string {
  return destination.kind === 'person' ? `person:${destination.userId}` : `conversation:${destination.channel}:${destination.threadTs ?? ''}`;
}
