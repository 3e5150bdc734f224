// Vendor tag templates: each Meta, Google Ads, TikTok or LinkedIn tag becomes the source of one
// small `function(t){…}` that reproduces the vendor's documented base snippet. The runtime calls
// it as `__pv[tagId]({ fill, event })` when the tag fires.
import type { TagAction, VENDOR_KINDS } from '../../shared/schema';
import { TEMPLATE_PATTERN } from '../../shared/rules/template';
import { scriptSafeJson as json } from './index';

export type VendorAction = Extract<TagAction, { kind: (typeof VENDOR_KINDS)[number] }>;

/** Origins the vendors' scripts load from; tests point them at a local stub. */
export interface VendorHosts {
  meta: string;
  googleAds: string;
  tiktok: string;
  linkedin: string;
}

export const DEFAULT_VENDOR_HOSTS: VendorHosts = {
  meta: 'https://connect.facebook.net',
  googleAds: 'https://www.googletagmanager.com',
  tiktok: 'https://analytics.tiktok.com',
  linkedin: 'https://snap.licdn.com',
};

/** The stub methods TikTok's base code defers until its SDK arrives. */
const TIKTOK_METHODS = ['page', 'track', 'identify', 'instances', 'debug', 'on', 'off', 'once', 'ready', 'alias', 'group', 'enableCookie', 'disableCookie', 'holdConsent', 'revokeConsent', 'grantConsent'];

/**
 * Statements that add an async script before the page's first script, as every vendor's snippet
 * does (into <head> when the page has none). `src` is a JavaScript expression; `d` is document.
 */
const loadScript = (src: string) =>
  `var e=d.createElement("script"),f=d.getElementsByTagName("script")[0];e.async=!0;e.src=${src};` +
  `f&&f.parentNode?f.parentNode.insertBefore(e,f):d.head.appendChild(e);`;

/**
 * Statements that run `then` once per page for `id` (a JSON literal), remembering the ids in a
 * list kept on the vendor's own global `g`; a list, so no id can collide with Object.prototype.
 */
const oncePerId = (g: string, id: string, then: string) =>
  `s=${g}._pixeltag=${g}._pixeltag||[];if(s.indexOf(${id})<0){s.push(${id});${then}}`;

const hasPlaceholder = (value: string) => [...value.matchAll(TEMPLATE_PATTERN)].length > 0;

/**
 * Statements that leave the vendor's parameters in `p`: `base`, plus value and currency when the
 * value is a finite number. A number typed in the form is checked here; a placeholder is filled
 * in the visitor's browser, converted with Number() and left out when it is missing or not finite.
 */
function valueParams(base: Record<string, string>, value: string, currency: string): string {
  const money = (v: number) => (currency ? { value: v, currency } : { value: v });
  if (!hasPlaceholder(value)) {
    const n = value.trim() === '' ? NaN : Number(value);
    return `var p=${json(Number.isFinite(n) ? { ...base, ...money(n) } : base)};`;
  }
  return (
    `var p=${json(base)},r=String(t.fill(${json(value)})),v=r.trim()?Number(r):NaN;` +
    `if(isFinite(v)){p.value=v${currency ? `;p.currency=${json(currency)}` : ''}}`
  );
}

/** Meta Pixel: the fbq queue stub and fbevents.js, one init per pixel id, then the event for that pixel only. */
function meta(action: Extract<VendorAction, { kind: 'meta' }>, host: string): string {
  const id = json(action.pixelId);
  // trackSingle, not track: with two pixels on a page, track would send each tag's event to both.
  const track = action.value.trim()
    ? `${valueParams({}, action.value, action.currency)}n("trackSingle",${id},${json(action.event)},p)`
    : `n("trackSingle",${id},${json(action.event)})`;
  return (
    `function(t){var w=window,d=document,n=w.fbq,s;` +
    `if(!n){n=w.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};` +
    `if(!w._fbq)w._fbq=n;n.push=n;n.loaded=!0;n.version="2.0";n.queue=[];${loadScript(json(`${host}/en_US/fbevents.js`))}}` +
    `${oncePerId('n', id, `n("init",${id})`)}${track}}`
  );
}

