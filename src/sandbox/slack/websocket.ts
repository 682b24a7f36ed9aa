import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * The server side of a WebSocket (RFC 6455), just enough for the Socket Mode simulator: the
 * upgrade handshake, unfragmented-or-fragmented text frames, ping → pong, and the close handshake.
 * No extensions are negotiated, so frames are never compressed. Written here because the `ws`
 * package is not a dependency of kpibot (the Socket Mode client uses undici's WebSocket).
 */

/** RFC 6455 §1.3: the GUID the server appends to Sec-WebSocket-Key to prove it speaks WebSocket. */
const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface ServerWebSocket {
  sendText(text: string): void;
  /** Starts the close handshake (status 1000); the socket ends when the peer answers. */
  close(): void;
  /** Ends the TCP connection at once, without a close frame. */
  destroy(): void;
  readonly open: boolean;
}

export interface WebSocketHandlers {
  onText(text: string): void;
  onClose(): void;
}

/** Answers the upgrade and starts reading frames; returns undefined (and refuses) when it is no WebSocket request. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, handlers: WebSocketHandlers): ServerWebSocket | undefined {
  const key = req.headers['sec-websocket-key'];
  if (req.headers.upgrade?.toLowerCase() !== 'websocket' || typeof key !== 'string') {
    refuseUpgrade(socket, 400, 'Bad Request');
    return undefined;
  }
  const accept = createHash('sha1').update(`${key}${HANDSHAKE_GUID}`).digest('base64');
  socket.write(['HTTP/1.1 101 Switching Protocols', 'Upgrade: websocket', 'Connection: Upgrade', `Sec-WebSocket-Accept: ${accept}`, '', ''].join('\r\n'));

  let open = true;
  let closeSent = false;
  let buffered = Buffer.alloc(0);
  let fragments: Buffer[] = [];

  const send = (opcode: number, payload: Buffer): void => {
    if (!socket.writable) return;
    socket.write(Buffer.concat([frameHeader(opcode, payload.length), payload]));
  };
  const finish = (): void => {
    if (!open) return;
    open = false;
    socket.destroy();
    handlers.onClose();
  };

  const onFrame = (frame: Frame): void => {
    switch (frame.opcode) {
      case OPCODE.ping:
        send(OPCODE.pong, frame.payload);
        return;
      case OPCODE.pong:
        return;
      case OPCODE.close:
        // The peer started (or answered) the close handshake: echo it once, then hang up.
        if (!closeSent) send(OPCODE.close, frame.payload.subarray(0, 2));
        closeSent = true;
        socket.end();
        finish();
        return;
      default:
        fragments.push(frame.payload);
        if (!frame.fin) return;
        if (frame.opcode === OPCODE.text || frame.opcode === OPCODE.continuation) handlers.onText(Buffer.concat(fragments).toString('utf8'));
        fragments = [];
    }
  };

  const consume = (chunk: Buffer): void => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let frame = readFrame(buffered); frame !== undefined && open; frame = readFrame(buffered)) {
      buffered = buffered.subarray(frame.length);
      onFrame(frame);
    }
  };
  // Bytes that arrived with the upgrade request already belong to the first frames.
  consume(head);
  socket.on('data', consume);
  socket.on('close', finish);
  socket.on('error', finish);

  return {
    sendText: (text) => send(OPCODE.text, Buffer.from(text, 'utf8')),
    close: () => {
      if (!open || closeSent) return;
      closeSent = true;
      const status = Buffer.alloc(2);
      status.writeUInt16BE(1000);
      send(OPCODE.close, status);
    },
    destroy: finish,
    get open() {
      return open;
    },
  };
}

export function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

interface Frame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  /** Bytes the frame took in the stream. */
  length: number;
}

/** One complete frame from the start of `data`, unmasked; undefined while more bytes are needed. */
function readFrame(data: Buffer): Frame | undefined {
  if (data.length < 2) return undefined;
  const fin = (data[0]! & 0x80) !== 0;
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  let size = data[1]! & 0x7f;
  let offset = 2;
  if (size === 126) {
    if (data.length < 4) return undefined;
    size = data.readUInt16BE(2);
    offset = 4;
  } else if (size === 127) {
    if (data.length < 10) return undefined;
    size = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  // Clients must mask every frame (RFC 6455 §5.3); the mask is 4 bytes before the payload.
  const maskOffset = offset;
  if (masked) offset += 4;
  if (data.length < offset + size) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + size));
  if (masked) for (let i = 0; i < payload.length; i += 1) payload[i]! ^= data[maskOffset + (i % 4)]!;
  return { fin, opcode, payload, length: offset + size };
}

/** A server frame's header: FIN set, never masked (servers must not mask, RFC 6455 §5.1). */
function frameHeader(opcode: number, size: number): Buffer {
  if (size < 126) return Buffer.from([0x80 | opcode, size]);
  if (size < 0x10000) {
    const header = Buffer.from([0x80 | opcode, 126, 0, 0]);
    header.writeUInt16BE(size, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(size), 2);
  return header;
}
