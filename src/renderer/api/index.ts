export { api, bridge, callMethod, desktop } from './instance';
export type { Bridge, ConnectionState } from './bridge';
export { useConnection } from './useConnection';
export { queryClient, useLiveQueries } from './queries';
export { prefetchApiQuery, useApiQuery, useAppInfo, useStages, useUsers } from './hooks';
