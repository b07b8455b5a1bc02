// The three engines behind one interface (engine.ts), each from Debian's packages.
import { launchChromium } from './chromium.js';
import type { Engine, EngineMode, EngineName } from './engine.js';
import { launchFirefox } from './firefox.js';
import { launchWebKit } from './webkit.js';

export * from './engine.js';

/** Launches `name` (installing its Debian packages first when they are missing). */
export function launchEngine(name: EngineName, mode: EngineMode = 'default'): Promise<Engine> {
  switch (name) {
    case 'chromium':
      return launchChromium(mode);
    case 'firefox':
      return launchFirefox(mode);
    case 'webkit':
      return launchWebKit(mode);
  }
}
