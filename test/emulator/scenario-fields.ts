/** The field types every part of the scenario schema shares (account ids, regions, times, IAM actions). */
import { z } from 'zod';

export const accountId = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');
export const region = z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'must be a region such as us-east-1');
export const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 time' });
export const email = z.email();

/** An IAM action of a service the emulator serves: the SigV4 signing name is the action prefix. */
export const iamAction = z
  .string()
  .regex(
    /^(securityhub|guardduty|macie2|detective|organizations|iam):[A-Za-z]+$/,
    'must look like securityhub:GetMasterAccount (or guardduty:, macie2:, detective:, organizations:, iam:)',
  );

export const awsService = z.enum(['securityhub', 'guardduty', 'macie2', 'detective']);

export type Issue = (path: (string | number)[], message: string) => void;
