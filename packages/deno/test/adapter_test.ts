// Deno-only behaviour of @corsa/deno, run by `deno test` (the Deno binary from npm).
// Assertions are hand-written: the machine reaches no module registry but npm's.
import { withCors } from '../src/index.ts';

const APP = 'https://app.example';
const POLICY = { origins: [APP], credentials: true } as const;

function assertEquals(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: expected ${String(expected)}, got ${String(actual)}`);
}

Deno.test('a test may set Origin on a Request (Deno forbids no request header)', () => {
  assertEquals(new Request('http://x/', { headers: { origin: APP } }).headers.get('origin'), APP, 'origin');
});

Deno.test('Deno enforces immutable headers on Response.redirect(), and withCors copes', async () => {
  const redirect = Response.redirect('https://app.example/next', 302);
  let threw = false;
  try {
    redirect.headers.set('x', '1');
  } catch (error) {
    threw = error instanceof TypeError;
  }
  assertEquals(threw, true, 'Response.redirect headers are immutable');
  const handler = withCors(POLICY, () => redirect);
  const response = await handler(new Request('http://x/', { headers: { origin: APP } }), {});
  assertEquals(response.status, 302, 'status');
  assertEquals(response.headers.get('access-control-allow-origin'), APP, 'ACAO');
});

Deno.test("Deno.serve's info argument is passed on to the handler", async () => {
  let seenRemote = '';
  const server = Deno.serve(
    { hostname: '127.0.0.1', port: 0, onListen: () => {} },
    withCors(POLICY, (_request, info: Deno.ServeHandlerInfo<Deno.NetAddr>) => {
      seenRemote = info.remoteAddr.hostname;
      return new Response('ok');
    }),
  );
  const response = await fetch(`http://127.0.0.1:${server.addr.port}/`, { headers: { origin: APP } });
  assertEquals(await response.text(), 'ok', 'body');
  assertEquals(response.headers.get('access-control-allow-origin'), APP, 'ACAO');
  assertEquals(seenRemote, '127.0.0.1', 'info.remoteAddr.hostname');
  await server.shutdown();
});

Deno.test('the 101 response of Deno.upgradeWebSocket passes untouched', async () => {
  let upgrade: Response | undefined;
  const handler = withCors(POLICY, (request: Request) => {
    const { socket, response } = Deno.upgradeWebSocket(request);
    socket.onmessage = (event) => socket.send(`echo ${event.data}`);
    upgrade = response;
    return response;
  });
  let returned: Response | undefined;
  const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: () => {} }, async (request, info) => {
    returned = await handler(request, info);
    return returned;
  });
  // A raw upgrade request, so that it can carry an Origin header as a browser's does.
  const connection = await Deno.connect({ hostname: '127.0.0.1', port: server.addr.port });
  await connection.write(
    new TextEncoder().encode(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nOrigin: ${APP}\r\n\r\n`,
    ),
  );
  const buffer = new Uint8Array(4096);
  const read = await connection.read(buffer);
  const head = new TextDecoder().decode(buffer.subarray(0, read ?? 0));
  assertEquals(head.startsWith('HTTP/1.1 101'), true, `status line of ${JSON.stringify(head)}`);
  assertEquals(/access-control-/i.test(head), false, 'no CORS header on the upgrade');
  assertEquals(returned === upgrade, true, 'withCors returned the very response upgradeWebSocket made');
  connection.close();
  await server.shutdown();
});

Deno.test('the deno serve form keeps the other properties and this', async () => {
  const app = {
    greeting: 'hello',
    fetch(this: { greeting: string }, _request: Request) {
      return new Response(this.greeting);
    },
  };
  const wrapped = withCors(POLICY, app);
  assertEquals(wrapped.greeting, 'hello', 'kept property');
  const response = await wrapped.fetch(new Request('http://x/', { headers: { origin: APP } }));
  assertEquals(await response.text(), 'hello', 'this bound');
  assertEquals(response.headers.get('access-control-allow-origin'), APP, 'ACAO');
});

Deno.test('the deno serve form keeps class methods (onListen) bound to the instance, private fields included', async () => {
  class Server {
    #greeting = 'hello from a class';
    listened = 0;
    fetch(_request: Request): Response {
      return new Response(this.#greeting);
    }
    onListen(): void {
      this.listened++;
    }
  }
  const server = new Server();
  const wrapped = withCors(POLICY, server) as Server;
  assertEquals(typeof wrapped.onListen, 'function', 'onListen kept');
  wrapped.onListen();
  assertEquals(server.listened, 1, 'onListen ran on the instance');
  const response = await wrapped.fetch(new Request('http://x/', { headers: { origin: APP } }));
  assertEquals(await response.text(), 'hello from a class', 'fetch reached the private field');
  assertEquals(response.headers.get('access-control-allow-origin'), APP, 'ACAO');
});

Deno.test('a preflight never reaches the handler', async () => {
  let runs = 0;
  const handler = withCors(POLICY, () => (runs++, new Response('ok')));
  const response = await handler(new Request('http://x/', { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT' } }), {});
  assertEquals(response.status, 204, 'status');
  assertEquals(runs, 0, 'handler runs');
});

Deno.test('megabyte request headers, built in-process (no server limit in the way), are refused without throwing', async () => {
  const handler = withCors({ origins: [APP], allowHeaders: ['content-type'] }, () => new Response('ok'));
  const mib = 1024 * 1024;
  for (const junk of [','.repeat(mib), ' x'.repeat(mib / 2), 'x'.repeat(mib)]) {
    const response = await handler(
      new Request('http://x/', { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'PUT', 'access-control-request-headers': junk } }),
      {},
    );
    assertEquals(response.status, 403, 'status');
  }
  const longOrigin = await handler(new Request('http://x/', { headers: { origin: `https://${'a'.repeat(64 * 1024)}.example` } }), {});
  assertEquals(longOrigin.headers.get('access-control-allow-origin'), null, 'ACAO for a 64 KiB Origin');
});

