// Map state in the URL hash, so a link reopens the same view:
//   #map=<zoom>/<lat>/<lon>&unit=<code>&parcel=<unitCode>/<sheet>/<number>&date=<YYYY-MM-DD>
// (date: the map as of that day; absent: the live map).
// Parsing is forgiving: a malformed part is dropped, never an error.

export interface Camera {
  readonly lon: number;
  readonly lat: number;
  readonly zoom: number;
}

export interface UrlParcel {
  readonly unitCode: string;
  readonly sheetNumber: number;
  readonly parcelNumber: number;
}

export interface UrlState {
  readonly camera: Camera | null;
  readonly unitCode: string | null;
  readonly parcel: UrlParcel | null;
  /** the map as of this day (YYYY-MM-DD), or null for the live map */
  readonly mapDate: string | null;
}

export const EMPTY_URL_STATE: UrlState = { camera: null, unitCode: null, parcel: null, mapDate: null };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string | null): string | null {
  if (!value || !ISO_DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

const UNIT_CODE = /^[0-9]{2,5}$/;

function parseCamera(value: string | null): Camera | null {
  if (!value) return null;
  const parts = value.split('/').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n))) return null;
  const [zoom, lat, lon] = parts as [number, number, number];
  if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85 || Math.abs(lon) > 180) return null;
  return { zoom, lat, lon };
}

function parseParcel(value: string | null): UrlParcel | null {
  if (!value) return null;
  const [unitCode, sheet, number, ...rest] = value.split('/');
  if (rest.length > 0 || !unitCode || !UNIT_CODE.test(unitCode)) return null;
  const sheetNumber = Number(sheet);
  const parcelNumber = Number(number);
  if (!Number.isInteger(sheetNumber) || !Number.isInteger(parcelNumber) || sheetNumber < 1 || parcelNumber < 1) return null;
  return { unitCode, sheetNumber, parcelNumber };
}

export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const unit = params.get('unit');
  return {
    camera: parseCamera(params.get('map')),
    unitCode: unit && UNIT_CODE.test(unit) ? unit : null,
    parcel: parseParcel(params.get('parcel')),
    mapDate: parseDate(params.get('date')),
  };
}

export function formatUrlState(state: UrlState): string {
  const parts: string[] = [];
  const { camera, unitCode, parcel, mapDate } = state;
  if (camera) parts.push(`map=${camera.zoom.toFixed(2)}/${camera.lat.toFixed(6)}/${camera.lon.toFixed(6)}`);
  if (unitCode) parts.push(`unit=${unitCode}`);
  if (parcel) parts.push(`parcel=${parcel.unitCode}/${parcel.sheetNumber}/${parcel.parcelNumber}`);
  if (mapDate) parts.push(`date=${mapDate}`);
  return parts.length > 0 ? `#${parts.join('&')}` : '';
}
