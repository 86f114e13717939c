/**
 * A plain-HTTP forward proxy on 127.0.0.1 that can hold one chosen request, so a test knows the exact
 * moment a write is on its way: `before` keeps the request from reaching AWS (the emulator) at all;
 * `after` lets it through, so AWS applies it, and keeps AWS's answer from the app. Either way the test
 * decides what happens next (end the thread that sent it, say), then `release` drops the held
 * connection without an answer. Every other request is forwarded as it comes.
 */
import http from 'node:http';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface HeldRequest {
  method: string;
  path: string;
}

export interface Hold {
  /** Resolves once a matching request has arrived (`before`) or been answered by AWS (`after`). */
  arrived: Promise<HeldRequest>;
  /** Drops the held connection: the app never gets an answer. */
  release(): void;
}

export interface HoldingProxy {
  url: string;
  /** Requests forwarded (method and path), in order; held ones included. */
  seen: HeldRequest[];
  hold(match: (request: HeldRequest) => boolean, when: 'before' | 'after'): Hold;
  stop(): Promise<void>;
}

export async function startHoldingProxy(): Promise<HoldingProxy> {
  const seen: HeldRequest[] = [];
  const sockets = new Set<net.Socket>();
  interface Pending {
    match: (r: HeldRequest) => boolean;
    when: 'before' | 'after';
    arrived(r: HeldRequest): void;
    socket: net.Socket | null;
  }
  let pending: Pending | null = null;

  const server = http.createServer((req, res) => {
    let target: URL;
    try {
      // The first request on a connection names the absolute URL; proxy-agent sends later requests on a
      // kept-alive connection with the path alone, so the Host header completes it.
      target = new URL(req.url ?? '', `http://${req.headers.host}`);
    } catch {
      res.writeHead(400).end();
      return;
    }
    const request = { method: req.method ?? 'GET', path: target.pathname };
    seen.push(request);
    const holding = pending?.match(request) ? pending : null;
    if (holding) {
      pending = null;
      holding.socket = req.socket;
    }
    if (holding?.when === 'before') {
      req.resume();
      holding.arrived(request);
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-connection'];
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: target.pathname + target.search, headers },
      (up) => {
        if (holding) {
          // AWS has answered (and applied the write): the answer is read and kept from the app.
          up.resume();
          up.on('end', () => holding.arrived(request));
          return;
        }
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    hold(match, when) {
      let held: Pending | null = null;
      const arrived = new Promise<HeldRequest>((resolve) => {
        held = { match, when, arrived: resolve, socket: null };
        pending = held;
      });
      return {
        arrived,
        release: () => (held as Pending | null)?.socket?.destroy(),
      };
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
