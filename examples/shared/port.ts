// The port an example listens on: PORT, or its own default; PORT=0 picks a free port here
// for servers that would report `:0` rather than the port they got (adapter-node, Astro's
// standalone server).
import { createServer } from 'node:net';

export async function portToUse(defaultPort: number): Promise<string> {
  const wanted = process.env.PORT ?? String(defaultPort);
  if (wanted !== '0') return wanted;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return String(port);
}
