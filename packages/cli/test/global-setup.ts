// Runs once before the CLI's files: installs the Debian servers they check (FastAPI,
// nginx) when missing, so that no two files race for apt's lock.
import { ensureFastApi, ensureNginx } from '@corsa/testkit';

export default function setup(): void {
  ensureFastApi();
  ensureNginx();
}
