// OGC API Features (Part 1 Core with GeoJSON, Part 2 CRS by Reference): the documents
// of the landing page, conformance, collections and items, with links absolute to the
// URL the client used (the route passes it: scheme and host, from X-Forwarded-* only when
// the app trusts its proxy).
import type { Database } from '../../db/database.js';
import { AppError } from '../../kernel/app-error.js';
import type { Clock } from '../../kernel/clock.js';
import { COLLECTIONS } from './collections.repo.js';
import { findFeature, findItems, liveExtent, provinceZoneSrids, type CollectionDeclaration } from './features.repo.js';
import { badParameter, CONFORMANCE, CRS84, DEFAULT_LIMIT, epsgUri, parseBbox, parseCrs, parseDatetime, queryString, supportedCrs } from './ogc-params.js';

export const OGC_PREFIX = '/ogc';
export const MEDIA = {
  json: 'application/json',
  geojson: 'application/geo+json',
  openapi: 'application/vnd.oai.openapi+json;version=3.0',
  html: 'text/html',
} as const;

export interface FeaturesDeps {
  db: Database;
  clock: Clock;
}

export interface ItemsRequest {
  bbox?: string | undefined;
  'bbox-crs'?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
  /** keyset paging: the id of the last feature of the previous page (next links carry it) */
  after?: string | undefined;
  datetime?: string | undefined;
  crs?: string | undefined;
  f?: string | undefined;
}

/** A GeoJSON body as text with the CRS of its coordinates (the Content-Crs header). */
export interface GeoJsonAnswer {
  body: string;
  contentCrs: string;
}

interface Link {
  href: string;
  rel: string;
  type: string;
  title: string;
}

const link = (href: string, rel: string, type: string, title: string): Link => ({ href, rel, type, title });
const EXTENT_TTL_MS = 10 * 60_000;

function notFound(what: string, id: string): AppError {
  return new AppError('NOT_FOUND', { vi: `Không có ${what === 'collection' ? 'lớp dữ liệu' : 'đối tượng'} "${id}"`, en: `No ${what} "${id}"` }, { [what === 'collection' ? 'collectionId' : 'featureId']: id });
}

function collectionOf(id: string): CollectionDeclaration {
  const c = COLLECTIONS.find((x) => x.id === id);
  if (!c) throw notFound('collection', id);
  return c;
}

const FEATURE_ID = { uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, bigint: /^[1-9][0-9]{0,17}$/ };

