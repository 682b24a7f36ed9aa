/**
 * Ids shaped like Gtmhub's (MongoDB ObjectIds, 24 hex digits): 4 bytes of seconds since the epoch,
 * 5 bytes fixed per generator, 3 bytes of counter. Clients must treat them as opaque; the shape only
 * matters so that sandbox data looks like a live account's (`5e8c27e3dcdddaa4addbdee8`).
 */
import { randomHex, type Random } from './random.js';

export type IdGenerator = () => string;

export function createObjectIdGenerator(random: Random, clock: () => Date): IdGenerator {
  const machine = randomHex(random, 10);
  // The counter stays within 0x100000..0xffffff so it always has 6 hex digits without padding, and
  // the time+machine prefix is built once per second: demo data makes half a million ids, and
  // string garbage was most of its generation time.
  let counter = COUNTER_MIN + Math.floor(random() * 0x100000);
  let prefixSecond = -1;
  let prefix = '';
  return () => {
    const seconds = Math.floor(clock().getTime() / 1000) >>> 0;
    if (seconds !== prefixSecond) {
      prefixSecond = seconds;
      prefix = seconds.toString(16).padStart(8, '0') + machine;
    }
    counter = counter >= COUNTER_MAX ? COUNTER_MIN : counter + 1;
    return prefix + counter.toString(16);
  };
}

const COUNTER_MIN = 0x100000;
const COUNTER_MAX = 0xffffff;

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** Whether `text` looks like a Gtmhub id. */
export function isObjectId(text: string): boolean {
  return OBJECT_ID.test(text);
}
