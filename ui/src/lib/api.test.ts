import { describe, expect, it } from 'vitest';
import { APP_HINTS, errorMessage, toApiError } from './api';

describe('messages of refused commands', () => {
  it('adds where to click to the core\'s interface-neutral message, by code', () => {
    const core = { code: 'no-commune', message: 'Chưa có thông tin xã. Hãy nhập thông tin xã trước.' };
    expect(errorMessage(core)).toBe(`${core.message} Mở trang “Thông tin xã” để nhập.`);
    expect(errorMessage({ code: 'invalid', message: 'Năm 20266 nằm ngoài khoảng cho phép.' })).toBe('Năm 20266 nằm ngoài khoảng cho phép.');
  });

  it('names no command line, and leaves a damaged file to the restore panel', () => {
    for (const hint of Object.values(APP_HINTS)) expect(hint).not.toMatch(/dòng lệnh|\btre [a-z]|--[a-z]|TRE_DB/);
    const corrupt = { code: 'db-corrupt', message: 'Tệp dữ liệu bị hỏng. Hãy khôi phục từ một bản sao lưu; tệp hỏng được giữ nguyên.' };
    expect(errorMessage(corrupt)).toBe(corrupt.message);
  });

  it('turns anything thrown into {code, message}', () => {
    expect(toApiError('hỏng')).toEqual({ code: 'unknown', message: 'hỏng' });
    expect(toApiError(42).message).toMatch(/Hãy thử lại/);
  });
});
