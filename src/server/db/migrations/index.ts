import type { Migration } from '../migrate';
import { m0001 } from './0001-initial';
import { m0002 } from './0002-apply-push';
import { m0003 } from './0003-custom-plans';
import { m0004 } from './0004-lean-apply-push';
import { m0005 } from './0005-audit-after-only';
import { m0006 } from './0006-generic-push-plans';

/** Forward-only, numbered from 1 without gaps; an applied migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [m0001, m0002, m0003, m0004, m0005, m0006];
