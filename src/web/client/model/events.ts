/**
 * Applying server-sent events exactly once: EventSource reconnects with
 * Last-Event-ID and the server replays what follows, but an event may still
 * arrive twice around a reconnect; anything with an id at or below the last
 * applied one is dropped.
 */
export class EventGate {
	lastEventId = 0;

	/** True when the event with this id (the SSE `id:` field) should be applied; records it. */
	admit(rawId: string): boolean {
		const id = Number(rawId);
		if (!Number.isFinite(id) || rawId === "") return true;
		if (id <= this.lastEventId) return false;
		this.lastEventId = id;
		return true;
	}
}
