// Writing the plan being edited to a file: straight into the export folder (Documents/Tre, or
// $TRE_EXPORT_DIR) under the name the core gives it (the same as in the dossier), or wherever
// the save dialog says. The editor decides when (after saving what is on screen) and shows
// what was written.

import type { AppExportFormat } from './types';
import * as api from './api';
import { joinPath } from './plan';

/** A file the editor wrote, shown under its toolbar until closed. */
export interface ExportedFile {
  format: AppExportFormat;
  path: string;
  /** Saved through the save dialog rather than into the export folder. */
  elsewhere: boolean;
}

export const FORMAT_NAME: Record<AppExportFormat, string> = { pdf: 'PDF', docx: 'Word' };

/** Writes the plan into the export folder, with no dialog to answer; answers the path written. */
export function exportToFolder(id: number, format: AppExportFormat): Promise<string> {
  return api.exportPlanToFolder(id, format);
}

/**
 * "Lưu vào chỗ khác…": the system's save dialog (a USB drive, a shared folder), opened at the
 * last file written or else at the export folder. Answers the path written, null if cancelled.
 */
export async function exportWithDialog(id: number, format: AppExportFormat, lastExport: string | null): Promise<string | null> {
  const start = lastExport ?? joinPath(await api.defaultExportDir(), await api.planFileName(id, format));
  const path = await api.saveDialog(start, format);
  if (!path) return null;
  return api.exportPlan(id, format, path);
}

/** "Mở thư mục": the last file written, selected in its folder, or else the export folder. */
export async function openExportFolder(lastExport: string | null): Promise<void> {
  if (lastExport) await api.revealInDir(lastExport);
  else await api.openPath(await api.defaultExportDir());
}
