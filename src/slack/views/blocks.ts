/**
 * The limit-safe Block Kit helpers live in `src/blockkit/`, where the digest (which must not
 * depend on the Slack folder) can use them too; this path stays for the views that import it.
 */
export * from '../../blockkit/blocks.js';
