/**
 * Descriptions are stored in Gtmhub's `mentionsMarkup`: markdown plus mentions written
 * `@[Jane Doe](user:5e8ed44adcddda0da9eab365)`. `GET /v1/kpis/{id}?formatting=plainText` strips both.
 */

const MENTION = /@\[([^\]]*)\]\((?:user|team):[^)]*\)/g;
const LINK = /\[([^\]]*)\]\([^)]*\)/g;
const EMPHASIS = /(\*\*|\*|~~|`)(?=\S)([^]*?\S)\1/g;
/** Underscores emphasise only at word edges (CommonMark): `snake_case_name` stays as it is. */
const UNDERSCORE_EMPHASIS = /(?<!\w)(__|_)(?=\S)([^]*?\S)\1(?!\w)/g;
const LINE_MARKER = /^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)/gm;

/** The description without mention markup and markdown: `@[Jane Doe](user:…)` → `Jane Doe`. */
export function toPlainText(markup: string): string {
  return markup
    .replace(MENTION, '$1')
    .replace(LINK, '$1')
    .replace(LINE_MARKER, '')
    .replace(UNDERSCORE_EMPHASIS, '$2')
    .replace(EMPHASIS, '$2')
    // Twice: `***bold italic***` is emphasis inside emphasis.
    .replace(EMPHASIS, '$2');
}

/** How a user is written in mentionsMarkup. */
export function mention(name: string, userId: string): string {
  return `@[${name}](user:${userId})`;
}
