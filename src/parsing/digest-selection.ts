import type { DigestSelection } from '../digests/types.js';
import { invalid, jsonObjectIn, parsed, type Parsed } from './parsed.js';

/** A stored selection is a few hundred ids at most; far more is not what kpibot wrote. */
const MAX_SELECTION_JSON = 1_000_000;

/**
 * A digest subscription's `selection` column (JSON written by the subscriptions repository) read
 * back: which KPIs a digest covers. A row edited by hand, or written by a future version, is an
 * error rather than a digest that silently covers nothing.
 */
export function parseDigestSelection(text: unknown): Parsed<DigestSelection> {
  const json = jsonObjectIn(text, 'the stored digest selection', MAX_SELECTION_JSON);
  if (!json.ok) return json;
  const { kind, kpiIds, groupIds } = json.value;
  switch (kind) {
    case 'favorites':
      return parsed({ kind });
    case 'kpis': {
      const ids = idsIn(kpiIds);
      return ids ? parsed({ kind, kpiIds: ids }) : invalid('the stored digest selection’s kpiIds are not a list of ids');
    }
    case 'groups': {
      const ids = idsIn(groupIds);
      return ids ? parsed({ kind, groupIds: ids }) : invalid('the stored digest selection’s groupIds are not a list of ids');
    }
    default:
      return invalid(`the stored digest selection has an unknown kind (${String(kind).slice(0, 40)})`);
  }
}

function idsIn(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const ids = value.filter((id): id is string => typeof id === 'string' && id !== '');
  return ids.length === value.length ? ids : undefined;
}
