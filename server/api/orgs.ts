// Organisations (agencies or companies) and their people.
import { TRPCError } from '@trpc/server';
import { MemberAddInput, OrgCreateInput } from '../../shared/schema';
import { newId, nowIso } from '../ids';
import { authedProcedure, orgProcedure, router } from './trpc';

export const orgsRouter = router({
  /** The orgs the caller belongs to, with their role in each. */
  list: authedProcedure.query(async ({ ctx }) => {
    const rows = await ctx.store.orgs.listForUser(ctx.user.id);
    return rows.map(({ org, membership }) => ({ ...org, role: membership.role, clientIds: membership.clientIds }));
  }),

  create: authedProcedure.input(OrgCreateInput).mutation(async ({ ctx, input }) => {
    const org = { id: newId(), name: input.name, createdAt: nowIso() };
    await ctx.store.orgs.create(org);
    await ctx.store.orgs.setMember({ orgId: org.id, userId: ctx.user.id, role: 'owner', clientIds: null });
    return org;
  }),

  members: orgProcedure('viewer').query(async ({ ctx }) => {
    const members = await ctx.store.orgs.listMembers(ctx.org.id);
    const users = await Promise.all(members.map((m) => ctx.store.users.get(m.userId)));
    return members.map((m, i) => ({ ...m, email: users[i]?.email ?? '', name: users[i]?.name ?? '' }));
  }),

  /** Gives an existing account a role in the org; only an owner can make another owner. */
  addMember: orgProcedure('admin')
    .input(MemberAddInput)
    .mutation(async ({ ctx, input }) => {
      if (input.role === 'owner' && ctx.membership.role !== 'owner') {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an owner can add another owner' });
      }
      const user = await ctx.store.users.getByEmail(input.email);
      if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No account uses that email yet: ask them to sign up first' });
      const clients = await ctx.store.clients.listByOrg(ctx.org.id);
      const unknown = (input.clientIds ?? []).filter((id) => !clients.some((c) => c.id === id));
      if (unknown.length) throw new TRPCError({ code: 'BAD_REQUEST', message: 'clientIds: choose clients of this organisation' });
      const membership = { orgId: ctx.org.id, userId: user.id, role: input.role, clientIds: input.clientIds };
      await ctx.store.orgs.setMember(membership);
      return membership;
    }),
});
