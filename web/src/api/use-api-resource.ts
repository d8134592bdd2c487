// Loads one API resource per key (null = nothing to load), aborting the previous request
// when the key changes. Only data for the current key is returned, so a slow answer for
// an old selection can never show up under a new one.
import { useEffect, useRef, useState } from 'react';
import { ApiError, isAbort } from './api-error';

export interface Resource<T> {
  readonly data: T | null;
  readonly loading: boolean;
}

export function useApiResource<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  onError: (error: ApiError) => void,
): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data: T | null; loading: boolean }>({
    key: null,
    data: null,
    loading: false,
  });
  const latest = useRef({ load, onError });
  latest.current = { load, onError };

  useEffect(() => {
    if (key === null) {
      setState({ key, data: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setState({ key, data: null, loading: true });
    latest.current.load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, data, loading: false });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbort(error)) return;
        setState({ key, data: null, loading: false });
        latest.current.onError(error instanceof ApiError ? error : toApiError(error));
      },
    );
    return () => controller.abort();
  }, [key]);

  return state.key === key ? { data: state.data, loading: state.loading } : { data: null, loading: key !== null };
}

function toApiError(error: unknown): ApiError {
  console.error(error);
  return new ApiError('CLIENT', { vi: 'Lỗi không mong muốn trong trình duyệt.', en: 'Unexpected error in the browser.' }, 0);
}
