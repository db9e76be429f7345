import type { MangoQuery } from 'rxdb';
import type { CustomerDoc, DocTypes } from '../../../../shared/schema';
import { defineListQuery, type ListQuery } from '../../db/list-query';

type OfCustomer = 'transactions' | 'visits' | 'cases' | 'requests' | 'attachments';

function newestOfCustomer<C extends OfCustomer>(
  collection: C,
): ListQuery<C, { customerId: string }> {
  return defineListQuery({
    name: `print.${collection}OfCustomer`,
    collection,
    // Each of these collections has a customerId+atDesc index: newest first without a scan.
    build: ({ customerId }: { customerId: string }) =>
      ({
        selector: { customerId },
        sort: [{ customerId: 'asc' }, { atDesc: 'asc' }],
      }) as MangoQuery<DocTypes[C]>,
    samples: [{ customerId: 'c1' }],
  });
}

/** The records a customer archive sheet prints, each newest first. */
export const ofCustomer: { [C in OfCustomer]: ListQuery<C, { customerId: string }> } = {
  transactions: newestOfCustomer('transactions'),
  visits: newestOfCustomer('visits'),
  cases: newestOfCustomer('cases'),
  requests: newestOfCustomer('requests'),
  attachments: newestOfCustomer('attachments'),
};

export const creditOfCustomer = defineListQuery({
  name: 'print.creditOfCustomer',
  collection: 'credit',
  build: ({ customerId }: { customerId: string }) => ({
    selector: { customerId },
    sort: [{ customerId: 'asc' as const }],
    limit: 1,
  }),
  samples: [{ customerId: 'c1' }],
});

/** Retired customers in code order, for the catalog (main keeps the year's). */
export const retiredCustomers = defineListQuery({
  name: 'print.retiredCustomers',
  collection: 'customers',
  build: (_: Record<string, never>): MangoQuery<CustomerDoc> => ({
    selector: { archiveStatus: 'retired' },
    sort: [{ archiveStatus: 'asc' }, { code: 'asc' }],
  }),
  samples: [{}],
});
