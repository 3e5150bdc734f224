// Dates and numbers as people read them: "3 hours ago", "12 Mar 2025", "1,204".
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';

dayjs.extend(relativeTime);

export const fromNow = (iso: string) => dayjs(iso).fromNow();
export const shortDate = (iso: string) => dayjs(iso).format('D MMM YYYY');
export const dateTime = (iso: string) => dayjs(iso).format('D MMM YYYY, HH:mm');
export const count = (n: number) => n.toLocaleString('en-US');

/** Shared with the describer, which names hosts in its sentences. */
export { hostOf } from '../../shared/rules/describe';
