/**
 * A digest as plain text, for `npm run due -- --dry-run` (and `npm run digest -- --dry-run`): what each message would say, read
 * from its blocks (sections, fields, context, headers) — not a Block Kit renderer.
 */
import type { DigestSubscription } from '../../../digests/types.js';
import type { RenderedDigest } from './compose.js';

export function digestAsText(subscription: DigestSubscription, content: RenderedDigest): string {
  const header = `── digest ${subscription.id} → channel ${subscription.channelId}, week ${content.period}`;
  if (content.kind === 'skip') return `${header}: not posted (${content.reason})`;
  const parts = content.messages.map((message, index) => {
    const where = index === 0 ? 'message 1 (channel)' : `message ${index + 1} (thread)`;
    const lines = message.blocks.flatMap(blockLines);
    return [`${where}:`, ...(lines.length > 0 ? lines : [message.text]).map((line) => `  ${line}`)].join('\n');
  });
  return [header, ...parts].join('\n');
}

function blockLines(block: unknown): string[] {
  const b = block as { text?: { text?: string }; fields?: Array<{ text?: string }>; elements?: Array<{ text?: string | { text?: string } }> };
  const texts: Array<string | undefined> = [b.text?.text, ...(b.fields ?? []).map((f) => f.text)];
  for (const element of b.elements ?? []) texts.push(typeof element.text === 'string' ? element.text : element.text?.text);
  return texts.filter((t): t is string => typeof t === 'string' && t !== '').flatMap((t) => t.split('\n'));
}
