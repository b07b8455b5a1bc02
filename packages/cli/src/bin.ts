#!/usr/bin/env node
// The `corsa` executable: main() with the process's arguments and streams.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
