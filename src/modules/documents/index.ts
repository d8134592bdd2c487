// The face of the documents module (S-SCAN, scanned dossiers): the only file other modules import.
import type { Config } from '../../config/config.js';
import type { DocumentStore } from './document-store.js';
import { createLocalStore } from './local-store.js';
import { createS3Store } from './s3-store.js';

export { registerDocumentRoutes } from './documents.routes.js';
export { uploadDocument, type DocumentsDeps, type DocumentView } from './documents.service.js';
export type { DocumentStore, StoredObject } from './document-store.js';
export { createLocalStore } from './local-store.js';
export { createS3Store, type S3StoreOptions } from './s3-store.js';
export { runIntegrityCheck, lastIntegrityReport, type IntegrityReport } from './integrity.service.js';
export { importFolder, importZip, reportWorkbook, type BulkReport, type BulkFileResult, type BulkStatus } from './bulk-import.service.js';
export { parseScanName } from './bulk-names.js';

/** The store the configuration names: the S3 bucket when one is set, else the local folder. */
export function createDocumentStore(config: Config): DocumentStore {
  const s3 = config.documentsS3;
  if (!s3) return createLocalStore(config.documentsDir);
  return createS3Store({
    bucket: s3.bucket, prefix: s3.prefix, endpoint: s3.endpoint, region: s3.region,
    forcePathStyle: s3.forcePathStyle, credentials: s3.credentials,
  });
}
