import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseUrls, ResponseUrlError } from '../../src/slack/response-urls.js';

describe('posting to a response_url', () => {
  let server: Server;
  let base = '';
  const received: Array<{ url: string; contentType: string | undefined; body: unknown }> = [];
  const urls = createResponseUrls();
  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => {
        received.push({ url: req.url ?? '', contentType: req.headers['content-type'], body: JSON.parse(text) as unknown });
        res.statusCode = req.url === '/expired' ? 404 : 200;
        res.end(req.url === '/expired' ? 'expired_url' : 'ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await urls.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts the message as JSON, as Bolt’s respond does', async () => {
    const respond = urls.respondTo(`${base}/hook/1`, () => Promise.reject(new Error('Bolt’s respond is not used when there is a response_url')));
    await respond({ response_type: 'ephemeral', text: 'Churn rate 3.0%' });
    await respond('plain text');
    expect(received.slice(-2)).toEqual([
      { url: '/hook/1', contentType: 'application/json', body: { response_type: 'ephemeral', text: 'Churn rate 3.0%' } },
      { url: '/hook/1', contentType: 'application/json', body: { text: 'plain text' } },
    ]);
  });

  it('throws the status of a refused post (an expired response_url), for the caller to handle', async () => {
    const respond = urls.respondTo(`${base}/expired`, () => Promise.resolve());
    const failure = await respond({ text: 'too late' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResponseUrlError);
    expect(failure).toMatchObject({ status: 404 });
  });

  it('uses Bolt’s respond when the request carried no response_url', async () => {
    const sent: unknown[] = [];
    const respond = urls.respondTo(undefined, (message) => Promise.resolve(void sent.push(message)));
    await respond({ text: 'hello' });
    expect(sent).toEqual([{ text: 'hello' }]);
  });
});
