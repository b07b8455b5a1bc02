// Launching every engine for a suite, and saying which versions ran.
import { ENGINE_NAMES, type Engine, type EngineName, launchEngine } from './index.js';

/** Launches the three engines in parallel (installing missing Debian packages first) and logs their versions. */
export async function launchEngines(): Promise<Map<EngineName, Engine>> {
  const engines = await Promise.all(ENGINE_NAMES.map((name) => launchEngine(name)));
  console.log(`browser engines: ${engines.map((engine) => engine.version).join(' · ')}`);
  return new Map(engines.map((engine) => [engine.name, engine]));
}
