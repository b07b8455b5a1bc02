import { useState } from 'react';
import { API_BASE, hello, saveItem } from './api';

export function App() {
  const [result, setResult] = useState('not called yet');
  const run = async () => {
    try {
      const greeting = await hello();
      const saved = await saveItem('1', { name: 'first' });
      setResult(JSON.stringify({ greeting, saved }));
    } catch (error) {
      setResult(`failed: ${(error as Error).message}`);
    }
  };
  return (
    <main>
      <h1>Corsa + React on Vite</h1>
      <p>
        API base: <code>{API_BASE}</code>
      </p>
      <button type="button" onClick={run}>
        Call the API
      </button>
      <pre id="result">{result}</pre>
    </main>
  );
}
