import { beforeEach, describe, expect, it, vi } from 'vitest';

// The shell's commands, recorded: the file name is the core's (tested in Rust with the
// dossier's); here only what is asked of the shell, and in which order, matters.
vi.mock('./api', () => ({
  defaultExportDir: vi.fn(async () => '/home/canbo/Documents/Tre'),
  exportPlan: vi.fn(async (_id: number, _format: string, path: string) => path),
  exportPlanToFolder: vi.fn(async (id: number, format: string) => `/home/canbo/Documents/Tre/2026_MinhHoa_KH-${id}.${format}`),
  planFileName: vi.fn(async (id: number, format: string) => `2026_MinhHoa_KH-${id}.${format}`),
  saveDialog: vi.fn(async (start: string) => start),
  openPath: vi.fn(async () => {}),
  revealInDir: vi.fn(async () => {}),
}));

import * as api from './api';
import { exportToFolder, exportWithDialog, openExportFolder } from './planExport';

describe('writing the plan to a file', () => {
  beforeEach(() => vi.clearAllMocks());

  it('writes into the export folder under the name the core gives', async () => {
    const path = await exportToFolder(7, 'docx');
    expect(path).toBe('/home/canbo/Documents/Tre/2026_MinhHoa_KH-7.docx');
    expect(api.exportPlanToFolder).toHaveBeenCalledWith(7, 'docx');
    expect(api.exportPlan).not.toHaveBeenCalled();
  });

  it('opens the save dialog at the last file written, and writes nothing when cancelled', async () => {
    expect(await exportWithDialog(7, 'pdf', '/media/usb/kh.pdf')).toBe('/media/usb/kh.pdf');
    expect(api.saveDialog).toHaveBeenCalledWith('/media/usb/kh.pdf', 'pdf');
    expect(api.exportPlan).toHaveBeenCalledWith(7, 'pdf', '/media/usb/kh.pdf');
    vi.mocked(api.saveDialog).mockResolvedValueOnce(null);
    expect(await exportWithDialog(7, 'pdf', null)).toBeNull();
    expect(vi.mocked(api.saveDialog).mock.calls[1][0]).toBe('/home/canbo/Documents/Tre/2026_MinhHoa_KH-7.pdf');
    expect(api.exportPlan).toHaveBeenCalledTimes(1);
  });

  it('shows the last file in its folder, or else the export folder', async () => {
    await openExportFolder('/media/usb/kh.pdf');
    expect(api.revealInDir).toHaveBeenCalledWith('/media/usb/kh.pdf');
    await openExportFolder(null);
    expect(api.openPath).toHaveBeenCalledWith('/home/canbo/Documents/Tre');
  });
});
