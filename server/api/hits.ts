// Reports: what fired, counted per tag from the collector's hits.
import { HitsSummaryInput } from '../../shared/schema';
import { router, siteProcedure } from './trpc';

export const hitsRouter = router({
  /** Counts per tag and event over the last `hours`; pending collector writes are flushed first. */
  summary: siteProcedure('viewer')
    .input(HitsSummaryInput)
    .query(async ({ ctx, input }) => {
      await ctx.collector.flush();
      const since = new Date(Date.now() - input.hours * 3_600_000).toISOString();
      return ctx.store.hits.countByTag(ctx.site.id, since);
    }),
});
