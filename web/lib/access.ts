// What the signed-in person may do in an organisation, from their role. The server enforces
// every permission; the console only hides or disables what would be refused.
import { useQuery } from '@tanstack/react-query';
import { roleAtLeast, type Role } from '../../shared/schema';
import { useTRPC } from '../trpc';

export interface Access {
  role: Role | null;
  /** Create, rename and delete clients and sites, change site settings. */
  manage: boolean;
  /** Publish a site's draft. */
  publish: boolean;
  /** Create, change and delete tags. */
  edit: boolean;
}

export function accessFor(role: Role | null): Access {
  return {
    role,
    manage: role !== null && roleAtLeast(role, 'admin'),
    publish: role !== null && roleAtLeast(role, 'publisher'),
    edit: role !== null && roleAtLeast(role, 'editor'),
  };
}

export function useAccess(orgId: string | null | undefined): Access {
  const trpc = useTRPC();
  const orgs = useQuery(trpc.orgs.list.queryOptions());
  const role = orgs.data?.find((o) => o.id === orgId)?.role ?? null;
  return accessFor(role);
}
