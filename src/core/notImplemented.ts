import { ApiError } from '../shared/contract';

/** Scaffolding while a domain is being built: a clear error instead of a missing handler. */
export function notImplemented(method: string): () => never {
  return () => {
    throw new ApiError('internal', `${method} is not available yet`);
  };
}
