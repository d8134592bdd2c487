import type { Translation } from './translation';
import type { viPlanning } from './vi-planning';

export const enPlanning: Translation<typeof viPlanning> = {
  'planning.title': 'Land-use planning',
  'planning.asOf': 'Plans in force on {date}',
  'planning.none': 'The parcel lies in no zone of a land-use plan in force.',
  'planning.kind.planning': 'Land-use planning',
  'planning.kind.annual_plan': 'Yearly land-use plan',
  'planning.decision': 'Decision {number} of {date} by {authority}',
  'planning.period': 'Period {from} – {to}',
  'planning.zone': 'Zone',
  'planning.landUse': 'Planned land use',
  'planning.area': 'Area',
  'planning.share': 'Share',
  'planning.uncovered': 'Outside every planning zone',
  'planning.notPublic': 'Not public',
  'planning.parcelArea': 'Parcel area (from its geometry) {area}',
};