Deno.test('a source returning one object mutated per request: each request gets the policy of what it holds then', async () => {
  const shared: { origins: string[]; credentials: boolean } = { origins: [], credentials: true };
  const handler = withCors(
    (request: Request) => {
      shared.origins = [`https://${new URL(request.url).hostname.split('.')[0]}.example`];
      return shared;
    },
    () => new Response('ok'),
  );
  const ask = async (tenant: string, origin: string) =>
    (await handler(new Request(`http://${tenant}.api.example/`, { headers: { origin } }), {})).headers.get('access-control-allow-origin');
  assertEquals(await ask('a', 'https://a.example'), 'https://a.example', "tenant a's own origin");
  assertEquals(await ask('b', 'https://a.example'), null, "tenant a's origin on tenant b");
  assertEquals(await ask('b', 'https://b.example'), 'https://b.example', "tenant b's own origin");
});

Deno.test('a handler that throws: a 500 with the CORS answer (the error logged, as Deno logs an uncaught one)', async () => {
  const original = console.error;
  const logged: unknown[] = [];
  console.error = (error: unknown) => void logged.push(error);
  try {
    const handler = withCors(POLICY, async () => {
      await Promise.resolve();
      throw new Error('boom');
    });
    const response = await handler(new Request('http://x/', { headers: { origin: APP } }), {});
    assertEquals(response.status, 500, 'status');
    assertEquals(response.headers.get('access-control-allow-origin'), APP, 'ACAO');
    assertEquals((logged[0] as Error).message, 'boom', 'logged error');
  } finally {
    console.error = original;
  }
});

Deno.test('a response from the Cache API (immutable headers in Deno) gets the CORS answer, body intact', async () => {
  const cache = await caches.open('corsa-test');
  const key = new Request('http://x/cached');
  await cache.put(key, new Response('from cache', { headers: { 'x-cached': 'yes' } }));
  const handler = withCors(POLICY, async () => (await cache.match(key)) as Response);
  const response = await handler(new Request('http://x/cached', { headers: { origin: APP } }), {});
  assertEquals(await response.text(), 'from cache', 'body');
  assertEquals(response.headers.get('x-cached'), 'yes', 'cached header');
  assertEquals(response.headers.get('access-control-allow-origin'), APP, 'ACAO');
  assertEquals(response.headers.get('vary'), 'Origin', 'Vary');
  await caches.delete('corsa-test');
});
