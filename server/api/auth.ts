// Accounts: sign up (a user and their first org), log in with rate limiting, log out, who am I.
import { TRPCError } from '@trpc/server';
import { LogInInput, SignUpInput } from '../../shared/schema';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from '../auth/passwords';
import { endSession, startSession } from '../auth/sessions';
import { newId, nowIso } from '../ids';
import { publicProcedure, router } from './trpc';

export const authRouter = router({
  signup: publicProcedure.input(SignUpInput).mutation(async ({ ctx, input }) => {
    const now = nowIso();
    const user = { id: newId(), email: input.email, name: input.name, createdAt: now };
    await ctx.store.users.create({ ...user, passwordHash: await hashPassword(input.password) });
    const org = { id: newId(), name: input.orgName, createdAt: now };
    await ctx.store.orgs.create(org);
    await ctx.store.orgs.setMember({ orgId: org.id, userId: user.id, role: 'owner', clientIds: null });
    await startSession(ctx.store, ctx.res, user.id, { days: ctx.config.SESSION_DAYS, secure: ctx.config.COOKIE_SECURE });
    return { user, orgId: org.id };
  }),

  login: publicProcedure.input(LogInInput).mutation(async ({ ctx, input }) => {
    const keys = [`ip:${ctx.req.ip}`, `email:${input.email}`];
    const wait = Math.max(...keys.map((key) => ctx.loginLimiter.retryAfter(key)));
    if (wait > 0) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `Too many attempts. Try again in ${Math.ceil(wait / 60)} minute(s).` });
    }
    const record = await ctx.store.users.getByEmail(input.email);
    const ok = await verifyPassword(input.password, record?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!record || !ok) {
      keys.forEach((key) => ctx.loginLimiter.hit(key));
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'That email and password do not match an account' });
    }
    ctx.loginLimiter.reset(`email:${input.email}`);
    await startSession(ctx.store, ctx.res, record.id, { days: ctx.config.SESSION_DAYS, secure: ctx.config.COOKIE_SECURE });
    const { passwordHash: _hash, ...user } = record;
    return { user };
  }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    await endSession(ctx.store, ctx.req, ctx.res);
    return { ok: true };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.user),
});
