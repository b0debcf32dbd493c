import { ApiError } from '../../shared/contract/errors';
import { METHOD_NAMES, splitMethodName } from '../../shared/contract/names';
import type { ApiClient } from '../../shared/contract';
import type { Bridge } from './bridge';

/** `api.deals.create(input)`: one typed function per contract method; errors become `ApiError`. */
export function createApiClient(bridge: Bridge): ApiClient {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const [namespace, name] = splitMethodName(method);
    client[namespace] ??= {};
    client[namespace][name] = async (input?: unknown) => {
      const result = await bridge.call(method, input);
      if (!result.ok) throw ApiError.fromWire(result.error);
      return result.value;
    };
  }
  return client as unknown as ApiClient;
}
