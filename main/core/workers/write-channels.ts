/**
 * The channels a worker runs that write to AWS, with the write each sends and the activity entry's
 * action it is logged under. A write whose worker stopped before it answered is settled by reading
 * (pool-handlers.ts), never sent again; these say which write it was.
 */
import type { ServiceWrite } from '../../domain/services';
import type { ActionName } from '../../domain/types';
import { serviceOf } from '../services/registry';
import type { WorkerChannel } from './messages';

export const WRITE_CHANNELS = {
  'invitation:accept': { write: 'accept', action: 'accept' },
  'invitation:decline': { write: 'decline', action: 'decline' },
  'administrator:disassociate': { write: 'leave', action: 'disassociate' },
  'members:create': { write: 'create-members', action: 'create-members' },
  'members:invite': { write: 'invite-members', action: 'invite-members' },
  'members:disassociate': { write: 'disassociate-members', action: 'disassociate-members' },
  'members:delete': { write: 'delete-members', action: 'delete-members' },
  'invitations:delete': { write: 'delete-invitations', action: 'delete-invitations' },
  'service:enable': { write: 'turn-on', action: 'enable-hub' },
} as const satisfies Partial<Record<WorkerChannel, { write: ServiceWrite; action: ActionName }>>;

export type WriteChannel = keyof typeof WRITE_CHANNELS;

export function isWriteChannel(channel: string): channel is WriteChannel {
  return Object.hasOwn(WRITE_CHANNELS, channel);
}

/** The AWS operation the channel's write sends for the request's service (the channel's name if it sends none). */
export function writeOperationOf(channel: WorkerChannel, request: unknown): string {
  if (!isWriteChannel(channel)) return channel;
  const id = (request as { service?: string } | null)?.service;
  return serviceOf(id).about.operations[WRITE_CHANNELS[channel].write];
}
