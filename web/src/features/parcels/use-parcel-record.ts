// One record of a parcel (holders, history, content…), loaded per key, time and
// revision; a refusal stays with the section that asked.
import { useEffect, useState } from 'react';
import { ApiError, isAbort, type ParcelKey } from '../../api';

export interface Loaded<T> {
  readonly key: string;
  readonly data: T | null;
  readonly error: ApiError | null;
}

export type RecordLoader<T> = (key: ParcelKey, asOf: string | undefined, signal: AbortSignal) => Promise<T>;

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError('CLIENT', { vi: 'Lỗi không mong muốn trong trình duyệt.', en: 'Unexpected error in the browser.' }, 0);
}

/** revision: bumped after a change is approved, so that the record is read again. */
export function useParcelRecord<T>(key: ParcelKey, load: RecordLoader<T>, asOf?: string | null, revision = 0): Loaded<T> | null {
  const id = `${key.unitCode}/${key.sheetNumber}/${key.parcelNumber}@${asOf ?? ''}#${revision}`;
  const [state, setState] = useState<Loaded<T> | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    load(key, asOf ?? undefined, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key: id, data, error: null });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState({ key: id, data: null, error: toApiError(error) });
      },
    );
    return () => controller.abort();
  }, [id]); // the id stands for key, asOf and revision; load is a module function
  return state?.key === id ? state : null;
}
