import type { HandlerTable } from '../ipc/dispatch';
import type { BackupService } from './service';

type BackupChannels = Extract<keyof HandlerTable, `backup:${string}`>;

export function backupHandlers(service: BackupService): Pick<HandlerTable, BackupChannels> {
  return {
    'backup:begin': ({ destination, passphrase }, ctx) => service.begin(ctx.senderId, destination, passphrase),
    'backup:chunk': async ({ backupId, collection, docs }, ctx) => ({
      documents: await service.chunk(ctx.senderId, backupId, collection, docs),
    }),
    'backup:finish': ({ backupId }, ctx) =>
      service.finish(ctx.senderId, backupId, (phase, done, total) =>
        ctx.emit('backup:progress', { id: backupId, phase, done, total }),
      ),
    'backup:abort': async ({ backupId }, ctx) => ({ aborted: await service.abort(ctx.senderId, backupId) }),
    'backup:list': () => service.list(),
    'backup:autoStatus': () => service.autoStatus(),
    'backup:restoreBegin': async ({ source, passphrase }, ctx) => {
      const file = await service.sourcePath(source);
      if (!file) return { cancelled: true as const };
      const secret = passphrase ?? (source.kind === 'local' ? await service.localPassphrase() : undefined);
      return service.restoreBegin(ctx.senderId, file, secret, (phase, done, total) =>
        ctx.emit('backup:progress', { id: 'restore', phase, done, total }),
      );
    },
    'backup:restoreNext': ({ restoreId }, ctx) => service.restoreNext(ctx.senderId, restoreId),
    'backup:restoreEnd': async ({ restoreId }, ctx) => ({ ended: await service.restoreEnd(ctx.senderId, restoreId) }),
  };
}
