import type { PrintData } from '../../../../shared/ipc';
import type { DanganDatabase } from '../../db/database';
import { runListQuery } from '../../db/list-query';
import { creditOfCustomer, ofCustomer, retiredCustomers } from './print.queries';

const json = <T>(docs: { toMutableJSON(): T }[]): T[] => docs.map((d) => d.toMutableJSON());

/** Everything of one customer's archive, for the 客户档案表. Null when the customer is gone. */
export async function customerSheetPrintData(
  db: DanganDatabase,
  customerId: string,
  names: Record<string, string>,
): Promise<PrintData | null> {
  const customer = await db.customers.findOne(customerId).exec();
  if (!customer) return null;
  const params = { customerId };
  const [credit, transactions, visits, cases, requests, attachments] = await Promise.all([
    runListQuery(db, creditOfCustomer, params).exec(),
    runListQuery(db, ofCustomer.transactions, params).exec(),
    runListQuery(db, ofCustomer.visits, params).exec(),
    runListQuery(db, ofCustomer.cases, params).exec(),
    runListQuery(db, ofCustomer.requests, params).exec(),
    runListQuery(db, ofCustomer.attachments, params).exec(),
  ]);
  return {
    model: 'customer-sheet',
    customer: customer.toMutableJSON(),
    ...(credit[0] ? { credit: credit[0].toMutableJSON() } : {}),
    transactions: json(transactions),
    visits: json(visits),
    cases: json(cases),
    requests: json(requests),
    attachments: json(attachments),
    names,
  };
}

/** Folder labels (a sheet of stick-on labels, or spine strips) for the given customers. */
export async function labelPrintData(
  db: DanganDatabase,
  customerIds: string[],
  variant: 'sheet' | 'spine',
): Promise<PrintData | null> {
  const found = await db.customers.findByIds(customerIds).exec();
  const customers = customerIds
    .map((id) => found.get(id))
    .filter((c): c is NonNullable<typeof c> => c !== undefined);
  if (customers.length === 0) return null;
  return { model: 'archive-label', variant, customers: customers.map((c) => c.toMutableJSON()) };
}

/** The retired archives of a year, for the 退档目录 (main keeps those retired in that year). */
export async function catalogPrintData(
  db: DanganDatabase,
  year: number,
  names: Record<string, string>,
): Promise<PrintData> {
  const retired = await runListQuery(db, retiredCustomers, {}).exec();
  const start = new Date(year, 0, 1).getTime();
  const end = new Date(year + 1, 0, 1).getTime();
  return {
    model: 'archive-catalog',
    year,
    customers: json(retired).filter(
      (c) => c.retiredAt !== undefined && c.retiredAt >= start && c.retiredAt < end,
    ),
    names,
  };
}
