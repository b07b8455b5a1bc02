// The reference app answers /data, /fail, …; here it lives under a prefix (/r, /p).
/** `handler` called with the request's URL without `prefix`. */
export function underPrefix(prefix, handler) {
  return (request) => handler(underPrefix.strip(prefix, request));
}

/** `request` with `prefix` taken off its path (a new Request only when there is one). */
underPrefix.strip = (prefix, request) => {
  const url = new URL(request.url);
  if (!url.pathname.startsWith(`${prefix}/`)) return request;
  url.pathname = url.pathname.slice(prefix.length);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  return new Request(url, { method: request.method, headers: request.headers, ...(hasBody ? { body: request.body, duplex: 'half' } : {}) });
};
