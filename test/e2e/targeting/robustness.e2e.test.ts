// The container in hostile or broken surroundings: vendor endpoints that fail or never answer,
// host pages that throw, junk in the data layer, selectors that do not parse. Other tags keep
// firing and the container adds no error to the page (every suite's harness checks that too).
import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { WAIT_MS } from '../browser';
import { labels, useHarness, VIEW } from './harness';

const h = useHarness();

/** A local port nothing listens on: connections to it are refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('robustness', () => {
  it('a tag whose pixel or script URL fails (refused connection, 404) does not stop the other tags', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const sink = h.sink().origin;
    const site = await h.publish({}, [
      { label: 'refused', priority: 40, action: { kind: 'image', url: `${dead}/px?cb={{cachebuster}}` } },
      { label: 'missing', priority: 30, action: { kind: 'image', url: `${sink}/missing/px?cb={{cachebuster}}` } },
      { label: 'script', priority: 20, action: { kind: 'script', src: `${dead}/tag.js` } },
      { label: VIEW, priority: 10 },
      { label: 'buy', trigger: { type: 'click', selector: 'button' } },
    ]);
    const visit = await h.visit();
    const failed: string[] = [];
    visit.page.on('requestfailed', (request) => failed.push(new URL(request.url()).pathname));
    visit.page.on('response', (response) => response.status() === 404 && failed.push(new URL(response.url()).pathname));

    await visit.open(site.page('/home', { body: '<button>Buy</button>' }));
    await visit.page.click('button');
    await visit.waitFor('buy');
    await visit.barrier();

    expect(labels(visit)).toEqual([VIEW, 'buy']);
    await expect.poll(() => [...failed].sort(), { timeout: WAIT_MS }).toEqual(['/missing/px', '/px', '/tag.js']);
    // Each fire is reported, whatever the vendor's endpoint answered.
    expect(visit.reportedTags()).toEqual(['refused', 'missing', 'script', VIEW, 'buy'].map((label) => site.tagIds[label]));
  });

  it('a vendor pixel that never answers does not hold up the page’s load event or the tags after it', async () => {
    const hold = `never-${Date.now()}`;
    const site = await h.publish({}, [
      { label: 'hanging', priority: 20, action: { kind: 'image', url: `${h.sink().origin}/hold/${hold}` } },
      { label: VIEW },
      { label: 'loaded', trigger: { type: 'load' } },
    ]);
    const visit = await h.visit();

    await visit.open(site.page('/home'));
    await visit.waitFor('loaded');
    await visit.barrier();

    expect(labels(visit)).toEqual([VIEW, 'loaded']);
    h.sink().release(hold);
  });

  it('still fires when the host page throws before and after the snippet and in its own click handler', async () => {
    const site = await h.publish({}, [{ label: VIEW }, { label: 'buy', trigger: { type: 'click', selector: 'button' } }]);
    const visit = await h.visit();
    visit.hostErrors.push('host bug before', 'host bug after', 'host click bug');

    await visit.open(
      site.page('/home', {
        before: "throw new Error('host bug before')",
        after: "throw new Error('host bug after')",
        body: `<button onclick="throw new Error('host click bug')">Buy</button>`,
      }),
    );
    await visit.page.click('button');
    await visit.waitFor('buy');
    await visit.barrier();

    expect(labels(visit)).toEqual([VIEW, 'buy']);
    expect(visit.pageErrors).toEqual(['host bug before', 'host bug after', 'host click bug']);
  });

  it('skips junk pushed into the data layer and selectors that do not parse, and keeps firing', async () => {
    const site = await h.publish({}, [
      { label: 'purchase', trigger: { type: 'event', name: 'purchase' } },
      { label: 'unparsable', trigger: { type: 'click', selector: 'button[' } },
      { label: 'hidden', trigger: { type: 'visible', selector: ':::' } },
      { label: 'buy', trigger: { type: 'click', selector: 'button' } },
    ]);
    const visit = await h.visit();
    const junk = `null, 42, 'text', [], ['unknownCommand'], ['consent', null], { get event() { throw new Error('getter'); } }, { value: { get deep() { throw new Error('deep'); } } }`;

    await visit.open(site.page('/home', { before: `window.pixeltag = [${junk}, { event: 'purchase', value: 'early' }];`, body: '<button>Buy</button>' }));
    await visit.waitFor('purchase');
    await visit.page.evaluate(() => {
      const dataLayer = (window as unknown as { pixeltag: unknown[] }).pixeltag;
      const circular: Record<string, unknown> = { event: 'noise' };
      circular.self = circular;
      dataLayer.push(undefined, circular, { get event(): string { throw new Error('late getter'); } });
      dataLayer.push({ event: 'purchase', value: 'late' });
    });
    await visit.waitFor('purchase', 2);
    await visit.page.click('button');
    await visit.waitFor('buy');
    await visit.barrier();

    expect(labels(visit)).toEqual(['purchase', 'purchase', 'buy']);
    expect(visit.fired('purchase').map((pixel) => pixel.value)).toEqual(['early', 'late']);
  });
});
