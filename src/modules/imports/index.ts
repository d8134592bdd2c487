// The face of the imports module (issue #6, contractor deliveries): the only file other modules import.
export { registerImportRoutes, type ImportRouteDeps } from './imports.routes.js';
export {
  cancelBatch, commitBatch, getBatch, rejectBatch, replaceDelivery, report, runPendingImports, uploadDelivery, validate,
  type Caller, type ImportsDeps, type UploadInput,
} from './imports.service.js';
export { reportWorkbook } from './report-workbook.js';
export { TEXT_ENCODINGS, type TextEncoding } from './readers/legacy-vietnamese.js';
