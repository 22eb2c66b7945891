import { beforeEach, describe, expect, it, vi } from 'vitest';

// The shell's commands, recorded: only the file names and the order of calls matter here.
vi.mock('./api', () => ({
  defaultExportDir: vi.fn(async () => '/home/canbo/Documents/Tre'),
  exportPlan: vi.fn(async (_id: number, _format: string, path: string) => path),
  saveDialog: vi.fn(async (start: string) => start),
  openPath: vi.fn(async () => {}),
  revealInDir: vi.fn(async () => {}),
  plansList: vi.fn(async () => [] as { id: number; title: string }[]),
}));

import * as api from './api';
import { exportToFolder, exportWithDialog, openExportFolder } from './planExport';
import { demoCommune, instantiate } from './mock';

const plan = () => instantiate('qd06', demoCommune(), 2026);

describe('writing the plan to a file', () => {
  beforeEach(() => vi.clearAllMocks());

  it('writes into the export folder under a name built from the plan', async () => {
    const path = await exportToFolder(7, plan(), demoCommune(), 'docx');
    expect(path.startsWith('/home/canbo/Documents/Tre/2026_')).toBe(true);
    expect(path.endsWith('.docx')).toBe(true);
    expect(api.exportPlan).toHaveBeenCalledWith(7, 'docx', path);
  });

  it('numbers the file of a second plan of the year with the same subject', async () => {
    const p = plan();
    vi.mocked(api.plansList).mockResolvedValueOnce([
      { id: 3, title: p.title },
      { id: 7, title: p.title },
    ] as Awaited<ReturnType<typeof api.plansList>>);
    const second = await exportToFolder(7, p, demoCommune(), 'pdf');
    const first = await exportToFolder(3, p, demoCommune(), 'pdf');
    expect(second).toBe(first.replace(/\.pdf$/, '-2.pdf'));
    expect(api.plansList).toHaveBeenCalledWith(2026);
  });

  it('opens the save dialog at the last file written, and writes nothing when cancelled', async () => {
    expect(await exportWithDialog(7, plan(), demoCommune(), 'pdf', '/media/usb/kh.pdf')).toBe('/media/usb/kh.pdf');
    expect(api.saveDialog).toHaveBeenCalledWith('/media/usb/kh.pdf', 'pdf');
    vi.mocked(api.saveDialog).mockResolvedValueOnce(null);
    expect(await exportWithDialog(7, plan(), demoCommune(), 'pdf', null)).toBeNull();
    expect(vi.mocked(api.saveDialog).mock.calls[1][0].startsWith('/home/canbo/Documents/Tre/')).toBe(true);
    expect(api.exportPlan).toHaveBeenCalledTimes(1);
  });

  it('shows the last file in its folder, or else the export folder', async () => {
    await openExportFolder('/media/usb/kh.pdf');
    expect(api.revealInDir).toHaveBeenCalledWith('/media/usb/kh.pdf');
    await openExportFolder(null);
    expect(api.openPath).toHaveBeenCalledWith('/home/canbo/Documents/Tre');
  });
});
