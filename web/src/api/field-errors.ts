// What a refusal says about where the fault is: the form field it names (details.field,
// or the first of details.fields for schema failures) and, for geometry faults, a point.
import type { ApiError } from './api-error';

/** The field path without the "body/" prefix and with slashes: "edits/to/0/share". */
export function fieldOfError(error: ApiError): string | null {
  const details = error.details;
  let field: unknown = details.field;
  if (typeof field !== 'string' && Array.isArray(details.fields)) {
    const first = details.fields[0] as { field?: unknown } | undefined;
    field = first?.field;
  }
  if (typeof field !== 'string') return null;
  return field.replace(/^body\/?/, '').replace(/\./g, '/');
}

export function faultLocation(error: ApiError): { lon: number; lat: number } | null {
  const location = error.details.location as { lon?: unknown; lat?: unknown } | undefined;
  if (!location || typeof location.lon !== 'number' || typeof location.lat !== 'number') return null;
  return { lon: location.lon, lat: location.lat };
}
