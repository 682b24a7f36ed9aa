import { SlackMethodError } from './errors.js';

/**
 * Decoding of Web API arguments. WebClient sends `application/x-www-form-urlencoded` with every
 * non-scalar argument (blocks, view, metadata, attachments) JSON-encoded inside the form, and
 * every scalar as a string; JSON bodies arrive typed. Handlers read both through these helpers.
 */
export type Args = Record<string, unknown>;

/** Arguments whose value is JSON when sent in a form. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata'] as const;

/** Slack's error for a JSON-valued argument that does not parse, per field. */
const MALFORMED: Record<(typeof JSON_FIELDS)[number], string> = {
  blocks: 'invalid_blocks_format',
  attachments: 'invalid_attachments',
  view: 'invalid_arguments',
  metadata: 'invalid_metadata_format',
};

export function decodeFormBody(raw: string): Args {
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(raw)) args[key] = value;
  return args;
}

/** Parses the JSON-valued fields that came as strings; throws Slack's error for malformed JSON. */
export function decodeJsonFields(args: Args): Args {
  const out: Args = { ...args };
  for (const field of JSON_FIELDS) {
    const value = out[field];
    if (typeof value !== 'string') continue;
    try {
      out[field] = JSON.parse(value);
    } catch {
      throw new SlackMethodError(MALFORMED[field]);
    }
  }
  return out;
}

export function optionalString(args: Args, name: string): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' ? value : String(value);
}

/** A required argument; Slack answers `invalid_arguments` when one is missing. */
export function requiredString(args: Args, name: string, missingError = 'invalid_arguments'): string {
  const value = optionalString(args, name);
  if (value === undefined) throw new SlackMethodError(missingError, { response_metadata: { messages: [`[ERROR] missing required field: ${name}`] } });
  return value;
}

export function optionalBoolean(args: Args, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function optionalInteger(args: Args, name: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'number' ? value : Number.parseInt(String(value), 10);
  if (!Number.isFinite(n)) throw new SlackMethodError('invalid_arguments', { response_metadata: { messages: [`[ERROR] ${name} must be a number`] } });
  return n;
}
