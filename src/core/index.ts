export { createCore, type Core, type CoreOptions } from './createCore';
export type { CoreContext } from './context';
export { CoreEvents } from './events';
export { Store } from './store/store';
export { FileSecretStore, MemorySecretStore, type SecretStore } from './secrets';
