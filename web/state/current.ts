// Where the person is working: the current organisation, client and site. Kept across reloads
// so the console opens where they left off; pages update it as they are visited.
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface CurrentState {
  orgId: string | null;
  clientId: string | null;
  siteId: string | null;
  /** Records the place a page shows; only the levels given change, deeper ones are kept when consistent. */
  visit: (place: { orgId: string; clientId?: string; siteId?: string }) => void;
  /** Forgets a deleted client or site, so nothing keeps pointing at it. */
  forget: (id: string) => void;
  clear: () => void;
}

export const useCurrent = create<CurrentState>()(
  persist(
    (set) => ({
      orgId: null,
      clientId: null,
      siteId: null,
      visit: ({ orgId, clientId, siteId }) =>
        set((s) => {
          const sameOrg = s.orgId === orgId;
          const client = clientId ?? (sameOrg ? s.clientId : null);
          const site = siteId ?? (sameOrg && client === s.clientId ? s.siteId : null);
          if (s.orgId === orgId && s.clientId === client && s.siteId === site) return s;
          return { orgId, clientId: client, siteId: site };
        }),
      forget: (id) =>
        set((s) => {
          if (s.clientId === id) return { clientId: null, siteId: null };
          if (s.siteId === id) return { siteId: null };
          return s;
        }),
      clear: () => set({ orgId: null, clientId: null, siteId: null }),
    }),
    { name: 'pixeltag.current', partialize: ({ orgId, clientId, siteId }) => ({ orgId, clientId, siteId }) },
  ),
);
