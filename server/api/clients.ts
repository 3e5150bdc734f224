// Clients: the brands or companies an org manages, each with its own sites.
import { ClientCreateInput, ClientUpdateInput } from '../../shared/schema';
import { newId, nowIso } from '../ids';
import { clientProcedure, orgProcedure, router } from './trpc';

export const clientsRouter = router({
  /** Members limited to some clients see only those. */
  list: orgProcedure('viewer').query(async ({ ctx }) => {
    const clients = await ctx.store.clients.listByOrg(ctx.org.id);
    const allowed = ctx.membership.clientIds;
    return allowed ? clients.filter((c) => allowed.includes(c.id)) : clients;
  }),

  get: clientProcedure('viewer').query(({ ctx }) => ctx.client),

  create: orgProcedure('admin')
    .input(ClientCreateInput)
    .mutation(async ({ ctx, input }) => {
      const client = { id: newId(), orgId: ctx.org.id, name: input.name, createdAt: nowIso() };
      await ctx.store.clients.create(client);
      return client;
    }),

  update: clientProcedure('admin')
    .input(ClientUpdateInput)
    .mutation(({ ctx, input }) => ctx.store.clients.update(ctx.client.id, { name: input.name })),

  remove: clientProcedure('admin').mutation(async ({ ctx }) => {
    await ctx.store.clients.remove(ctx.client.id);
    return { ok: true };
  }),
});
