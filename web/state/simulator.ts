// The "test a visit" form's draft: kept while people go and change a tag and come back, so they
// can test the same visit again. UI state only; nothing here is sent to the server.
import { create } from 'zustand';

export type ConsentChoice = 'unset' | 'granted' | 'denied';

export interface VisitDraft {
  url: string;
  referrer: string;
  title: string;
  device: string;
  browser: string;
  os: string;
  language: string;
  screenWidth: number | string;
  returning: boolean;
  sessions: number | string;
  pageviews: number | string;
  seconds: number | string;
  country: string;
  event: string;
  /** JSON text of an object, as typed. */
  dataLayer: string;
  /** name=value, one per line. */
  cookies: string;
  consent: Record<'analytics' | 'marketing' | 'preferences', ConsentChoice>;
  sample: number | string;
  dnt: boolean;
  gpc: boolean;
  optedOut: boolean;
  /** Wall-clock time in the site's zone ("2026-12-01T09:00"); null means now. */
  when: string | null;
}

export const DEFAULT_VISIT: VisitDraft = {
  url: '',
  referrer: '',
  title: '',
  device: 'desktop',
  browser: 'chrome',
  os: 'windows',
  language: 'en-US',
  screenWidth: 1440,
  returning: false,
  sessions: 1,
  pageviews: 1,
  seconds: 0,
  country: '',
  event: '',
  dataLayer: '{}',
  cookies: '',
  consent: { analytics: 'unset', marketing: 'unset', preferences: 'unset' },
  sample: 50,
  dnt: false,
  gpc: false,
  optedOut: false,
  when: null,
};

interface SimulatorState {
  draft: VisitDraft;
  change: (patch: Partial<VisitDraft>) => void;
  reset: () => void;
}

export const useSimulator = create<SimulatorState>()((set) => ({
  draft: DEFAULT_VISIT,
  change: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
  reset: () => set({ draft: DEFAULT_VISIT }),
}));
