// "Sao lưu ra USB/thư mục khác", shared by the home page's reminder and the backups page: the
// core writes the copy, reads it back and checks it (backup_offsite); this says how it went.

import type { BackupInfo } from './types';
import * as api from './api';
import { offsiteDone } from './backups';
import { toast } from './ui.svelte';

/** A copy into `folder` (null: the remembered one); the copy, or null after an error toast. */
export async function copyOffsite(folder: string | null): Promise<BackupInfo | null> {
  try {
    const info = await api.backupOffsite(folder);
    toast(offsiteDone(info), { kind: 'success', tag: 'offsite', timeout: 12000 });
    return info;
  } catch (err) {
    toast(api.errorMessage(err), { kind: 'error', tag: 'offsite' });
    return null;
  }
}

/** Asks for a folder (a USB stick, a synced folder), then copies there; null when cancelled. */
export async function chooseFolderAndCopy(): Promise<BackupInfo | null> {
  let folder: string | null;
  try {
    folder = await api.openFolderDialog('Chọn USB hoặc thư mục để sao lưu dữ liệu Tre');
  } catch (err) {
    toast(api.errorMessage(err), { kind: 'error', tag: 'offsite' });
    return null;
  }
  return folder ? copyOffsite(folder) : null;
}
