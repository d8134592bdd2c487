// The face of the cadastre module: the only file other modules import.
export { registerCadastreRoutes, MAX_PARCELS_PER_PAGE } from './parcels.routes.js';
export type { ParcelDetail } from './parcels.repo.js';
export { registerChangeRoutes, Edits as ChangeEditsSchema } from './changes.routes.js';
export { registerSearchRoutes } from './search.routes.js';
export { registerVersionRoutes } from './versions.routes.js';
export { registerRecordRoutes } from './records.routes.js';
export { maskPartyName } from './personal-data.js';
// for the sharing services (S-SHARE): the same look-ups, masking and personal-read logging
export { getHolders } from './parcels.service.js'; // getParcel: exported below
export { getCertificate, type CertificateDetail } from './records.service.js';
export { searchCadastre } from './search.service.js';
// for the dossier workflow (#7): prepare a dossier's change, approve it in the dossier's transaction
export { proposeChange, approveChangeInTransaction, cancelChange, type ChangesDeps, type ChangeProposal, type ApprovedChange } from './changes.service.js';
export { CHANGE_TYPES, type ChangeEdits, type ChangeType } from './change-rules.js';
export { getParcel } from './parcels.service.js';
export { getChange } from './changes.repo.js';
// a survey delivery committed as one change transaction (issue #6, imports module)
export { applySurveyImport, type SurveyImport, type SurveyImportResult, type SurveyParcel } from './survey-import.repo.js';
