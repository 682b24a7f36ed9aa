/**
 * Slack gives each user a locale like `en-US`, `de-DE` or `ja-JP` (`users.info` with
 * `include_locale`). Intl throws on a malformed tag and silently uses the host's default for an
 * unknown one; neither is acceptable in a message, so anything Intl does not support becomes `en-US`.
 */
const FALLBACK_LOCALE = 'en-US';
const resolved = new Map<string, string>();

/** `locale` if Intl supports it (`en_US` is read as `en-US`), else `en-US`. */
export function resolveLocale(locale: string | undefined): string {
  if (!locale) return FALLBACK_LOCALE;
  let result = resolved.get(locale);
  if (result === undefined) {
    const tag = locale.replace(/_/g, '-');
    try {
      result = Intl.NumberFormat.supportedLocalesOf([tag]).length > 0 ? tag : FALLBACK_LOCALE;
    } catch {
      result = FALLBACK_LOCALE;
    }
    resolved.set(locale, result);
  }
  return result;
}
