// The S3 client of a backup bucket (LIS_BACKUP_S3_*), set up as the documents store's is.
import { S3Client } from '@aws-sdk/client-s3';
import type { DocumentsS3Config } from '../../config/config.js';

export function createS3Client(s3: DocumentsS3Config): S3Client {
  return new S3Client({
    region: s3.region,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.endpoint ? { endpoint: s3.endpoint } : {}),
    ...(s3.credentials ? { credentials: s3.credentials } : {}),
    // only the SHA-256 checksum we give, no CRC trailers many S3-compatible stores do not know
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}
