// Create a tag (/sites/:siteId/tags/new) or change one (/tags/:tagId). Loads the tag and its
// site, then hands them to the form; a reload after a conflict starts the form afresh.
import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { EMPTY_CONDITIONS, pickTagFields, TAG_DEFAULTS, type TagFields } from '../../shared/schema';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { LoadError, PageLoader } from '../components/QueryState';
import { TagFormView } from '../components/TagFormView';
import { useAccess } from '../lib/access';
import { usableAudiences } from '../lib/audiences';
import { notifyError, notifySuccess } from '../lib/errors';
import { useCurrent } from '../state/current';
import { useTRPC } from '../trpc';

const NEW_TAG: TagFields = { name: '', action: { kind: 'image', url: '' }, conditions: EMPTY_CONDITIONS, priority: 10, status: 'active', ...TAG_DEFAULTS };

export function TagEditorPage() {
  const params = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const visit = useCurrent((s) => s.visit);
  const tag = useQuery(trpc.tags.get.queryOptions(params.tagId ? { tagId: params.tagId } : skipToken));
  const siteId = params.siteId ?? tag.data?.siteId;
  const site = useQuery(trpc.sites.get.queryOptions(siteId ? { siteId } : skipToken));
  const s = site.data?.site;
  const client = useQuery(trpc.clients.get.queryOptions(s ? { clientId: s.clientId } : skipToken));
  const audiences = useQuery(trpc.audiences.list.queryOptions(s ? { orgId: s.orgId } : skipToken));
  const access = useAccess(s?.orgId);
  const [deleting, setDeleting] = useState(false);
  const leaving = useRef(false);

  useEffect(() => {
    if (s) visit({ orgId: s.orgId, clientId: s.clientId, siteId: s.id });
  }, [s, visit]);

  const remove = useMutation(
    trpc.tags.remove.mutationOptions({
      onSuccess: async () => {
        notifySuccess(`Deleted the tag ${tag.data?.name ?? ''}. It stops firing once you publish.`);
        await queryClient.invalidateQueries(trpc.tags.list.queryFilter({ siteId: siteId ?? '' }));
        await queryClient.invalidateQueries(trpc.sites.get.queryFilter({ siteId: siteId ?? '' }));
        leaving.current = true;
        void navigate(`/sites/${siteId}`);
      },
      onError: (error) => notifyError('Could not delete the tag', error),
    }),
  );

  if (params.tagId && tag.isError) return <LoadError what="this tag" error={tag.error} onRetry={() => void tag.refetch()} />;
  if (site.isError) return <LoadError what="this site" error={site.error} onRetry={() => void site.refetch()} />;
  if ((params.tagId && tag.isPending) || !s || !siteId) return <PageLoader />;

  const stored = tag.data ?? null;
  const initial: TagFields = stored ? pickTagFields(stored) : NEW_TAG;
  // The server refuses any change to a custom HTML tag from below admin, so the form does not offer one.
  const htmlLocked = stored?.action.kind === 'html' && !access.manage;
  const crumbs = [
    { label: client.data?.name ?? 'Client', to: `/clients/${s.clientId}/sites` },
    { label: s.name, to: `/sites/${s.id}` },
    { label: stored ? stored.name : 'New tag' },
  ];

  return (
    <>
      <TagFormView
        key={stored ? `${stored.id}:${stored.revision}` : 'new'}
        siteId={siteId}
        site={s}
        crumbs={crumbs}
        audiences={usableAudiences(audiences.data ?? [], s.clientId)}
        audiencesPage={`/orgs/${s.orgId}/audiences`}
        initial={initial}
        tag={stored && { id: stored.id, revision: stored.revision }}
        readOnly={!access.edit || htmlLocked}
        readOnlyReason={htmlLocked ? 'This tag adds custom HTML, which can run any code on the site: only admins and owners can change it.' : undefined}
        canEditHtml={access.manage}
        onReload={() => void tag.refetch()}
        onDelete={stored && access.edit ? () => setDeleting(true) : undefined}
        leaving={leaving}
      />
      {stored && (
        <ConfirmDelete
          opened={deleting}
          onClose={() => setDeleting(false)}
          title={`Delete the tag ${stored.name}?`}
          loading={remove.isPending}
          onConfirm={() => remove.mutate({ tagId: stored.id })}
        >
          The tag is removed from the draft. Visitors keep getting it until you publish again.
        </ConfirmDelete>
      )}
    </>
  );
}
