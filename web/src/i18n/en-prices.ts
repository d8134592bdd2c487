import type { Translation } from './translation';
import type { viPrices } from './vi-prices';

export const enPrices: Translation<typeof viPrices> = {
  'prices.title': 'Land price (price table)',
  'prices.perM2': 'Price per m²',
  'prices.total': 'Total (for the parcel area)',
  'prices.table': 'Price table',
  'prices.decision': 'Decision no. {number} of {date} by {issuer}',
  'prices.decisionShort': 'Decision no. {number}',
  'prices.segment': 'Road segment',
  'prices.segmentText': '{road}, from {from} to {to}',
  'prices.position': 'Position {position}',
  'prices.coefficient': 'Price adjustment coefficient',
  'prices.specific': 'Specific land price',
};
