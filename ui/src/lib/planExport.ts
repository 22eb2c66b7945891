// Writing the plan being edited to a file: straight into the export folder (Documents/Tre, or
// $TRE_EXPORT_DIR) under a name built from the plan, or wherever the save dialog says. The
// editor decides when (after saving what is on screen) and shows what was written.

import type { Commune, ExportFormat, Plan } from './types';
import * as api from './api';
import { joinPath, planFileName, twinNumber } from './plan';

/** A file the editor wrote, shown under its toolbar until closed. */
export interface ExportedFile {
  format: ExportFormat;
  path: string;
  /** Saved through the save dialog rather than into the export folder. */
  elsewhere: boolean;
}

export const FORMAT_NAME: Record<ExportFormat, string> = { pdf: 'PDF', docx: 'Word' };

/** Writes the plan into the export folder, with no dialog to answer; answers the path written. */
export async function exportToFolder(id: number, plan: Plan, commune: Commune, format: ExportFormat): Promise<string> {
  const dir = await api.defaultExportDir();
  return api.exportPlan(id, format, joinPath(dir, await fileName(id, plan, commune, format)));
}

/** The plan's file name, numbered when another plan of the year has the same subject. */
async function fileName(id: number, plan: Plan, commune: Commune, format: ExportFormat): Promise<string> {
  const year = await api.plansList(plan.date.year);
  return planFileName(plan, commune, format, twinNumber(id, plan.title, year));
}

/**
 * "Lưu vào chỗ khác…": the system's save dialog (a USB drive, a shared folder), opened at the
 * last file written or else at the export folder. Answers the path written, null if cancelled.
 */
export async function exportWithDialog(
  id: number,
  plan: Plan,
  commune: Commune,
  format: ExportFormat,
  lastExport: string | null,
): Promise<string | null> {
  const start = lastExport ?? joinPath(await api.defaultExportDir(), await fileName(id, plan, commune, format));
  const path = await api.saveDialog(start, format);
  if (!path) return null;
  return api.exportPlan(id, format, path);
}

/** "Mở thư mục": the last file written, selected in its folder, or else the export folder. */
export async function openExportFolder(lastExport: string | null): Promise<void> {
  if (lastExport) await api.revealInDir(lastExport);
  else await api.openPath(await api.defaultExportDir());
}
