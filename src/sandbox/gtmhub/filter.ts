/**
 * The subset of Gtmhub's Mongo-like `filter` that `GET /v2/kpis` understands here: field equality,
 * `$eq`, `$ne`, `$in`, `$nin`, `$exists`, `$regex` (with `$options: 'i'`), `$and`, `$or`. Dotted paths
 * (`insightLink.insightName`) reach into objects. As in MongoDB, a condition on an array field
 * (`groups`, `ownerIds`) matches when any element matches.
 */
import { badRequest } from './errors.js';

export type Predicate = (doc: Record<string, unknown>) => boolean;

/** Parses the `filter` query parameter; throws a 400 for JSON or operators it cannot use. */
export function parseFilter(text: string): Predicate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw badRequest('filter is not valid JSON: send a JSON object such as {"name":{"$regex":"rev","$options":"i"}}.');
  }
  return compileDocument(parsed);
}

function compileDocument(filter: unknown): Predicate {
  if (!isPlainObject(filter)) throw badRequest('filter must be a JSON object.');
  const parts: Predicate[] = Object.entries(filter).map(([key, condition]) => {
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition) || condition.length === 0) {
        throw badRequest(`${key} takes a non-empty array of filters.`);
      }
      const subs = condition.map(compileDocument);
      return key === '$and' ? (doc) => subs.every((p) => p(doc)) : (doc) => subs.some((p) => p(doc));
    }
    if (key.startsWith('$')) throw badRequest(`filter operator ${key} is not supported.`);
    return compileField(key.split('.'), condition);
  });
  return (doc) => parts.every((p) => p(doc));
}

function compileField(path: string[], condition: unknown): Predicate {
  const test = isOperatorObject(condition) ? compileOperators(condition) : (value: unknown) => equals(value, condition);
  return (doc) => test(valueAt(doc, path));
}

/** A test on the field's value; arrays match when the whole array or any element passes. */
type ValueTest = (value: unknown) => boolean;

function compileOperators(ops: Record<string, unknown>): ValueTest {
  const options = ops.$options;
  if (options !== undefined && (typeof options !== 'string' || !/^[imsx]*$/.test(options))) {
    throw badRequest('$options must be a string of regex flags such as "i".');
  }
  const tests: ValueTest[] = [];
  for (const [op, arg] of Object.entries(ops)) {
    switch (op) {
      case '$options':
        break;
      case '$eq':
        tests.push((v) => equals(v, arg));
        break;
      case '$ne':
        tests.push((v) => !equals(v, arg));
        break;
      case '$in':
      case '$nin': {
        if (!Array.isArray(arg)) throw badRequest(`${op} takes an array.`);
        const inList: ValueTest = (v) => arg.some((candidate) => equals(v, candidate));
        tests.push(op === '$in' ? inList : (v) => !inList(v));
        break;
      }
      case '$exists':
        tests.push((v) => (v !== undefined) === Boolean(arg));
        break;
      case '$regex': {
        if (typeof arg !== 'string') throw badRequest('$regex takes a string.');
        // JavaScript has no `x` flag; Mongo's `x` only allows whitespace in the pattern, so drop it.
        const flags = (options ?? '').replace('x', '');
        let regex: RegExp;
        try {
          regex = new RegExp(arg, flags);
        } catch {
          throw badRequest(`$regex "${arg}" is not a valid regular expression.`);
        }
        tests.push((v) => anyValue(v, (x) => typeof x === 'string' && regex.test(x)));
        break;
      }
      default:
        throw badRequest(`filter operator ${op} is not supported.`);
    }
  }
  return (value) => tests.every((t) => t(value));
}

function equals(value: unknown, expected: unknown): boolean {
  return anyValue(value, (x) => sameValue(x, expected)) || sameValue(value, expected);
}

/** Mongo's implicit array traversal: a scalar condition on an array tests every element. */
function anyValue(value: unknown, test: (x: unknown) => boolean): boolean {
  return Array.isArray(value) ? value.some(test) : test(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // A missing field equals null, as in MongoDB.
  if ((a === undefined || a === null) && b === null) return true;
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return false;
}

function valueAt(doc: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = doc;
  for (const key of path) {
    if (!isPlainObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

function isOperatorObject(value: unknown): value is Record<string, unknown> {
  return isPlainObject(value) && Object.keys(value).length > 0 && Object.keys(value).every((k) => k.startsWith('$'));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
