/**
 * The image block that shows an uploaded chart: it references the Slack file by id, so Slack
 * serves the picture itself (no public URL, works in Socket Mode). `alt_text` is capped at Slack's
 * 2,000 characters; the title (plain text) at 2,000 too.
 * https://docs.slack.dev/reference/block-kit/blocks/image-block
 */
export interface SlackFileImageBlock {
  type: 'image';
  slack_file: { id: string };
  alt_text: string;
  title?: { type: 'plain_text'; text: string };
  block_id?: string;
}

const MAX_TEXT = 2000;

export function slackFileImageBlock(fileId: string, altText: string, options: { title?: string; blockId?: string } = {}): SlackFileImageBlock {
  return {
    type: 'image',
    slack_file: { id: fileId },
    alt_text: altText.slice(0, MAX_TEXT),
    ...(options.title !== undefined ? { title: { type: 'plain_text', text: options.title.slice(0, MAX_TEXT) } } : {}),
    ...(options.blockId !== undefined ? { block_id: options.blockId } : {}),
  };
}
