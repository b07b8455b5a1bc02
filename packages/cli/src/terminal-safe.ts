// A report quotes what servers sent (header values, bodies, redirect targets). Printed
// as it came, that text could drive the user's terminal (ESC sequences clear the screen
// or rewrite earlier lines) or reorder what the user reads (bidi overrides). Reports
// escape every such character as \uXXXX; line feeds of the report itself stay.

// C0 controls but the line feed, DEL, C1 controls, and the bidi embedding, override and isolate marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control or bidi character written as `\uXXXX`. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
