// The README's "Is it CORS?" section: each `npx corsa …` command it shows is run, as written,
// against the server the text describes (on a free port instead of 8000), and the output
// that follows it in the README must be what the CLI printed, port aside.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CORS_SERVERS, type CorsServerName } from '@corsa/testkit';
import { describe, expect, it } from 'vitest';
import { corsa } from './run.js';

const README = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const SECTION = README.slice(README.indexOf('## Is it CORS?'), README.indexOf('\n## ', README.indexOf('## Is it CORS?') + 1));
const README_API = 'http://localhost:8000';

/** The server each command of the section runs against, in order. */
const SERVERS: readonly CorsServerName[] = ['FastAPI, origins only', 'Express cors, origin: /localhost/'];

/** Splits a shell command line written with plain words and single quotes. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

/** Every `npx corsa …` line of the section with the ```text block that follows it. */
function examples(): { args: string[]; output: string }[] {
  return [...SECTION.matchAll(/^npx corsa (.+)$/gm)].map((match) => {
    const after = SECTION.slice(match.index);
    const output = /```text\n([\s\S]*?)\n```/.exec(after)?.[1];
    if (output === undefined) throw new Error(`no \`\`\`text block after ${match[0]}`);
    return { args: shellWords(match[1] ?? ''), output };
  });
}

describe('the README section for APIs not written with Corsa', () => {
  it('shows one example per server, each followed by its output', () => {
    expect(examples()).toHaveLength(SERVERS.length);
  });

  it.each(SERVERS.map((server, i) => [server, i] as const))(
    '%s: the command prints what the README shows',
    async (name, i) => {
      const { args, output } = examples()[i] as { args: string[]; output: string };
      const server = await CORS_SERVERS[name]('http://localhost:5173');
      try {
        const api = server.baseUrl.replace('127.0.0.1', 'localhost');
        const run = await corsa(...args.map((arg) => arg.replace(README_API, api)));
        expect(run.stderr).toBe('');
        expect(run.code).toBe(1);
        expect(run.stdout.replaceAll(api, README_API).trimEnd()).toBe(output);
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});
