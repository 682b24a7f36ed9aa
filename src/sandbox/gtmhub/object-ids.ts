/**
 * Ids shaped like Gtmhub's (MongoDB ObjectIds, 24 hex digits): 4 bytes of seconds since the epoch,
 * 5 bytes fixed per generator, 3 bytes of counter. Clients must treat them as opaque; the shape only
 * matters so that sandbox data looks like a live account's (`5e8c27e3dcdddaa4addbdee8`).
 */
import { randomHex, type Random } from './random.js';

export type IdGenerator = () => string;

export function createObjectIdGenerator(random: Random, clock: () => Date): IdGenerator {
  const machine = randomHex(random, 10);
  let counter = Math.floor(random() * 0x100000);
  return () => {
    const seconds = Math.floor(clock().getTime() / 1000) >>> 0;
    counter = (counter + 1) % 0x1000000;
    return seconds.toString(16).padStart(8, '0') + machine + counter.toString(16).padStart(6, '0');
  };
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Whether `text` looks like a Gtmhub id. */
export function isObjectId(text: string): boolean {
  return OBJECT_ID.test(text);
}
