// Each trigger a marketer can pick, in real Chromium: the tag fires on that moment in the page
// and not before or on anything else. Timers run on Playwright's clock, never on sleeps.
import { describe, expect, it } from 'vitest';
import { WAIT_MS } from '../browser';
import { useHarness } from './harness';

const h = useHarness();
let holds = 0;
/** Pixels the host page itself sends when it has seen a scroll or an element come into view. */
const HOST_SAW = 'host-saw';

describe('triggers', () => {
  it('fires a page-view tag when the page loads, and reports it', async () => {
    const site = await h.publish({}, [{ label: 'view' }]);
    const visit = await h.visit();

    await visit.open(site.page('/home'));
    await visit.waitFor('view');
    await visit.barrier();

    expect(visit.pixels).toEqual([{ label: 'view', event: 'pageview', path: site.path('/home'), value: '' }]);
    expect(visit.reportedTags()).toEqual([site.tagIds.view]);
    expect(visit.reports[0]?.searchParams.get('e')).toBe('pageview');
  });

  it('fires a DOM-ready tag while an image is still loading, before the window load', async () => {
    const hold = `ready-${++holds}`;
    const site = await h.publish({}, [{ label: 'ready', trigger: { type: 'domReady' } }]);
    const visit = await h.visit();

    await visit.page.goto(site.page('/slow', { body: `<img src="/hold/${hold}">` }), { waitUntil: 'domcontentloaded' });
    await visit.waitFor('ready');

    expect(await visit.page.evaluate(() => document.readyState)).toBe('interactive');
    expect(visit.fired('ready')).toEqual([{ label: 'ready', event: 'domready', path: site.path('/slow'), value: '' }]);
    h.sink().release(hold);
  });

  it('fires a window-load tag only once every image has loaded', async () => {
    const hold = `load-${++holds}`;
    const site = await h.publish({}, [
      { label: 'loaded', trigger: { type: 'load' } },
      { label: 'ready', trigger: { type: 'domReady' } },
    ]);
    const visit = await h.visit();

    await visit.page.goto(site.page('/slow', { body: `<img src="/hold/${hold}">` }), { waitUntil: 'domcontentloaded' });
    await visit.waitFor('ready');
    await visit.barrier();
    expect(visit.fired('loaded')).toEqual([]);

    h.sink().release(hold);
    await visit.waitFor('loaded');
    await visit.barrier();
    expect(visit.fired('loaded')).toEqual([{ label: 'loaded', event: 'load', path: site.path('/slow'), value: '' }]);
  });

  it('fires a click tag on each click on an element matching its selector (or inside one), not on other elements', async () => {
    const site = await h.publish({}, [{ label: 'buy', trigger: { type: 'click', selector: '.buy' } }]);
    const visit = await h.visit();
    await visit.open(site.page('/product', { body: '<button class="buy"><span id="inner">Buy now</span></button> <button id="other">Wishlist</button>' }));

    await visit.page.click('#other');
    await visit.barrier();
    expect(visit.pixels).toEqual([]);

    await visit.page.click('#inner');
    await visit.page.click('.buy');
    await visit.waitFor('buy', 2);
    await visit.barrier();
    expect(visit.fired('buy').map((pixel) => pixel.event)).toEqual(['click', 'click']);
  });

  it('counts every click fire in the site’s reports, not only the first on the page', async () => {
    const site = await h.publish({}, [{ label: 'buy', trigger: { type: 'click', selector: '.buy' } }]);
    const visit = await h.visit();
    await visit.open(site.page('/product', { body: '<button class="buy">Buy</button>' }));

    for (let i = 0; i < 3; i++) await visit.page.click('.buy');
    await visit.waitFor('buy', 3);
    await visit.barrier();

    const tagId = site.tagIds.buy as string;
    expect(visit.reportedTags()).toEqual([tagId, tagId, tagId]);
    await expect.poll(() => h.api.hits.summary.query({ siteId: site.id }), { timeout: WAIT_MS }).toEqual([{ tagId, event: 'click', count: 3 }]);
  });

  it('fires a form-submit tag when a matching form is submitted, not for another form', async () => {
    const site = await h.publish({}, [{ label: 'lead', trigger: { type: 'submit', selector: 'form.signup' } }]);
    const visit = await h.visit();
    const stay = 'onsubmit="event.preventDefault()"';
    await visit.open(
      site.page('/contact', {
        body: `<form class="search" ${stay}><input name="q"><button id="search">Search</button></form>
<form class="signup" ${stay}><input name="email"><button id="signup">Sign up</button></form>`,
      }),
    );

    await visit.page.click('#search');
    await visit.barrier();
    expect(visit.pixels).toEqual([]);

    await visit.page.click('#signup');
    await visit.waitFor('lead');
    await visit.barrier();
    expect(visit.fired('lead')).toEqual([{ label: 'lead', event: 'submit', path: site.path('/contact'), value: '' }]);
  });

  it('fires a custom-event tag for a data-layer event pushed before the container loaded, and for later ones', async () => {
    const site = await h.publish({}, [{ label: 'purchase', trigger: { type: 'event', name: 'purchase' } }]);
    const visit = await h.visit();

    await visit.open(site.page('/thanks', { before: `window.pixeltag = window.pixeltag || []; pixeltag.push({ event: 'purchase', value: 'early' });` }));
    await visit.waitFor('purchase');
    await visit.barrier();
    expect(visit.fired('purchase')).toEqual([{ label: 'purchase', event: 'purchase', path: site.path('/thanks'), value: 'early' }]);

    await visit.page.evaluate(() => (window as unknown as { pixeltag: unknown[] }).pixeltag.push({ event: 'signup', value: 'other' }));
    await visit.barrier();
    expect(visit.fired('purchase')).toHaveLength(1);

    await visit.page.evaluate(() => (window as unknown as { pixeltag: unknown[] }).pixeltag.push({ event: 'purchase', value: 'late' }));
    await visit.waitFor('purchase', 2);
    await visit.barrier();
    expect(visit.fired('purchase').map((pixel) => pixel.value)).toEqual(['early', 'late']);
  });

  it('fires a history-change tag on pushState, replaceState and hash changes, not on the first load', async () => {
    const site = await h.publish({}, [
      { label: 'view' },
      { label: 'route', trigger: { type: 'history' } },
    ]);
    const visit = await h.visit();
    await visit.open(site.page('/app'));
    await visit.waitFor('view');
    await visit.barrier();
    expect(visit.fired('route')).toEqual([]);

    await visit.page.evaluate((path) => history.pushState({}, '', path), site.path('/app/cart'));
    await visit.page.evaluate((path) => history.pushState({}, '', path), site.path('/app/cart'));
    await visit.page.evaluate((path) => history.replaceState({}, '', path), site.path('/app/cart?step=2'));
    await visit.page.evaluate(() => {
      location.hash = 'reviews';
    });
    await visit.waitFor('route', 3);
    await visit.barrier();

    expect(visit.fired('route').map((pixel) => pixel.path)).toEqual([site.path('/app/cart'), site.path('/app/cart'), site.path('/app/cart')]);
    expect(visit.fired('route').map((pixel) => pixel.event)).toEqual(['history', 'history', 'history']);
  });

  it('re-evaluates page-view tags against the new path on single-page-app navigations, back and forward included', async () => {
    const site = await h.publish({}, (path) => [
      { label: 'view' },
      { label: 'checkout', conditions: { type: 'all', conditions: [{ type: 'rule', variable: 'page.path', operator: 'wildcard', value: path('/app/checkout*') }] } },
    ]);
    const visit = await h.visit();
    await visit.open(site.page('/app/home'));
    await visit.waitFor('view');
    await visit.barrier();
    expect(visit.fired('checkout')).toEqual([]);

    await visit.page.evaluate((path) => history.pushState({}, '', path), site.path('/app/checkout'));
    await visit.waitFor('checkout');
    await visit.page.evaluate(() => history.back());
    await visit.waitFor('view', 3);
    await visit.barrier();
    expect(visit.fired('checkout')).toHaveLength(1);

    await visit.page.evaluate(() => history.forward());
    await visit.waitFor('checkout', 2);
    await visit.barrier();
    expect(visit.fired('view').map((pixel) => pixel.path)).toEqual([
      site.path('/app/home'),
      site.path('/app/checkout'),
      site.path('/app/home'),
      site.path('/app/checkout'),
    ]);
    expect(visit.fired('checkout').map((pixel) => [pixel.event, pixel.path])).toEqual([
      ['pageview', site.path('/app/checkout')],
      ['pageview', site.path('/app/checkout')],
    ]);
  });

  it('fires a timer tag once the visitor has been on the page for its seconds, not a moment earlier', async () => {
    const site = await h.publish({}, [{ label: 'linger', trigger: { type: 'timer', seconds: 10 } }]);
    const visit = await h.visit();
    await visit.clockAt('2027-06-07T10:00:00Z');
    await visit.open(site.page('/article'));

    await visit.page.clock.runFor(9_999);
    await visit.barrier();
    expect(visit.pixels).toEqual([]);

    await visit.page.clock.runFor(1);
    await visit.waitFor('linger');
    await visit.page.clock.runFor(60_000);
    await visit.barrier();
    expect(visit.fired('linger')).toEqual([{ label: 'linger', event: 'timer', path: site.path('/article'), value: '' }]);
  });

  it('fires a scroll-depth tag once when the visitor scrolls past its percentage', async () => {
    const site = await h.publish({}, [
      { label: 'half', trigger: { type: 'scroll', percent: 50 }, priority: 20 },
      { label: 'quarter', trigger: { type: 'scroll', percent: 25 } },
    ]);
    const visit = await h.visit();
    // 4000px of page in a 720px-high window: the first screen shows 18% of it. The page's own
    // scroll listener (which runs after the container's) tells when each scroll has been handled.
    const pageSeesScroll = `addEventListener('scroll', function () { new Image().src = '/px/0/${HOST_SAW}?v=' + scrollY + '&cb=' + Math.random(); });`;
    await visit.open(site.page('/long', { after: pageSeesScroll, body: '<div style="height:4000px">Long read</div>' }));
    const scrollTo = async (y: number) => {
      const seen = visit.fired(HOST_SAW).filter((pixel) => pixel.value === String(y)).length;
      await visit.page.evaluate((top) => window.scrollTo(0, top), y);
      await expect.poll(() => visit.fired(HOST_SAW).filter((pixel) => pixel.value === String(y)).length, { timeout: WAIT_MS }).toBe(seen + 1);
      await visit.barrier();
    };

    await scrollTo(600);
    expect(visit.fired('quarter')).toHaveLength(1);
    expect(visit.fired('half')).toEqual([]);

    await scrollTo(1500);
    await scrollTo(3000);
    await scrollTo(0);
    await scrollTo(3000);
    expect(visit.fired('half')).toEqual([{ label: 'half', event: 'scroll', path: site.path('/long'), value: '' }]);
    expect(visit.fired('quarter')).toHaveLength(1);
  });

  it('fires an element-visibility tag when the element is scrolled into view, once per page view', async () => {
    const site = await h.publish({}, [
      { label: 'promo', trigger: { type: 'visible', selector: '#promo' } },
      { label: 'hero', trigger: { type: 'visible', selector: '#hero' } },
    ]);
    const visit = await h.visit();
    // The page's own observer reports each time #promo comes into view; intersection observers
    // are all notified in one task, so by then the container's has been too.
    const pageSeesPromo = `document.addEventListener('DOMContentLoaded', function () {
      new IntersectionObserver(function (entries) {
        if (entries[0].isIntersecting) new Image().src = '/px/0/${HOST_SAW}?cb=' + Math.random();
      }).observe(document.getElementById('promo'));
    });`;
    await visit.open(site.page('/landing', { after: pageSeesPromo, body: '<div id="hero">Hero</div><div style="height:3000px"></div><div id="promo">Spring sale</div>' }));
    await visit.waitFor('hero');
    await visit.barrier();
    expect(visit.fired('promo')).toEqual([]);

    await visit.page.locator('#promo').scrollIntoViewIfNeeded();
    await visit.waitFor(HOST_SAW, 1);
    await visit.page.evaluate(() => window.scrollTo(0, 0));
    await visit.page.locator('#promo').scrollIntoViewIfNeeded();
    await visit.waitFor(HOST_SAW, 2);
    await visit.barrier();
    expect(visit.fired('promo')).toEqual([{ label: 'promo', event: 'visible', path: site.path('/landing'), value: '' }]);
    expect(visit.fired('hero')).toHaveLength(1);
  });
});
