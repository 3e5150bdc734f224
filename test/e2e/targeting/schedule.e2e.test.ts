// Campaign dates and day-parting in real Chromium. Dates are typed as wall-clock times in the
// site's zone (Europe/Berlin here), so visitors sit in other zones to prove their own does not
// count; the visitor's clock is Playwright's, paused at each instant checked.
import { describe, expect, it } from 'vitest';
import { useHarness, VIEW } from './harness';

const h = useHarness();
const BERLIN = { timeZone: 'Europe/Berlin' };
/** A visitor far from the site, whose own weekday and hour differ from Berlin's. */
const IN_AUCKLAND = { timezoneId: 'Pacific/Auckland' };
const SECOND = 1000;

describe('campaign dates', { timeout: 60_000 }, () => {
  it('fires only from the start to the end given in the site’s time zone, not in the visitor’s', async () => {
    const site = await h.publish(BERLIN, [{ label: 'campaign', schedule: { start: '2027-06-01T09:00', end: '2027-06-30T18:00' } }, { label: VIEW }]);
    const visit = await h.visit({ timezoneId: 'America/Los_Angeles' });
    // Berlin is UTC+2 in June: 09:00 there is 07:00Z, 18:00 is 16:00Z.
    await visit.openAt(site.page('/sale'), Date.parse('2027-06-01T07:00:00Z') - SECOND);
    expect(visit.fired('campaign')).toEqual([]);

    await visit.reloadAt('2027-06-01T07:00:00Z');
    expect(visit.fired('campaign')).toHaveLength(1);
    await visit.reloadAt(Date.parse('2027-06-30T16:00:00Z') - SECOND);
    expect(visit.fired('campaign')).toHaveLength(2);
    await visit.reloadAt('2027-06-30T16:00:00Z');
    await visit.reloadAt('2027-07-15T12:00:00Z');
    expect(visit.fired('campaign')).toHaveLength(2);
  });

  it('leaves a campaign that has ended out of the container, where even a visitor whose clock is in the campaign cannot fire it', async () => {
    const site = await h.publish(BERLIN, [
      { label: 'ended', schedule: { start: '2020-01-01T00:00', end: '2020-01-31T23:59' } },
      { label: 'running', schedule: { start: null, end: '2040-01-01T00:00' } },
      { label: VIEW },
    ]);

    const container = await h.container(site);
    expect(container).toContain(JSON.stringify(site.tagIds.running));
    expect(container).not.toContain(site.tagIds.ended);

    const visit = await h.visit();
    await visit.openAt(site.page('/home'), '2020-01-15T12:00:00Z');
    expect(visit.pixels.map((pixel) => pixel.label)).toEqual(['running', VIEW]);
  });

  it('starts a campaign set inside the spring-forward gap (02:30 on 28 March in Berlin) at 03:30 local, 01:30Z', async () => {
    const site = await h.publish(BERLIN, [{ label: 'spring', schedule: { start: '2027-03-28T02:30', end: null } }, { label: VIEW }]);
    const visit = await h.visit(IN_AUCKLAND);

    // 01:00Z is 02:00 CET, the instant the clocks jump to 03:00 CEST.
    await visit.openAt(site.page('/home'), '2027-03-28T01:00:00Z');
    await visit.reloadAt(Date.parse('2027-03-28T01:30:00Z') - SECOND);
    expect(visit.fired('spring')).toEqual([]);

    await visit.reloadAt('2027-03-28T01:30:00Z');
    expect(visit.fired('spring')).toHaveLength(1);
  });

  it('ends a campaign set inside the repeated autumn hour (02:30 on 31 October in Berlin) at its first occurrence, 00:30Z', async () => {
    const site = await h.publish(BERLIN, [{ label: 'autumn', schedule: { start: null, end: '2027-10-31T02:30' } }, { label: VIEW }]);
    const visit = await h.visit(IN_AUCKLAND);

    await visit.openAt(site.page('/home'), Date.parse('2027-10-31T00:30:00Z') - SECOND);
    expect(visit.fired('autumn')).toHaveLength(1);

    await visit.reloadAt('2027-10-31T00:30:00Z');
    // 01:29Z reads 02:29 on Berlin's clocks again (CET now), yet the campaign stays over.
    await visit.reloadAt('2027-10-31T01:29:00Z');
    expect(visit.fired('autumn')).toHaveLength(1);
  });
});

describe('day-parting', { timeout: 60_000 }, () => {
  it('fires Monday to Friday from 09:00 to 17:00 Berlin time only, in summer and in winter', async () => {
    const site = await h.publish(BERLIN, [{ label: 'office', schedule: { weekdays: [1, 2, 3, 4, 5], hours: { from: 9, to: 17 } } }, { label: VIEW }]);
    const visit = await h.visit(IN_AUCKLAND);
    const visits: [string, boolean][] = [
      // Saturday 10:00 in Berlin (UTC+2).
      ['2027-06-05T08:00:00Z', false],
      // Monday 08:59 in Berlin.
      ['2027-06-07T06:59:00Z', false],
      // Monday 09:00 in Berlin; 19:00 in Auckland.
      ['2027-06-07T07:00:00Z', true],
      // Friday 16:59 in Berlin; already Saturday 02:59 in Auckland.
      ['2027-06-11T14:59:00Z', true],
      // Friday 17:00 in Berlin.
      ['2027-06-11T15:00:00Z', false],
      // Monday 08:59 and 09:00 in Berlin in winter (UTC+1).
      ['2027-01-11T07:59:00Z', false],
      ['2027-01-11T08:00:00Z', true],
    ];

    const fired: [string, boolean][] = [];
    for (const [i, [at]] of visits.entries()) {
      const before = visit.fired('office').length;
      if (i === 0) await visit.openAt(site.page('/home'), at);
      else await visit.reloadAt(at);
      fired.push([at, visit.fired('office').length > before]);
    }

    expect(fired).toEqual(visits);
  });
});
