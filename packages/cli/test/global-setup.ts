// Runs once before the CLI's files: installs the Debian servers they check (FastAPI,
// Flask, Django, Go with rs/cors, nginx, Apache, Caddy) when missing, so that no two files
// race for apt's lock.
import { ensureCorsServers } from '@corsa/testkit';

export default function setup(): void {
  ensureCorsServers();
}