/** Google Ads: gtag.js loaded once, each conversion id configured once, then the conversion event. */
function googleAds(action: Extract<VendorAction, { kind: 'googleAds' }>, host: string): string {
  const id = json(action.conversionId);
  const src = json(`${host}/gtag/js?id=${encodeURIComponent(action.conversionId)}`);
  return (
    `function(t){var w=window,d=document,g=w.gtag,s;` +
    // gtag.js reads the Arguments objects themselves, so they are pushed as they are.
    `if(!g){w.dataLayer=w.dataLayer||[];g=w.gtag=function(){w.dataLayer.push(arguments)};${loadScript(src)}g("js",new Date)}` +
    oncePerId('g', id, `g("config",${id})`) +
    `${valueParams({ send_to: `${action.conversionId}/${action.label}` }, action.value, action.currency)}g("event","conversion",p)}`
  );
}

/** TikTok Pixel: the ttq array stub and events.js, load and page view once per pixel id, then the event. */
function tiktok(action: Extract<VendorAction, { kind: 'tiktok' }>, host: string): string {
  const id = json(action.pixelId);
  return (
    `function(t){var w=window,d=document,q=w.ttq,i;` +
    `if(!q){w.TiktokAnalyticsObject="ttq";q=w.ttq=[];q.methods=${json(TIKTOK_METHODS)};` +
    `q.setAndDefer=function(o,m){o[m]=function(){o.push([m].concat([].slice.call(arguments,0)))}};` +
    `for(i=0;i<q.methods.length;i++)q.setAndDefer(q,q.methods[i]);` +
    `q.instance=function(k){for(var o=q._i[k]||[],j=0;j<q.methods.length;j++)q.setAndDefer(o,q.methods[j]);return o};` +
    `q.load=function(k,o){var u=${json(`${host}/i18n/pixel/events.js`)};q._i=q._i||{};q._i[k]=[];q._i[k]._u=u;` +
    `q._t=q._t||{};q._t[k]=+new Date;q._o=q._o||{};q._o[k]=o||{};${loadScript('u+"?sdkid="+encodeURIComponent(k)+"&lib=ttq"')}}}` +
    `if(!(q._i&&q._i[${id}])){q.load(${id});q.page()}` +
    // The page view is part of the base code; other events are tracked on top of it.
    `${action.event === 'PageView' ? '' : `q.track(${json(action.event)})`}}`
  );
}

/** LinkedIn Insight: the partner id globals, the lintrk queue stub and insight.min.js, then the conversion if any. */
function linkedin(action: Extract<VendorAction, { kind: 'linkedin' }>, host: string): string {
  const partner = json(action.partnerId);
  // LinkedIn documents the conversion id as a number; 15 digits are exact in a double.
  const conversion = /^\d+$/.test(action.conversionId) ? Number(action.conversionId) : action.conversionId;
  return (
    `function(t){var w=window,d=document,l=w._linkedin_data_partner_ids=w._linkedin_data_partner_ids||[];` +
    `if(!w._linkedin_partner_id)w._linkedin_partner_id=${partner};if(l.indexOf(${partner})<0)l.push(${partner});` +
    `if(!w.lintrk){w.lintrk=function(a,b){w.lintrk.q.push([a,b])};w.lintrk.q=[];${loadScript(json(`${host}/li.lms-analytics/insight.min.js`))}}` +
    `${action.conversionId ? `w.lintrk("track",${json({ conversion_id: conversion })})` : ''}}`
  );
}

/** The source of `function(t){…}` for one vendor tag; `t` is `{ fill(template), event }`. */
export function vendorFunction(action: VendorAction, hosts: VendorHosts): string {
  const origin = (host: string) => host.replace(/\/+$/, '');
  switch (action.kind) {
    case 'meta':
      return meta(action, origin(hosts.meta));
    case 'googleAds':
      return googleAds(action, origin(hosts.googleAds));
    case 'tiktok':
      return tiktok(action, origin(hosts.tiktok));
    case 'linkedin':
      return linkedin(action, origin(hosts.linkedin));
  }
}
