// The admin API key, kept in the browser (SPEC §11, §12) and sent as
// X-API-Key — never in a URL.

const STORAGE_KEY = 'mimicus.apiKey';

type Listener = () => void;
const listeners = new Set<Listener>();
let loginRequired = false;

export function getApiKey(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function setApiKey(key: string): void {
  localStorage.setItem(STORAGE_KEY, key);
  notify();
}

/** "Log out": forget the key. */
export function clearApiKey(): void {
  localStorage.removeItem(STORAGE_KEY);
  notify();
}

/** Whether the API answered 401 since the last successful login. */
export function isLoginRequired(): boolean {
  return loginRequired;
}

export function setLoginRequired(required: boolean): void {
  if (loginRequired === required) return;
  loginRequired = required;
  notify();
}

function notify(): void {
  listeners.forEach((l) => l());
}

export function subscribeAuth(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