export function createFeaturesService(deps: FeaturesDeps) {
  // zones change only with a reorganisation of units: read once per process
  let zones: Promise<number[]> | undefined;
  const zoneSrids = () => (zones ??= provinceZoneSrids(deps.db).catch((e: unknown) => {
    zones = undefined;
    throw e;
  }));
  const extents = new Map<string, { at: number; value: Promise<[number, number, number, number] | null> }>();
  const extentOf = (c: CollectionDeclaration) => {
    const cached = extents.get(c.id);
    if (cached && Date.now() - cached.at < EXTENT_TTL_MS) return cached.value;
    const value = liveExtent(deps.db, c);
    extents.set(c.id, { at: Date.now(), value });
    value.catch(() => extents.delete(c.id));
    return value;
  };

  async function collectionDocument(base: string, c: CollectionDeclaration) {
    const srids = await zoneSrids();
    const extent = await extentOf(c);
    const url = `${base}${OGC_PREFIX}/collections/${c.id}`;
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      itemType: 'feature',
      ...(extent ? { extent: { spatial: { bbox: [extent], crs: CRS84 } } } : {}),
      crs: supportedCrs(srids),
      // stored in each unit's zone; the province's default zone holds most of it
      storageCrs: c.storedGeometry ? epsgUri(srids[0]!) : CRS84,
      links: [
        link(url, 'self', MEDIA.json, 'Mô tả lớp dữ liệu / this collection'),
        link(`${url}/items`, 'items', MEDIA.geojson, 'Các đối tượng (GeoJSON) / the features'),
        link(`${base}${OGC_PREFIX}/collections`, 'parent', MEDIA.json, 'Các lớp dữ liệu / all collections'),
      ],
    };
  }

  return {
    landingPage(base: string) {
      const root = `${base}${OGC_PREFIX}`;
      return {
        title: 'Hệ thống thông tin đất đai — OGC API Features',
        description: 'Dữ liệu không gian công khai của hệ thống thông tin đất đai cấp tỉnh / public spatial data of the provincial land information system',
        links: [
          link(root, 'self', MEDIA.json, 'Trang này / this document'),
          link(`${base}/api/openapi.json`, 'service-desc', MEDIA.openapi, 'Định nghĩa API (OpenAPI 3) / the API definition'),
          link(`${base}/api/docs`, 'service-doc', MEDIA.html, 'Tài liệu API / API documentation'),
          link(`${root}/conformance`, 'conformance', MEDIA.json, 'Các chuẩn tuân thủ / conformance classes'),
          link(`${root}/collections`, 'data', MEDIA.json, 'Các lớp dữ liệu / collections'),
        ],
      };
    },

    conformance() {
      return { conformsTo: CONFORMANCE };
    },

    async collections(base: string) {
      const collections = await Promise.all(COLLECTIONS.map((c) => collectionDocument(base, c)));
      return {
        links: [link(`${base}${OGC_PREFIX}/collections`, 'self', MEDIA.json, 'Các lớp dữ liệu / collections')],
        crs: supportedCrs(await zoneSrids()),
        collections,
      };
    },

    collection: (base: string, id: string) => collectionDocument(base, collectionOf(id)),

    async items(base: string, id: string, q: ItemsRequest): Promise<GeoJsonAnswer> {
      const c = collectionOf(id);
      const srids = await zoneSrids();
      const crs = parseCrs(q.crs, srids, 'crs');
      const bboxCrs = parseCrs(q['bbox-crs'], srids, 'bbox-crs');
      const bbox = q.bbox !== undefined ? parseBbox(q.bbox, bboxCrs.output) : undefined;
      const time = q.datetime !== undefined ? parseDatetime(q.datetime) : undefined;
      const limit = q.limit ?? DEFAULT_LIMIT;
      const offset = q.offset ?? 0;
      if (q.after !== undefined && !FEATURE_ID[c.key.type].test(q.after)) {
        throw badParameter('after', 'không phải mã đối tượng của lớp này', 'not a feature id of this collection');
      }
      const page = await findItems(deps.db, c, {
        bbox: bbox?.box, bboxSrid: bbox?.srid ?? 4326, limit,
        // a page reached by key starts after it; its offset only numbers it (for prev)
        offset: q.after === undefined ? offset : 0, after: q.after, count: q.after === undefined, time, crs: crs.output,
      });

      const url = `${base}${OGC_PREFIX}/collections/${c.id}/items`;
      // the links repeat what was asked (crs first, as clients that append it compare the text)
      const kept = { crs: q.crs, bbox: q.bbox, 'bbox-crs': q['bbox-crs'], datetime: q.datetime, f: q.f };
      const at = (o: number, after?: string) => `${url}${queryString({ ...kept, limit, offset: o || undefined, after })}`;
      const links = [
        link(at(offset, q.after), 'self', MEDIA.geojson, 'Trang này / this page'),
        link(`${base}${OGC_PREFIX}/collections/${c.id}`, 'collection', MEDIA.json, 'Lớp dữ liệu / the collection'),
      ];
      // next seeks past the last key (fast however deep); offset stays for the numbering and prev
      if (page.more && page.lastKey !== null) links.push(link(at(offset + limit, page.lastKey), 'next', MEDIA.geojson, 'Trang sau / next page'));
      if (offset > 0) links.push(link(at(Math.max(0, offset - limit)), 'prev', MEDIA.geojson, 'Trang trước / previous page'));
      const head = JSON.stringify({
        type: 'FeatureCollection',
        timeStamp: deps.clock.now().toISOString(),
        ...(page.numberMatched !== undefined ? { numberMatched: page.numberMatched } : {}),
        numberReturned: page.numberReturned,
        links,
      });
      return { body: `${head.slice(0, -1)},"features":${page.featuresJson}}`, contentCrs: crs.uri };
    },

    async feature(base: string, id: string, featureId: string, crsParam: string | undefined): Promise<GeoJsonAnswer> {
      const c = collectionOf(id);
      const crs = parseCrs(crsParam, await zoneSrids(), 'crs');
      if (!FEATURE_ID[c.key.type].test(featureId)) throw notFound('feature', featureId);
      const text = await findFeature(deps.db, c, featureId, crs.output);
      if (text === undefined) throw notFound('feature', featureId);
      const feature = JSON.parse(text) as Record<string, unknown>;
      const self = `${base}${OGC_PREFIX}/collections/${c.id}/items/${encodeURIComponent(featureId)}${queryString({ crs: crsParam })}`;
      feature.links = [
        link(self, 'self', MEDIA.geojson, 'Đối tượng này / this feature'),
        link(`${base}${OGC_PREFIX}/collections/${c.id}`, 'collection', MEDIA.json, 'Lớp dữ liệu / the collection'),
      ];
      return { body: JSON.stringify(feature), contentCrs: crs.uri };
    },
  };
}

export type FeaturesService = ReturnType<typeof createFeaturesService>;
