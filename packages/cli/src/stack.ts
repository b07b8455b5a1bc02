// Which server answered: recognised from the headers it sends (or named with --stack),
// so that the fix is written for that server.

export type StackName = 'corsa' | 'fastapi' | 'flask' | 'express' | 'nginx' | 'hono';

export const STACK_NAMES: readonly StackName[] = ['corsa', 'fastapi', 'flask', 'express', 'nginx', 'hono'];

/** How the report names each stack. */
export const STACK_LABELS: Readonly<Record<StackName, string>> = {
  corsa: 'Corsa',
  fastapi: 'FastAPI',
  flask: 'Flask',
  express: 'Express',
  nginx: 'nginx',
  hono: 'Hono',
};

export interface Stack {
  readonly name: StackName;
  /** The header line it was recognised from, or `--stack` when the user named it. */
  readonly evidence: string;
}

const SIGNATURES: readonly [StackName, string, RegExp][] = [
  ['nginx', 'server', /^nginx\b/i],
  ['fastapi', 'server', /^(uvicorn|hypercorn)\b/i],
  // Werkzeug serves Flask (its development server, and apps run with it).
  ['flask', 'server', /^werkzeug\//i],
  ['express', 'x-powered-by', /^express\b/i],
  ['corsa', 'corsa-refusal', /./],
];

/** Every stack whose signature appears in the responses (nginx in front of Express gives both), first seen first. */
export function recogniseStacks(responses: readonly { headers: Headers }[]): Stack[] {
  const found = new Map<StackName, Stack>();
  for (const { headers } of responses) {
    for (const [name, header, pattern] of SIGNATURES) {
      const value = headers.get(header);
      if (value !== null && pattern.test(value) && !found.has(name)) found.set(name, { name, evidence: `${header}: ${value}` });
    }
  }
  return [...found.values()];
}
