// First-party storage for the runtime: localStorage, else a cookie, else memory for this page.
// Every access is wrapped: Safari's private mode and sandboxed frames throw on storage, and a
// visitor who blocks both still gets a working page (caps then hold per page view only).

export interface Storage {
  get(key: string): string | null;
  set(key: string, value: string): void;
}

const COOKIE_DAYS = 395;

export function createStorage(win: Window, doc: Document): Storage {
  const memory: Record<string, string> = {};
  const readCookie = (key: string): string | null => {
    try {
      const parts = doc.cookie.split('; ');
      for (let i = 0; i < parts.length; i++) {
        const part = parts[i] as string;
        if (part.indexOf(key + '=') === 0) return decodeURIComponent(part.slice(key.length + 1));
      }
    } catch {
      /* cookies blocked */
    }
    return null;
  };
  return {
    get(key) {
      if (key in memory) return memory[key] as string;
      try {
        // Working localStorage is the answer, even when empty: reading cookies costs a round trip.
        return win.localStorage.getItem(key);
      } catch {
        return readCookie(key);
      }
    },
    set(key, value) {
      memory[key] = value;
      try {
        win.localStorage.setItem(key, value);
        return;
      } catch {
        /* localStorage blocked or full: fall back to a cookie */
      }
      try {
        doc.cookie = key + '=' + encodeURIComponent(value) + ';path=/;max-age=' + COOKIE_DAYS * 86400 + ';samesite=lax';
      } catch {
        /* cookies blocked too: memory only */
      }
    },
  };
}
