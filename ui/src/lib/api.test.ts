import { describe, expect, it } from 'vitest';
import { errorMessage, toApiError } from './api';

describe('messages of refused commands', () => {
  it('adds where to click to the core\'s interface-neutral message, by code', () => {
    const core = { code: 'no-commune', message: 'Chưa có thông tin xã. Hãy nhập thông tin xã trước.' };
    expect(errorMessage(core)).toBe(`${core.message} Mở trang “Thông tin xã” để nhập.`);
    expect(errorMessage({ code: 'invalid', message: 'Năm 20266 nằm ngoài khoảng cho phép.' })).toBe('Năm 20266 nằm ngoài khoảng cho phép.');
  });

  it('turns anything thrown into {code, message}', () => {
    expect(toApiError('hỏng')).toEqual({ code: 'unknown', message: 'hỏng' });
    expect(toApiError(42).message).toMatch(/Hãy thử lại/);
  });
});
