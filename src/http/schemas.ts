// Schemas shared by every route: the error shape and common parameters.
import { Type } from '@sinclair/typebox';

export const BilingualText = Type.Object({ vi: Type.String(), en: Type.String() });

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ examples: ['NOT_FOUND'] }),
      message: BilingualText,
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
    requestId: Type.String(),
  },
  { $id: 'ErrorResponse', description: 'Mọi lỗi có cùng dạng / every error has this shape' },
);

export const errorResponses = {
  400: Type.Ref('ErrorResponse'),
  404: Type.Ref('ErrorResponse'),
  500: Type.Ref('ErrorResponse'),
};

/** GSO administrative unit code: 2 digits (province), 3 (district), 5 (commune). */
export const UnitCode = Type.String({ pattern: '^[0-9]{2,5}$', description: 'Mã đơn vị hành chính (GSO)' });

export const IsoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD' });

/** A GeoJSON FeatureCollection, described loosely: geometry follows RFC 7946. */
export const FeatureCollection = Type.Object(
  {
    type: Type.Literal('FeatureCollection'),
    features: Type.Array(Type.Unknown()),
    numberMatched: Type.Optional(Type.Integer()),
    numberReturned: Type.Optional(Type.Integer()),
  },
  { additionalProperties: true },
);
