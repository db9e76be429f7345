import type { MangoQuery } from 'rxdb';
import type { AttachmentDoc } from '../../../../shared/schema';
import { defineListQuery } from '../../db/list-query';

/** A customer's files, newest first (the customerId+atDesc index answers both). */
export const attachmentsOfCustomer = defineListQuery({
  name: 'documents.ofCustomer',
  collection: 'attachments',
  build: ({ customerId }: { customerId: string }): MangoQuery<AttachmentDoc> => ({
    selector: { customerId },
    sort: [{ customerId: 'asc' }, { atDesc: 'asc' }],
  }),
  samples: [{ customerId: 'c1' }],
});
