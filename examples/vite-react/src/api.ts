// The API client. In development the base is relative (`/api`, proxied by Vite); a
// production build made with VITE_API_ORIGIN calls that origin directly, with cookies.
const origin = import.meta.env.VITE_API_ORIGIN ?? '';
export const API_BASE = `${origin}/api`;

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${API_BASE}${path}`, { credentials: 'include', ...init });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status}`);
  return response.json() as Promise<T>;
}

export const hello = () => call<{ hello: string }>('/hello');
export const saveItem = (id: string, item: unknown) =>
  call<{ id: string; saved: unknown }>(`/items/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(item) });
