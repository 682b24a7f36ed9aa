import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimWorkspace } from '../workspace.js';
import { filesOf, UPLOAD_PATH_PREFIX } from './files-state.js';

/**
 * Step 2 of Slack's upload flow: the bytes POSTed to the upload URL, raw or as a multipart form
 * ("Files can be sent as raw bytes or can be multipart form encoded"). Slack answers 200 with a
 * short text when it took the bytes and a non-200 status otherwise; no token is needed, the URL
 * itself is the secret. Returns false when the request is not an upload, so the server routes it on.
 */
export async function handleFileUpload(req: IncomingMessage, res: ServerResponse, path: string, ws: SimWorkspace): Promise<boolean> {
  if (req.method !== 'POST' || !path.startsWith(UPLOAD_PATH_PREFIX)) return false;
  const body = await readRaw(req);
  const file = filesOf(ws).byUploadToken(path.slice(UPLOAD_PATH_PREFIX.length));
  if (file === undefined || file.bytes !== undefined) {
    reply(res, 404, 'upload URL unknown or already used');
    return true;
  }
  const bytes = fileBytes(req.headers['content-type'] ?? '', body);
  if (bytes === undefined) {
    reply(res, 400, 'no file in the multipart form');
    return true;
  }
  if (bytes.length !== file.declaredLength) {
    reply(res, 400, `length mismatch: ${bytes.length} bytes sent, ${file.declaredLength} announced`);
    return true;
  }
  file.bytes = bytes;
  reply(res, 200, `OK - ${bytes.length}`);
  return true;
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function readRaw(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The raw body, or the first part of a multipart form that carries a file (`filename=` in its header). */
function fileBytes(contentType: string, body: Buffer): Buffer | undefined {
  const boundary = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary === undefined) return body;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // after CRLF, before CRLF
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0 && /filename=/i.test(part.subarray(0, headerEnd).toString('utf8'))) return Buffer.from(part.subarray(headerEnd + 4));
    start = next;
  }
  return undefined;
}
