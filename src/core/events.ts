import { EVENT_NAMES, type EventName, type EventPayload } from '../shared/contract';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** The core's events, named in the contract; transports forward them to the renderer. */
export class CoreEvents {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event, for transports that forward all of them. */
  onAny(listener: <E extends EventName>(name: E, payload: EventPayload<E>) => void): () => void {
    const unsubscribers = EVENT_NAMES.map((name) =>
      this.on(name, (payload) => listener(name, payload)),
    );
    return () => unsubscribers.forEach((off) => off());
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(payload);
      } catch (error) {
        // A broken listener must not break the write that triggered it.
        console.error(`listener for ${name} failed:`, error);
      }
    }
  }
}
