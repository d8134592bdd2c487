import { describe, expect, it } from 'vitest';
import { downloadName, linkFields, listQuery, uploadForm } from './documents-api';
import { formatSize } from './parcel-documents';

describe('S-SCAN the upload form and sizes in the portal', () => {
  it('puts every metadata field before the file (the server reads no field after it), booleans as text, empty fields left out', () => {
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'giay-chung-nhan.png', { type: 'image/png' });
    const form = uploadForm(
      { documentType: 'certificate', title: 'Giấy chứng nhận', number: '', issuedOn: '2026-03-15', issuer: undefined, containsPersonalData: false, parcelUid: '0b8f6c3e-2d7a-4c1b-9a55-1f2e3d4c5b6a' },
      file,
    );
    const names = [...form.keys()];
    expect(names).toEqual(['documentType', 'title', 'issuedOn', 'containsPersonalData', 'parcelUid', 'file']);
    expect(form.get('containsPersonalData')).toBe('false');
    expect((form.get('file') as File).name).toBe('giay-chung-nhan.png');
  });

  it('shows sizes in bytes, KB and MB in the locale', () => {
    expect(formatSize(94, 'vi-VN')).toBe('94 B');
    expect(formatSize(1536, 'vi-VN')).toBe('1,5 KB');
    expect(formatSize(5 * 1024 * 1024, 'en-GB')).toBe('5 MB');
  });
});

describe('S-SCAN documents of other records and stamped copies in the portal', () => {
  it('names the link field and the list filter of a parcel, a certificate and a change', () => {
    expect(linkFields({ kind: 'certificate', serial: 'CS123456' })).toEqual({ certificateSerial: 'CS123456' });
    expect(listQuery({ kind: 'certificate', serial: 'CS123456' })).toEqual({ certificate: 'CS123456' });
    expect(linkFields({ kind: 'change', changeId: 'c1' })).toEqual({ changeId: 'c1' });
    expect(listQuery({ kind: 'parcel', parcelUid: 'p1' })).toEqual({ parcel: 'p1' });
  });

  it('P4 saves a stamped copy of a scan under a .pdf name, an unstamped file under its own', () => {
    const doc = { id: 'x', documentType: 'identity', fileName: 'cccd.png', mediaType: 'image/png' } as Parameters<typeof downloadName>[0];
    expect(downloadName(doc, 'application/pdf')).toBe('cccd.pdf');
    expect(downloadName(doc, 'image/png')).toBe('cccd.png');
    expect(downloadName({ ...doc, mediaType: 'application/pdf', fileName: 'hd.pdf' }, 'application/pdf')).toBe('hd.pdf');
  });
});
