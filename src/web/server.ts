/**
 * `cgkit web`'s server: node:http on the loopback address only. It serves
 * the page (bundle.ts), streams the session's events (session.ts) as
 * server-sent events on GET /events (resuming after Last-Event-ID), takes
 * keystrokes on POST /input, and answers GET /state with the newest state
 * as JSON. Requests naming another host (a DNS rebinding page) are
 * refused. The emulated host runs in this process, between requests.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { buildClient, pageHtml } from "./bundle.ts";
import { traceEvents } from "./events.ts";
import { type ServerEvent, type SessionOptions, WebSession } from "./session.ts";

export interface WebServerOptions extends SessionOptions {
	/** 0: any free port. */
	readonly port?: number;
	/** A script typed into the terminal once the page's shell is up. */
	readonly script?: string;
	/** How often a changed state is sent (ms). */
	readonly stateMs?: number;
}

export interface WebServer {
	readonly url: string;
	readonly session: WebSession;
	/** End every page's event stream, as a dropped connection would; the pages reconnect and resume. */
	disconnect(): void;
	close(): Promise<void>;
}

const LOOPBACK = "127.0.0.1";

function sse(res: http.ServerResponse, e: ServerEvent): void {
	res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${e.data}\n\n`);
}

/** Host headers a page on this server sends (anything else is another site's page). */
function allowedHost(host: string | undefined, port: number): boolean {
	return host === `${LOOPBACK}:${port}` || host === `localhost:${port}`;
}

function readBody(req: http.IncomingMessage, limit = 1 << 16): Promise<string | null> {
	return new Promise((resolve) => {
		let text = "";
		let size = 0;
		const decoder = new TextDecoder();
		req.on("data", (c: Uint8Array) => {
			size += c.length;
			if (size > limit) {
				resolve(null);
				req.destroy();
				return;
			}
			text += decoder.decode(c, { stream: true });
		});
		req.on("end", () => resolve(text + decoder.decode()));
		req.on("error", () => resolve(null));
	});
}

export async function startWebServer(opts: WebServerOptions = {}): Promise<WebServer> {
	const client = await buildClient();
	const session = new WebSession({ kernelEvents: traceEvents, ...opts });
	const streams = new Set<http.ServerResponse>();
	const server = http.createServer(async (req, res) => {
		const port = (server.address() as AddressInfo).port;
		if (!allowedHost(req.headers.host, port)) {
			res.writeHead(403).end();
			return;
		}
		const url = new URL(req.url ?? "/", `http://${LOOPBACK}`);
		if (req.method === "GET" && url.pathname === "/") {
			res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
			res.end(pageHtml("cgkit web"));
		} else if (req.method === "GET" && url.pathname === "/app.js") {
			res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" });
			res.end(client.js);
		} else if (req.method === "GET" && url.pathname === "/app.css") {
			res.writeHead(200, { "content-type": "text/css; charset=utf-8" });
			res.end(client.css);
		} else if (req.method === "GET" && url.pathname === "/events") {
			const last = Number(req.headers["last-event-id"] ?? url.searchParams.get("lastEventId") ?? 0);
			res.writeHead(200, {
				"content-type": "text/event-stream",
				"cache-control": "no-store",
				connection: "keep-alive",
			});
			res.write("retry: 500\n\n");
			for (const e of session.since(Number.isFinite(last) ? last : 0)) sse(res, e);
			const off = session.subscribe((e) => sse(res, e));
			streams.add(res);
			req.on("close", () => {
				off();
				streams.delete(res);
			});
		} else if (req.method === "POST" && url.pathname === "/input") {
			const body = await readBody(req);
			if (body === null) {
				res.writeHead(413).end();
				return;
			}
			session.input(body);
			res.writeHead(204).end();
		} else if (req.method === "GET" && url.pathname === "/state") {
			session.snapshot();
			res.writeHead(200, { "content-type": "application/json" });
			res.end(session.latestState() ?? "null");
		} else {
			res.writeHead(404).end();
		}
	});
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, LOOPBACK, resolve));
	const port = (server.address() as AddressInfo).port;
	const timers = [setInterval(() => session.snapshot(), opts.stateMs ?? 100)];
	session.snapshot();
	const running = session.run(() => new Promise((r) => setImmediate(r)));
	if (opts.script !== undefined) session.type(opts.script);
	return {
		url: `http://${LOOPBACK}:${port}/`,
		session,
		disconnect() {
			for (const s of streams) s.destroy();
			streams.clear();
		},
		async close() {
			for (const t of timers) clearInterval(t);
			for (const s of streams) s.end();
			session.input("\x04");
			session.close();
			await new Promise<void>((r) => server.close(() => r()));
			void running;
		},
	};
}
