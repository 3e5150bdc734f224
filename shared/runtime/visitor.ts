// Visitor and session state, kept in first-party storage under one key: sessions so far, page
// views this session, the session's UTM fields, past fires (for caps), consent and opt-out.
import type { Storage } from './storage';

/** 30 minutes without a page view or event ends a session, as in common web analytics. */
export const SESSION_TIMEOUT_MS = 30 * 60_000;
export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'];
const KEY = '_pt';
/** Fire times kept per tag: enough for any cap without growing the cookie fallback. */
const MAX_FIRES_KEPT = 20;

export interface VisitorState {
  /** Random visitor id, never sent anywhere: it only seeds the percentage sample. */
  i: string;
  /** Sessions so far, this one included. */
  n: number;
  /** This session's start. */
  s: number;
  /** Last activity. */
  l: number;
  /** Page views this session. */
  p: number;
  /** This session's UTM fields, from the landing URL. */
  u: Record<string, string>;
  /** Fire times per tag id, oldest first. */
  f: Record<string, number[]>;
  /** Opted out of everything. */
  o?: number;
  /** Consent per category, as last given. */
  c?: Record<string, boolean>;
}

function randomId(): string {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
}

export function loadVisitor(storage: Storage): VisitorState {
  let state: VisitorState | null = null;
  try {
    state = JSON.parse(storage.get(KEY) || 'null');
  } catch {
    /* unreadable state starts afresh */
  }
  if (!state || typeof state !== 'object' || typeof state.i !== 'string' || typeof state.f !== 'object') {
    state = { i: randomId(), n: 0, s: 0, l: 0, p: 0, u: {}, f: {} };
  }
  return state;
}

export function saveVisitor(storage: Storage, state: VisitorState): void {
  storage.set(KEY, JSON.stringify(state));
}

/** Records activity: starts a new session after the timeout, and takes UTM fields from a landing URL. */
export function touch(state: VisitorState, now: number, search: string): void {
  if (now - state.l > SESSION_TIMEOUT_MS) {
    state.n++;
    state.s = now;
    state.p = 0;
    state.u = {};
  }
  state.l = now;
  const params = new URLSearchParams(search);
  const utm: Record<string, string> = {};
  let found = false;
  for (let i = 0; i < UTM_FIELDS.length; i++) {
    const value = params.get('utm_' + UTM_FIELDS[i]);
    if (value) {
      utm[UTM_FIELDS[i] as string] = value;
      found = true;
    }
  }
  if (found) state.u = utm;
}

/** A stable number 0–99 per visitor (FNV-1a of the id), for percentage rollouts. */
export function sample(state: VisitorState): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < state.i.length; i++) {
    hash ^= state.i.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

export function recordFire(state: VisitorState, tagId: string, now: number): void {
  const fires = (state.f[tagId] = state.f[tagId] || []);
  fires.push(now);
  if (fires.length > MAX_FIRES_KEPT) fires.splice(0, fires.length - MAX_FIRES_KEPT);
}
