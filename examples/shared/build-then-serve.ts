// What the framework examples' start.ts share (Next.js, SvelteKit, Astro): check the CORS_*
// policy first (a bad value is one line, not a build log), build, serve the build, and print
// the banner every example prints once the server says where it listens.
import { spawn, spawnSync } from 'node:child_process';
import { corsOptionsFromEnv } from '@corsa/core';
import { banner, LOCAL_DEVELOPMENT } from './banner.ts';

export interface BuildThenServe {
  /** The banner's title, e.g. 'Corsa example, Astro'. */
  readonly title: string;
  readonly cwd: string;
  /** Node arguments that build the app (a framework's CLI script and its `build`). */
  readonly build: readonly string[];
  /** Node arguments that serve the build. */
  readonly serve: readonly string[];
  /** Environment for both (the process's own is passed too). */
  readonly env?: Record<string, string>;
  /** Finds the base URL in the server's output (group 1). */
  readonly listening: RegExp;
}

export function buildThenServe({ title, cwd, build, serve, env: extra = {}, listening }: BuildThenServe): void {
  let options: ReturnType<typeof corsOptionsFromEnv>;
  try {
    options = corsOptionsFromEnv({ ...LOCAL_DEVELOPMENT, ...process.env });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  const env = { ...process.env, ...extra };
  const built = spawnSync(process.execPath, [...build], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (built.status !== 0) process.exit(built.status ?? 1);

  const server = spawn(process.execPath, [...serve], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
  let announced = false;
  server.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const base = listening.exec(chunk.toString());
    if (base && !announced) {
      announced = true;
      console.log(banner(title, base[1] as string, options));
    }
  });
  server.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
}
