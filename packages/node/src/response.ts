// Writing Corsa's answer on Node's ServerResponse so that the CORS headers are exactly
// that answer whoever writes the response and however: `res.setHeader` before or after
// Corsa, the headers object or array given to `writeHead`, a proxied upstream's headers
// (http-proxy-middleware copies them with setHeader), Express's error handler. Every
// path to the wire goes through `writeHead` (`end()` and `write()` call it implicitly),
// so the answer is applied there, last.
import type { OutgoingHttpHeader, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { type CorsHeaderList, isCorsHeaderName, mergeVary } from '@corsa/core';

const ANSWERS = new WeakMap<ServerResponse, CorsHeaderList>();

/** Removes every `Access-Control-*` and `Corsa-Refusal` header set on `res` so far. */
export function dropForeignCorsHeaders(res: ServerResponse): void {
  for (const name of res.getHeaderNames()) if (isCorsHeaderName(name)) res.removeHeader(name);
}

/** Sets `answer` on `res`: foreign CORS headers removed first, `Vary` merged with what is there. */
function setAnswer(res: ServerResponse, answer: CorsHeaderList): void {
  dropForeignCorsHeaders(res);
  for (let i = 0; i < answer.length; i++) {
    const pair = answer[i] as readonly [string, string];
    if (pair[0] === 'vary') {
      const current = res.getHeader('vary');
      res.setHeader('vary', mergeVary(current === undefined ? null : Array.isArray(current) ? current.join(', ') : String(current), pair[1]));
    } else res.setHeader(pair[0], pair[1]);
  }
}

/**
 * Makes `answer` the CORS headers of whatever response `res` ends up sending: applied in
 * `writeHead`, after the headers passed to it are set (so they cannot bring their own
 * `Access-Control-*`). Informational responses (1xx) pass untouched.
 */
export function ownResponse(res: ServerResponse, answer: CorsHeaderList): void {
  const hooked = ANSWERS.has(res);
  ANSWERS.set(res, answer);
  if (hooked) return;
  const writeHead = res.writeHead;
  res.writeHead = function corsaWriteHead(this: ServerResponse, statusCode: number, ...rest: unknown[]): ServerResponse {
    const statusMessage = typeof rest[0] === 'string' ? rest[0] : undefined;
    const headers = (statusMessage === undefined ? rest[0] : rest[1]) as OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined;
    if (headers !== undefined && headers !== null) setPassedHeaders(this, headers);
    const current = ANSWERS.get(this);
    if (current !== undefined && statusCode >= 200) setAnswer(this, current);
    return statusMessage === undefined
      ? writeHead.call(this, statusCode)
      : (writeHead as (code: number, message: string) => ServerResponse).call(this, statusCode, statusMessage);
  } as ServerResponse['writeHead'];
}

// The headers given to writeHead, set as writeHead itself would set them (they win over
// earlier setHeader calls of the same name), so that the answer is applied over all of them.
function setPassedHeaders(res: ServerResponse, headers: OutgoingHttpHeaders | OutgoingHttpHeader[]): void {
  if (!Array.isArray(headers)) {
    for (const name of Object.keys(headers)) {
      const value = headers[name];
      if (value !== undefined) res.setHeader(name, value);
    }
    return;
  }
  // [name, value, name, value, …] or [[name, value], …]: repeated names become one multi-value header.
  const grouped = new Map<string, { name: string; values: string[] }>();
  const add = (name: string, value: unknown) => {
    const key = name.toLowerCase();
    const entry = grouped.get(key) ?? { name, values: [] };
    entry.values.push(String(value));
    grouped.set(key, entry);
  };
  if (headers.length > 0 && Array.isArray(headers[0])) for (const pair of headers as unknown as [string, unknown][]) add(pair[0], pair[1]);
  else for (let i = 0; i + 1 < headers.length; i += 2) add(String(headers[i]), headers[i + 1]);
  for (const { name, values } of grouped.values()) res.setHeader(name, values.length === 1 ? (values[0] as string) : values);
}

/** Sends a preflight answer: its status and headers, no body, nothing foreign. */
export function sendResponse(res: ServerResponse, response: Response, body?: string): void {
  dropForeignCorsHeaders(res);
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.setHeader('set-cookie', cookies);
  res.end(body);
}
