// Times page views with the 50-tag container in headless Chromium. `boot` is the container's
// first run as an inline script (parse, storage, triggers, the first page view); `pageview` is
// the container's own cost of a later single-page-app page view (history.pushState), where every
// page-view tag's consent, schedule, cap and rules are evaluated again and matching tags fire:
// the time of a burst of navigations with the container, less the same burst without it, so the
// browser's own navigation cost and the coarse timer do not count.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const RUNS = 41;
const BURST = 20;

/** Runs in the page, as source text so the test tooling's helpers never leak into it. */
const IN_PAGE = `function (source, size) {
  window.pixeltag = [{ cart: { total: 120 } }];
  var script = document.createElement('script');
  script.textContent = source;
  function burst(tag) {
    var start = performance.now();
    for (var n = 0; n < size; n++) history.pushState(null, '', '/product/' + n + '?utm_source=newsletter&' + tag);
    return (performance.now() - start) / size;
  }
  var without = burst('bare');
  var start = performance.now();
  document.head.appendChild(script);
  var bootMs = performance.now() - start;
  var withContainer = burst('container');
  return [bootMs, Math.max(0, withContainer - without)];
}`;

const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;

export async function measureContainer(container: string): Promise<{ boot: number; pageview: number }> {
  const server = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>Checkout</title><body><p>shop</p></body>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // Pixels go nowhere: no request leaves the machine.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204 }));
    const boot: number[] = [];
    const pageview: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${origin}/checkout/step-${i}?utm_source=google`);
      const [first, later] = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(container)}, ${BURST})`)) as [number, number];
      boot.push(first);
      pageview.push(later);
    }
    return { boot: median(boot), pageview: median(pageview) };
  } finally {
    await browser.close();
    server.close();
  }
}
