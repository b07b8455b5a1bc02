// What an editor shows for a position in a file: hover text and completion entries with
// their documentation, from each TypeScript compiler a user may have. TypeScript 5.9
// answers through its language-service API; TypeScript 7 (the native compiler) through
// the Language Server Protocol over stdio (`tsc --lsp --stdio`), as VS Code talks to it.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as TypeScript from 'typescript';
import { TYPESCRIPT_7 } from './compilers.js';

/** What an editor shows: the hover text, and each completion's name with its documentation. */
export interface EditorView {
  hover(file: string, needle: string): Promise<string>;
  completions(file: string, needle: string): Promise<Map<string, string>>;
  close(): void;
}

/** Line and character of the first `needle` in `text` (the position just after it when `after`). */
function positionOf(text: string, needle: string, after = false): { offset: number; line: number; character: number } {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`'${needle}' is not in the file`);
  const offset = index + (after ? needle.length : 0);
  const before = text.slice(0, offset).split('\n');
  return { offset, line: before.length - 1, character: (before.at(-1) as string).length };
}

/** TypeScript 5.9's language service over the project in `dir` (its tsconfig.json). */
export function languageService(dir: string): EditorView {
  const ts = createRequire(import.meta.url)('typescript') as typeof TypeScript;
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error(`no tsconfig.json in ${dir}`);
  const service = ts.createLanguageService({
    getScriptFileNames: () => config.fileNames,
    getScriptVersion: () => '1',
    getScriptSnapshot: (file) => (ts.sys.fileExists(file) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file) as string) : undefined),
    getCurrentDirectory: () => dir,
    getCompilationSettings: () => config.options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  });
  const text = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    async hover(file, needle) {
      const info = service.getQuickInfoAtPosition(join(dir, file), positionOf(text(file), needle).offset);
      return info ? `${ts.displayPartsToString(info.displayParts)}\n${ts.displayPartsToString(info.documentation)}` : '';
    },
    async completions(file, needle) {
      const path = join(dir, file);
      const offset = positionOf(text(file), needle, true).offset;
      const list = service.getCompletionsAtPosition(path, offset, {});
      const found = new Map<string, string>();
      for (const entry of list?.entries ?? []) {
        const details = service.getCompletionEntryDetails(path, offset, entry.name, {}, undefined, {}, undefined);
        found.set(entry.name, ts.displayPartsToString(details?.documentation));
      }
      return found;
    },
    close: () => service.dispose(),
  };
}

/** TypeScript 7's language server, started for the project in `dir`. */
export async function languageServer(dir: string): Promise<EditorView> {
  const server = spawn(process.execPath, [TYPESCRIPT_7, '--lsp', '--stdio'], { cwd: dir });
  const rpc = jsonRpc(server);
  await rpc.request('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {
      textDocument: { hover: { contentFormat: ['plaintext', 'markdown'] }, completion: { completionItem: { documentationFormat: ['plaintext'] } } },
    },
    workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'types' }],
  });
  rpc.notify('initialized', {});
  const opened = new Set<string>();
  const open = (file: string) => {
    const uri = pathToFileURL(join(dir, file)).href;
    if (!opened.has(file)) {
      opened.add(file);
      rpc.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(join(dir, file), 'utf8') } });
    }
    return uri;
  };
  const text = (file: string) => readFileSync(join(dir, file), 'utf8');
  return {
    async hover(file, needle) {
      const uri = open(file);
      const { line, character } = positionOf(text(file), needle);
      const result = (await rpc.request('textDocument/hover', { textDocument: { uri }, position: { line, character } })) as {
        contents?: { value?: string };
      } | null;
      return result?.contents?.value ?? '';
    },
    async completions(file, needle) {
      const uri = open(file);
      const { line, character } = positionOf(text(file), needle, true);
      const result = (await rpc.request('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as
        | { items: CompletionItem[] }
        | CompletionItem[]
        | null;
      const items = Array.isArray(result) ? result : (result?.items ?? []);
      const found = new Map<string, string>();
      for (const item of items) {
        const resolved = (await rpc.request('completionItem/resolve', item)) as CompletionItem;
        const doc = resolved.documentation;
        // TypeScript 7 labels an optional property 'maxAge?'; the name typed is 'maxAge'.
        found.set(item.label.replace(/\?$/, ''), typeof doc === 'string' ? doc : (doc?.value ?? ''));
      }
      return found;
    },
    close: () => {
      server.kill();
    },
  };
}

interface CompletionItem {
  label: string;
  documentation?: string | { value: string };
}

/** JSON-RPC 2.0 over a child's stdio with LSP's Content-Length framing. */
function jsonRpc(child: ChildProcessWithoutNullStreams) {
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let buffer = Buffer.alloc(0);
  child.stdout.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method !== undefined) {
        // A request from the server (configuration, capability registration): answer empty.
        send({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? message.params.items.map(() => null) : null });
      } else if (message.id !== undefined) {
        const waiting = pending.get(message.id);
        if (waiting === undefined) continue;
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(`${message.error.message}`));
        else waiting.resolve(message.result);
      }
    }
  });
  const send = (message: object) => {
    const body = Buffer.from(JSON.stringify(message));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  return {
    request(method: string, params: unknown): Promise<unknown> {
      const id = nextId++;
      send({ jsonrpc: '2.0', id, method, params });
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    notify(method: string, params: unknown) {
      send({ jsonrpc: '2.0', method, params });
    },
  };
}
