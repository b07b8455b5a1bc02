// What every example prints when it starts: where it listens, what its CORS policy allows,
// and commands to try. Plain strings, so Node, Deno and Bun share it.

/** The part of the options the banner reports. */
export interface BannerPolicy {
  readonly origins?: unknown;
  readonly credentials?: boolean;
  readonly debug?: boolean;
}

/** The start-up text: `Listening on <base>`, the policy, and curl / corsa check lines. */
export function banner(title: string, base: string, policy: BannerPolicy): string {
  const origins = Array.isArray(policy.origins) ? policy.origins.join(', ') : String(policy.origins);
  return `${title}: listening on ${base}
  CORS: origins ${origins}; credentials ${policy.credentials ? 'on' : 'off'}; debug ${policy.debug ? 'on (refusals say why in Corsa-Refusal; set CORS_DEBUG=false in production)' : 'off'}
  Configure with CORS_ORIGINS, CORS_CREDENTIALS, CORS_DEBUG, … and PORT.
Try it:
  curl -i ${base}/api/hello -H 'Origin: http://localhost:5173'
  curl -i -X OPTIONS ${base}/api/items/1 -H 'Origin: http://localhost:5173' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type'
  curl -i -X OPTIONS ${base}/api/items/1 -H 'Origin: https://evil.example' -H 'Access-Control-Request-Method: PUT'   # refused
  npx corsa check ${base}/api/items/1 --origin http://localhost:5173 --method PUT --header 'Content-Type: application/json'`;
}

/** The message for a port another server holds, instead of the runtime's stack trace. */
export function portInUse(port: number, command: string): string {
  return `Port ${port} is in use (another example, the lab, wrangler dev?). Stop that server, or pick another port: PORT=${port + 10} ${command}`;
}

/** The defaults every example runs with when no CORS_* variable says otherwise: local development. */
export const LOCAL_DEVELOPMENT = { CORS_ORIGINS: 'http://localhost:*,http://127.0.0.1:*', CORS_CREDENTIALS: 'true', CORS_DEBUG: 'true' } as const;
