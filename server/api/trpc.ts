// tRPC set-up and the permission-checking procedure builders. Tenancy lives here: a router says
// `siteProcedure('editor')` and gets the site on its context only if the caller (a logged-in
// person or an API token) may act on it.
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { Id, roleAtLeast, type Membership, type Role, type User } from '../../shared/schema';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, TooManyRequests, Unauthorized } from '../errors';
import type { Context } from './context';

export interface FieldIssue {
  path: string;
  message: string;
}

function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const issues =
      error.cause instanceof ZodError
        ? fieldIssues(error.cause)
        : error.cause instanceof Invalid
          ? [{ path: error.cause.path.join('.'), message: error.cause.reason }]
          : undefined;
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message: issues ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ') : shape.message,
      data: { ...data, issues },
    };
  },
});

const DOMAIN_CODES: [new (...args: never[]) => DomainError, TRPCError['code']][] = [
  [NotFound, 'NOT_FOUND'],
  [Conflict, 'CONFLICT'],
  [Forbidden, 'FORBIDDEN'],
  [Unauthorized, 'UNAUTHORIZED'],
  [TooManyRequests, 'TOO_MANY_REQUESTS'],
  [Invalid, 'BAD_REQUEST'],
];

/** Turns domain errors into tRPC errors, the one place where that mapping lives. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof DomainError) {
    const cause = result.error.cause;
    const code = DOMAIN_CODES.find(([type]) => cause instanceof type)?.[1] ?? 'INTERNAL_SERVER_ERROR';
    throw new TRPCError({ code, message: cause.message, cause });
  }
  return result;
});

export const router = t.router;
export const publicProcedure = t.procedure.use(mapDomainErrors);

const BAD_TOKEN = 'This API token is not valid: it may have been revoked. Create a new one in the console.';

/** Logged-in people only: what acts on the account itself (its orgs). An API token belongs to one org and is refused. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.badApiToken) throw new TRPCError({ code: 'UNAUTHORIZED', message: BAD_TOKEN });
  if (ctx.apiToken) throw new TRPCError({ code: 'FORBIDDEN', message: 'An API token acts only inside its organisation: log in to do this' });
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please log in' });
  return next({ ctx: { user: ctx.user } });
});

/**
 * A logged-in person or an API token, for the builders below. A token acts as its creator (who
 * is recorded as the author of what it publishes) but with the token's own org, role and scope.
 */
const callerProcedure = publicProcedure.use(({ ctx, next }) => {
  if (ctx.badApiToken) throw new TRPCError({ code: 'UNAUTHORIZED', message: BAD_TOKEN });
  if (ctx.apiToken) {
    const token = ctx.apiToken;
    const user: User = { id: token.createdBy, email: '', name: `API token "${token.name}"`, createdAt: token.createdAt };
    return next({ ctx: { user, apiToken: token } });
  }
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Please log in' });
  return next({ ctx: { user: ctx.user } });
});

/** For what a token must not do, such as minting or revoking tokens: a leaked token cannot outlive its revocation. */
export const refuseApiTokens = t.middleware(({ ctx, next }) => {
  if (ctx.apiToken) throw new TRPCError({ code: 'FORBIDDEN', message: 'API tokens cannot do this: log in to the console' });
  return next();
});

const ROLE_WORDS: Record<Role, string> = {
  viewer: 'Any member',
  editor: 'Only editors, publishers, admins and owners',
  publisher: 'Only publishers, admins and owners',
  admin: 'Only admins and owners',
  owner: 'Only owners',
};
const withArticle = (role: Role) => (/^[aeiou]/.test(role) ? `an ${role}` : `a ${role}`);

/** Someone outside the org learns nothing, not even that the resource exists. */
const notFound = (what: string) => new TRPCError({ code: 'NOT_FOUND', message: `${what} not found` });

type CallerContext = Context & { user: User };

/** A token is a member of its one org only, with its own role and scope; a person's membership is in the store. */
async function membershipOf(ctx: CallerContext, orgId: string): Promise<Membership | null> {
  const token = ctx.apiToken;
  if (token) return token.orgId === orgId ? { orgId, userId: token.createdBy, role: token.role, clientIds: token.clientIds } : null;
  return ctx.store.orgs.getMember(orgId, ctx.user.id);
}

async function requireMembership(ctx: CallerContext, orgId: string, role: Role, what: string, clientId?: string) {
  const membership = await membershipOf(ctx, orgId);
  if (!membership) throw notFound(what);
  if (clientId && membership.clientIds && !membership.clientIds.includes(clientId)) throw notFound(what);
  if (!roleAtLeast(membership.role, role)) {
    const who = ctx.apiToken ? 'this token is' : 'you are';
    throw new TRPCError({ code: 'FORBIDDEN', message: `${ROLE_WORDS[role]} can do this (${who} ${withArticle(membership.role)})` });
  }
  return membership;
}

export function orgProcedure(role: Role) {
  return callerProcedure.input(z.object({ orgId: Id })).use(async ({ ctx, input, next }) => {
    const org = await ctx.store.orgs.get(input.orgId);
    if (!org) throw notFound('Organisation');
    const membership = await requireMembership(ctx, org.id, role, 'Organisation');
    return next({ ctx: { org, membership } });
  });
}

export function clientProcedure(role: Role) {
  return callerProcedure.input(z.object({ clientId: Id })).use(async ({ ctx, input, next }) => {
    const client = await ctx.store.clients.get(input.clientId);
    if (!client) throw notFound('Client');
    const membership = await requireMembership(ctx, client.orgId, role, 'Client', client.id);
    return next({ ctx: { client, membership } });
  });
}

export function siteProcedure(role: Role) {
  return callerProcedure.input(z.object({ siteId: Id })).use(async ({ ctx, input, next }) => {
    const site = await ctx.store.sites.get(input.siteId);
    if (!site) throw notFound('Site');
    const membership = await requireMembership(ctx, site.orgId, role, 'Site', site.clientId);
    return next({ ctx: { site, membership } });
  });
}

export function audienceProcedure(role: Role) {
  return callerProcedure.input(z.object({ audienceId: Id })).use(async ({ ctx, input, next }) => {
    const audience = await ctx.store.audiences.get(input.audienceId);
    if (!audience) throw notFound('Audience');
    const membership = await requireMembership(ctx, audience.orgId, role, 'Audience', audience.clientId ?? undefined);
    return next({ ctx: { audience, membership } });
  });
}

export function tagProcedure(role: Role) {
  return callerProcedure.input(z.object({ tagId: Id })).use(async ({ ctx, input, next }) => {
    const tag = await ctx.store.tags.get(input.tagId);
    const site = tag && (await ctx.store.sites.get(tag.siteId));
    if (!tag || !site) throw notFound('Tag');
    const membership = await requireMembership(ctx, site.orgId, role, 'Tag', site.clientId);
    return next({ ctx: { tag, site, membership } });
  });
}

