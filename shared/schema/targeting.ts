// When and how often a tag fires: its trigger, firing cap, schedule and consent category.
import { z } from 'zod';
import { WALL_TIME } from '../rules/zone';

export const CssSelector = z
  .string()
  .trim()
  .min(1, 'Enter a CSS selector, for example #buy or .add-to-cart')
  .max(300, 'Keep the selector under 300 characters')
  .refine((s) => !/[{}]/.test(s), 'A selector cannot contain { or }');

export const TRIGGER_TYPES = ['pageview', 'domReady', 'load', 'click', 'submit', 'event', 'history', 'timer', 'scroll', 'visible'] as const;

export const Trigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pageview') }),
  z.object({ type: z.literal('domReady') }),
  z.object({ type: z.literal('load') }),
  z.object({ type: z.literal('click'), selector: CssSelector }),
  z.object({ type: z.literal('submit'), selector: CssSelector }),
  z.object({
    type: z.literal('event'),
    name: z.string().trim().min(1, 'Enter the event name the site pushes, for example purchase').max(100),
  }),
  z.object({ type: z.literal('history') }),
  z.object({ type: z.literal('timer'), seconds: z.number().int().min(1, 'At least 1 second').max(3600, 'At most an hour') }),
  z.object({ type: z.literal('scroll'), percent: z.number().int().min(1).max(100, 'Between 1 and 100 percent') }),
  z.object({ type: z.literal('visible'), selector: CssSelector }),
]);
export type Trigger = z.infer<typeof Trigger>;
export const DEFAULT_TRIGGER: Trigger = { type: 'pageview' };

export const Cap = z.discriminatedUnion('type', [
  z.object({ type: z.literal('unlimited') }),
  z.object({ type: z.literal('page') }),
  z.object({ type: z.literal('session') }),
  z.object({ type: z.literal('visitor') }),
  z.object({
    type: z.literal('window'),
    count: z.number().int().min(1, 'At least once').max(1000),
    every: z.number().int().min(1).max(365),
    unit: z.enum(['hours', 'days']),
  }),
]);
export type Cap = z.infer<typeof Cap>;
export const DEFAULT_CAP: Cap = { type: 'unlimited' };

export const WallTime = z.string().regex(WALL_TIME, 'Enter a date and time like 2026-12-01T09:00');

export const Schedule = z
  .object({
    /** Wall-clock times in the site's time zone. */
    start: WallTime.nullable(),
    end: WallTime.nullable(),
    /** Days of the week it may fire (0 = Sunday); empty means every day. */
    weekdays: z.array(z.number().int().min(0).max(6)).max(7),
    /** Hours of the day it may fire, from `from` up to (not including) `to`; null means all day. */
    hours: z
      .object({ from: z.number().int().min(0).max(23), to: z.number().int().min(1).max(24) })
      .refine((h) => h.to > h.from, { message: 'The end hour must be after the start hour', path: ['to'] })
      .nullable(),
  })
  .refine((s) => !s.start || !s.end || s.end > s.start, { message: 'The end must be after the start', path: ['end'] });
export type Schedule = z.infer<typeof Schedule>;
export const ALWAYS: Schedule = { start: null, end: null, weekdays: [], hours: null };

export const CONSENT_CATEGORIES = ['necessary', 'analytics', 'marketing', 'preferences'] as const;
export const ConsentCategory = z.enum(CONSENT_CATEGORIES);
export type ConsentCategory = z.infer<typeof ConsentCategory>;
