// End-to-end check of the UI against the real core (tre-dev-server), in headless Chromium.
// Usage: bash scripts/e2e.sh (it starts the server on a fresh database: scripts/with-core.sh).
// Needs a system Chromium (Debian: apt-get install chromium); no browser is downloaded.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreAt } from './core.mjs';

const base = process.env.TRE_UI_URL ?? 'http://127.0.0.1:4173/';
/** Where the server's database and export folder are (with-core.sh). */
const testDir = process.env.TRE_TEST_DIR;
const core = coreAt(base);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, locale: 'vi-VN' });
const problems = [];
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
});
const t = (id) => page.getByTestId(id);

let passed = 0;
let failed = 0;
async function step(name, fn) {
  try {
    await fn();
    if (process.env.DEBUG) console.log((await core('history', { limit: 20 })).map((e) => `${e.action}${e.undone ? '(undone)' : ''}`).join(' '));
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (e) {
    failed += 1;
    await shot(`FAIL-${failed}`).catch(() => {});
    console.log(`FAIL ${name}\n     ${String(e.message ?? e).split('\n').slice(0, 6).join('\n     ')}`);
  }
}
const titles = () => t('section-title').evaluateAll((els) => els.map((e) => e.value));
const labels = () => t('section-label').evaluateAll((els) => els.map((e) => e.textContent.trim()));
const savedState = () => page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.dataset.state === 'saved', null, { timeout: 5000 });
const toastText = () => t('toast').last().textContent();
/** Screenshots of the steps that are checked by looking, for a person to look at too. */
const shots = process.env.E2E_SHOTS ?? join(tmpdir(), 'tre-ui-e2e');
mkdirSync(shots, { recursive: true });
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
/**
 * Visible empty inputs whose placeholder is wider than the room inside them, measured in their
 * own font ("plan-number: 'để trống' 66 px in 62 px"); an input's scrollWidth ignores it.
 */
const clippedPlaceholders = () =>
  page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d');
    const out = [];
    for (const el of document.querySelectorAll('input[placeholder]')) {
      if (el.value || !el.placeholder || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      ctx.font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      const need = ctx.measureText(el.placeholder).width;
      const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
      if (need > room + 0.5) out.push(`${el.dataset.testid ?? el.id}: '${el.placeholder}' ${need.toFixed(0)} px in ${room.toFixed(0)} px`);
    }
    return out;
  });
/** The setup form's fields that the sticky save bar covers, with how far. */
const underSaveBar = (which) =>
  page.evaluate((which) => {
    const bar = document.querySelector('[data-testid="setup-bar"]').getBoundingClientRect();
    const fields = [...document.querySelectorAll('[data-testid="commune-form"] section :is(input, select, textarea, button)')];
    const els = which === 'focused' ? [document.activeElement] : [fields[fields.length - 1]];
    return els.filter((el) => el.getBoundingClientRect().bottom > bar.top).map((el) => `${el.dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent}: ${(el.getBoundingClientRect().bottom - bar.top).toFixed(0)} px under the bar`);
  }, which);
/** Tab from the first field to the save bar: the fields left under the bar once focused. */
async function tabWalk(shotName) {
  await t('setup-name').focus();
  const covered = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    await frames();
    if (await page.evaluate(() => document.querySelector('[data-testid="setup-bar"]').contains(document.activeElement))) break;
    covered.push(...(await underSaveBar('focused')));
    if (i === 8) await shot(shotName);
  }
  return covered;
}
const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

await page.goto(base);

await step('setup derives the header fields from name and province', async () => {
  await t('setup-name').fill('Tân Lập');
  await t('setup-province').fill('Tuyên Quang');
  assert.equal(await t('setup-superior').inputValue(), 'Sở Y tế tỉnh Tuyên Quang');
  assert.equal(await t('setup-authority-2').inputValue(), 'XÃ TÂN LẬP');
  assert.equal(await t('setup-place').inputValue(), 'Tân Lập');
  await t('setup-kind').selectOption('phường');
  assert.equal(await t('setup-authority-2').inputValue(), 'PHƯỜNG TÂN LẬP');
  await t('setup-kind').selectOption('xã');
});

await step('the setup form\'s save bar never covers a field (1024×700)', async () => {
  // Scrolled to the end, the last field is whole above the bar.
  await page.evaluate(() => document.scrollingElement.scrollTo(0, document.scrollingElement.scrollHeight));
  await frames();
  assert.deepEqual(await underSaveBar('last'), []);
  await shot('setup-end');
  // From the top, Tab walks every field; each one focused ends up above the bar.
  await page.evaluate(() => document.scrollingElement.scrollTo(0, 0));
  assert.deepEqual(await tabWalk('setup-tab'), []);
});

await step('setup refuses to save without a signer, in Vietnamese', async () => {
  await t('setup-save').click();
  await page.getByText('Hãy nhập ít nhất một người ký').waitFor();
  await t('setup-leader-name').first().fill('Nguyễn Hữu An');
  await t('setup-leader-name').nth(1).fill('Đỗ Minh Khoa');
  await t('setup-add-common-units').click();
  assert.ok((await t('setup-unit-name').count()) >= 5);
  await t('setup-save').click();
  await t('plans-empty').waitFor();
});

await step('a new plan from the qd06 template opens in the editor with a preview', async () => {
  await t('new-plan').click();
  await t('template-card-qd06').click();
  await t('section-title').first().waitFor();
  assert.deepEqual((await labels()).slice(0, 4), ['I.', '1.', '2.', 'II.']);
  await t('preview-page').first().waitFor();
  assert.match(await t('preview').textContent(), /Xem trước bản in/);
  assert.equal(await t('signer-name').inputValue(), 'Đỗ Minh Khoa');
});

await step('Alt+↑ moves a section up and renumbers', async () => {
  await t('section-title').nth(3).focus(); // II. NỘI DUNG
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'NỘI DUNG');
  assert.deepEqual((await titles()).slice(0, 2), ['NỘI DUNG', 'MỤC ĐÍCH, YÊU CẦU']);
  assert.deepEqual((await labels()).slice(0, 2), ['I.', 'II.']);
  // The focus follows the section.
  assert.equal(await page.evaluate(() => document.activeElement.value), 'NỘI DUNG');
  await savedState();
});

await step('Ctrl+Z undoes the move, Ctrl+Y redoes it', async () => {
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'MỤC ĐÍCH, YÊU CẦU');
  await page.keyboard.press('Control+y');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'NỘI DUNG');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'MỤC ĐÍCH, YÊU CẦU');
});

await step('Alt+→ indents under the previous section, Alt+← brings it back; deadlines follow', async () => {
  // III. KINH PHÍ -> II.1 ; IV. TỔ CHỨC THỰC HIỆN becomes III (its deadlines IV.x -> III.x).
  const idx = (await titles()).indexOf('KINH PHÍ');
  await t('section-title').nth(idx).focus();
  await page.keyboard.press('Alt+ArrowRight');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="section"]')].some((s) => s.dataset.label === 'II.1'));
  const sections = await t('deadline-section').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(sections, ['III.3', 'III.1']);
  await page.keyboard.press('Alt+ArrowLeft');
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="section"]')].some((s) => s.dataset.label === 'III'));
  assert.deepEqual(await t('deadline-section').evaluateAll((els) => els.map((e) => e.value)), ['IV.3', 'IV.1']);
});

await step('the handle moves a section by keyboard (Enter, arrows, Tab)', async () => {
  const grip = t('section-grip').first();
  await grip.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'NỘI DUNG');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'MỤC ĐÍCH, YÊU CẦU');
});

await step('sections can be dragged (in the outline view)', async () => {
  await t('toggle-outline').click();
  assert.equal(await t('paragraph').count(), 0);
  // "KINH PHÍ" (III) dropped on the top edge of "MỤC ĐÍCH, YÊU CẦU" (I).
  const from = (await titles()).indexOf('KINH PHÍ');
  const target = page.locator('[data-testid="section"] > .head').first();
  await t('section-grip').nth(from).dragTo(target, { targetPosition: { x: 200, y: 3 } });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'KINH PHÍ');
  assert.equal((await labels())[0], 'I.');
  await savedState();
  // Dropped on the middle: it becomes a child.
  const t2 = (await titles()).indexOf('NỘI DUNG');
  await t('section-grip').first().dragTo(page.locator('[data-testid="section"] > .head').nth(t2), { targetPosition: { x: 200, y: 18 } });
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="section"]')].some((s) => s.dataset.label === 'II.1' && s.querySelector('input').value === 'KINH PHÍ'));
  await savedState();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="section-title"]')[0].value === 'MỤC ĐÍCH, YÊU CẦU');
  // Nothing more of this plan to undo: its creation is not undone from the editor.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.getByText('Không còn thay đổi nào của kế hoạch này để hoàn tác.').waitFor();
  assert.ok((await titles()).length > 5);
  await t('toggle-outline').click();
});

await step('adding and deleting a section (with confirmation)', async () => {
  const n = (await titles()).length;
  await t('add-section').click();
  await page.keyboard.type('PHỤ LỤC');
  assert.equal((await titles()).length, n + 1);
  assert.equal((await labels()).at(-1), 'V.');
  await t('section-remove').last().click();
  await t('confirm-ok').click();
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid="section-title"]').length === k, n);
});

await step('Enter splits a paragraph; typing updates the preview and saves', async () => {
  const para = t('paragraph').first();
  await para.click();
  await page.keyboard.press('End');
  const count = await t('paragraph').count();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Đoạn mới về Tết Trung thu');
  assert.equal(await t('paragraph').count(), count + 1);
  await page.waitForFunction(() => document.querySelector('[data-testid="preview"]').textContent.includes('Đoạn mới về Tết Trung thu'), null, { timeout: 3000 });
  await savedState();
});

await step('31/02 is refused with a Vietnamese message and nothing is saved', async () => {
  await t('plan-day').fill('31');
  await t('plan-month').selectOption('2');
  await t('date-error').waitFor();
  assert.match(await t('date-error').textContent(), /Ngày 31\/02\/\d{4} không có trong lịch/);
  await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]').dataset.state === 'invalid');
  assert.match(await t('save-status').textContent(), /Chưa lưu: Ngày 31\/02/);
  await t('plan-day').fill('');
  await savedState();
});

await step('a deadline with an impossible date is refused', async () => {
  await t('add-deadline').click();
  // The empty number and date fields show their placeholders whole, in both usual window sizes.
  await t('plan-number').scrollIntoViewIfNeeded();
  assert.deepEqual(await clippedPlaceholders(), [], 'at 1024×700');
  await shot('editor-number-1024');
  await t('deadline-date').last().scrollIntoViewIfNeeded();
  await shot('editor-deadline-1024');
  await page.setViewportSize({ width: 1280, height: 800 });
  await frames();
  assert.deepEqual(await clippedPlaceholders(), [], 'at 1280×800');
  await t('plan-number').scrollIntoViewIfNeeded();
  await shot('editor-number-1280');
  await page.setViewportSize({ width: 1024, height: 700 });
  await t('deadline-date').last().focus();
  await page.keyboard.type('31/02/2026');
  await page.keyboard.press('Tab');
  await page.getByText('Ngày “31/02/2026” không hợp lệ').waitFor();
  await t('deadline-date').last().fill('20/12/2026');
  await t('deadline-text').last().fill('Tổng kết Tháng hành động vì trẻ em');
  await t('deadline-unit').last().selectOption({ index: 1 });
  await savedState();
});

await step('export PDF and Word write into the export folder, no dialog, under the core\'s name', async () => {
  const [plan] = await core('plans_list', { year: null });
  const folder = join(testDir, 'Tre');
  await t('export-pdf').click();
  await page.locator('[data-testid="export-notice"][data-format="pdf"]').waitFor();
  const pdf = await t('export-path').textContent();
  assert.equal(pdf, join(folder, await core('plan_file_name', { id: plan.id, format: 'pdf' })));
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), '%PDF-');
  await t('export-docx').click();
  await page.locator('[data-testid="export-notice"][data-format="docx"]').waitFor();
  const docx = await t('export-path').textContent();
  assert.equal(docx, join(folder, await core('plan_file_name', { id: plan.id, format: 'docx' })));
  assert.equal(readFileSync(docx).subarray(0, 2).toString(), 'PK');
  assert.equal(await t('export-open-file').textContent(), 'Mở tệp');
  assert.equal(await t('export-open-folder').textContent(), 'Mở thư mục');
  // Outside Tauri the save dialog answers with the proposed path.
  await t('export-elsewhere').click();
  await page.locator('[data-testid="export-notice"][data-format="docx"]').getByText('Đã lưu tệp Word:').waitFor();
  await t('export-notice-close').click();
  assert.equal(await t('export-notice').count(), 0);
});

await step('delete from the list, then undo from the toast', async () => {
  await t('back').click();
  await t('plan-item').first().waitFor();
  await t('plan-delete').first().click();
  await t('confirm-ok').click();
  await t('plans-empty').waitFor();
  assert.match(await toastText(), /Đã xóa\./);
  await t('undo-delete').click();
  await t('plan-item').first().waitFor();
});

await step('copy to next year', async () => {
  await t('plan-copy').first().click();
  const y = Number(await t('copy-year').inputValue());
  await t('copy-ok').click();
  await page.getByText(`Đã sao chép sang năm ${y}`).waitFor();
  await t('year-next').click();
  await page.locator(`[data-testid="plan-list"][data-year="${y}"]`).waitFor();
  const items = await t('plan-item').allTextContents();
  const dump = JSON.stringify((await core('plans_list', { year: null })).map((p) => [p.id, p.year, p.title.slice(-40)]));
  assert.ok(items.some((x) => x.includes(`năm ${y}`)), items.join('\n') + dump);
});

await step('the home panel never lists a past date under "Sắp tới"', async () => {
  // This year's plan (the copy went to next year), with deadlines before and after today.
  await t('nav-plans').click();
  await t('year-prev').click();
  const year = await t('year-input').inputValue();
  await page.locator(`[data-testid="plan-list"][data-year="${year}"]`).waitFor();
  await t('all-deadlines').waitFor();
  const d = new Date();
  const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const toIso = (vi) => vi.split('/').reverse().join('-');
  const upcoming = await page.locator('[data-testid="upcoming"] [data-testid="deadline-item"]').evaluateAll((els) => els.map((e) => [e.querySelector('.date').textContent.trim(), e.querySelector('[data-testid="deadline-status"]').textContent.trim()]));
  assert.ok(upcoming.length >= 1, 'nothing under Sắp tới');
  for (const [date, status] of upcoming) {
    assert.ok(toIso(date) >= today, `${date} ${status} under Sắp tới on ${today}`);
    assert.doesNotMatch(status, /-\d/);
  }
  const overdue = await page.locator('[data-testid="overdue"] [data-testid="deadline-status"]').allTextContents();
  for (const s of overdue) assert.match(s, /^Quá hạn \d+ ngày$/);
  await shot('home-deadlines');
  // The toasts of the steps before sit over the side panel: closed, to see "Sắp tới".
  while (await t('toast').count()) await t('toast').first().getByRole('button', { name: 'Đóng thông báo' }).click();
  await t('upcoming').screenshot({ path: join(shots, 'home-upcoming.png') });
  await t('year-next').click();
});

await step('the deadlines view lists the year sorted by date', async () => {
  await t('nav-deadlines').click();
  await t('deadlines-table').waitFor();
  const dates = await t('deadline-row').evaluateAll((rows) => rows.map((r) => r.querySelector('td').textContent.trim()));
  const iso = dates.map((d) => d.split('/').reverse().join('-'));
  assert.deepEqual([...iso].sort(), iso);
  assert.ok(dates.length >= 3);
});

await step('commune info is reachable later and keeps its values', async () => {
  await t('nav-commune').click();
  assert.equal(await t('setup-name').inputValue(), 'Tân Lập');
  assert.equal(await t('use-demo').count(), 0);
  // Here the page scrolls inside the app's frame, not the window: the bar still covers nothing.
  await page.evaluate(() => document.querySelector('.content').scrollTo(0, 1e6));
  await frames();
  assert.deepEqual(await underSaveBar('last'), []);
  await page.evaluate(() => document.querySelector('.content').scrollTo(0, 0));
  assert.deepEqual(await tabWalk('setup-commune'), []);
});

await step('the register records the number, the date and a sending, as the core checks them', async () => {
  await t('nav-register').click();
  await t('register-table').waitFor();
  const year = (await page.locator('h1').textContent()).match(/\d{4}/)[0];
  const row = t('register-row').first();
  assert.equal(await row.getAttribute('data-state'), 'draft');
  await row.getByTestId('register-sign').click();
  await t('sign-number').fill('12');
  await t('sign-date').fill(`31/02/${year}`);
  await t('sign-ok').click();
  // The core's own message, and nothing saved.
  assert.match(await t('sign-error').textContent(), /không hợp lệ/);
  await t('sign-date').fill(`20/04/${year}`);
  await t('sign-ok').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="register-row"]').dataset.state === 'signed');
  assert.equal(await row.getByTestId('register-number').textContent(), '12/KH-UBND');
  await row.getByTestId('register-send').click();
  assert.equal(await t('send-to').inputValue(), 'Sở Y tế tỉnh Tuyên Quang');
  await t('send-how').selectOption('e-office');
  await t('send-ok').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="register-row"]').dataset.state === 'sent');
  assert.match(await row.textContent(), /Sở Y tế tỉnh Tuyên Quang \(hệ thống quản lý văn bản\)/);
  // The plan itself now carries the number: the core wrote it where the plan keeps it.
  const key = await row.getAttribute('data-key');
  const id = Number(key.split(':')[1]);
  const { plan } = await core('plan_get', { id });
  assert.deepEqual([plan.number, plan.date], ['12', { day: 20, month: 4, year: Number(year) }]);
  // The signed copy: a PDF of the plan, chosen through the open dialog's test hook.
  const scan = join(testDir, 'ban-ky.pdf');
  await core('export_plan', { id, format: 'pdf', path: scan });
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), scan);
  await row.getByTestId('register-attach').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="register-row"] [data-testid="register-copy"]'));
  assert.match(await row.getByTestId('register-copy').textContent(), /Bản ký: ban-ky\.pdf, \d+ trang/);
  // A file that is not a PDF is refused with the core's message.
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), join(testDir, 'tre.db'));
  await row.getByTestId('register-attach').click();
  await page.getByText('không phải tệp PDF').waitFor();
  // Opening the plan now says that what is edited is no longer what was signed.
  await row.locator('button.link').click();
  await t('signed-copy-banner').waitFor();
  assert.match(await t('signed-copy-banner').textContent(), /đã có bản ký \(số 12\/KH-UBND, tệp ban-ky\.pdf/);
  await t('back').click();
});

await step('an e-signed copy shows its signers and pages, and its chain once a root is imported', async () => {
  // pyHanko (scripts/setup.sh puts it in target/test-venv) signs the plan twice under a
  // test CA made now: the signer's RSA signature and the agency's ECDSA one.
  const repo = fileURLToPath(new URL('../..', import.meta.url));
  const target = process.env.CARGO_TARGET_DIR ?? join(repo, 'target');
  const python = process.env.TRE_TEST_PYTHON ?? join(target, 'test-venv/bin/python');
  const signed = join(testDir, 'signed');
  execFileSync(python, [join(repo, 'tests/fixtures/sign_pdf.py'), join(testDir, 'ban-ky.pdf'), signed]);
  await t('nav-register').click();
  const row = t('register-row').first();
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), join(signed, 'two.pdf'));
  await row.getByTestId('register-attach').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="register-row"]')[0].querySelectorAll('[data-testid="signature"]').length === 2);
  const sigs = row.getByTestId('signature');
  assert.deepEqual(await sigs.evaluateAll((els) => els.map((e) => [e.dataset.status, e.dataset.chain])), [
    ['intact', 'unchecked'],
    ['intact', 'unchecked'],
  ]);
  assert.match(await sigs.first().textContent(), /Nguyễn Văn An \(nguyên vẹn, chưa kiểm tra chuỗi chứng thư\)/);
  assert.match(await sigs.first().locator('span[title]').getAttribute('title'), /chưa kiểm tra chuỗi chứng thư \(chưa nhập chứng thư gốc tin cậy\)/);
  // The pages, drawn from the bytes kept.
  await row.getByTestId('register-view').click();
  await t('copy-thumbs').waitFor();
  const pages = Number(await t('copy-thumbs').getAttribute('data-pages'));
  assert.ok(pages >= 1);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="copy-thumb"]').length === n, pages, { timeout: 20000 });
  await t('copy-dialog').getByText('Đóng', { exact: true }).click();
  // A root imported: both chains lead to it.
  await t('trust-open').click();
  await t('trust-empty').waitFor();
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), join(signed, 'root.pem'));
  await t('trust-import').click();
  await t('trust-root').waitFor();
  assert.match(await t('trust-root').textContent(), /Tre Test Root CA/);
  await t('trust-dialog').getByText('Đóng', { exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="register-row"]')[0].querySelectorAll('[data-testid="signature"]')].every((e) => e.dataset.chain === 'trusted'));
  assert.match(await sigs.first().locator('span[title]').getAttribute('title'), /chứng thư gốc tin cậy “Tre Test Root CA”/);
});

await step('the outbox: the mail settings are checked by the core, a dossier is queued, a message can be dropped', async () => {
  await t('nav-register').click();
  await t('outbox').waitFor();
  await t('outbox-settings-open').click();
  await t('ob-host').fill('mail phutho');
  await t('ob-user').fill('vhxh.tanlap@tuyenquang.gov.vn');
  await t('ob-from').fill('vhxh.tanlap@tuyenquang.gov.vn');
  await t('ob-save').click();
  assert.match(await t('ob-error').textContent(), /Máy chủ thư “mail phutho” không hợp lệ/);
  await t('ob-host').fill('mail.tuyenquang.gov.vn');
  await t('ob-save').click();
  await t('outbox-settings').waitFor({ state: 'detached' });
  const settings = await core('outbox_settings');
  assert.deepEqual([settings.host, settings.port, settings.security], ['mail.tuyenquang.gov.vn', 587, 'starttls']);
  // Queued from "Tạo hồ sơ gửi" with drafts (nothing here is signed and scanned but one plan).
  const commune = await core('commune_get');
  await core('commune_set', { commune: { ...commune, superior_email: 'vanthu.syt@tuyenquang.gov.vn' } });
  await t('nav-assessment').click();
  await t('verdict-total').waitFor();
  await t('dossier-build').click();
  await t('dossier-drafts').check();
  await t('dossier-send').click();
  await t('dossier-queued').waitFor({ timeout: 60000 });
  await t('nav-register').click();
  await t('outbox-message').first().waitFor();
  assert.equal(await t('outbox-message').first().getAttribute('data-state'), 'queued');
  assert.match(await t('outbox-message').first().textContent(), /Đến vanthu\.syt@tuyenquang\.gov\.vn/);
  const before = await t('outbox-message').count();
  await t('outbox-message').first().getByTestId('outbox-cancel').click();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid="outbox-message"]').length === n - 1, before);
});

await step('the province imports the dossier just built from its folder, consolidates it and exports Excel and the report', async () => {
  // The commune's dossier (drafts) written into the export folder, as the province receives it.
  const year = (await core('plans_list', { year: null }))[0].year;
  await core('dossier_build', { year, options: { drafts: true, docx: false, max_email_bytes: 20000000 } });
  const exports = join(testDir, 'Tre');
  const zips = readdirSync(exports).filter((f) => f.endsWith('.zip'));
  assert.ok(zips.length >= 1, readdirSync(exports).join(', '));
  await t('nav-province').click();
  await t('province-year').fill(String(year));
  await t('province-year').dispatchEvent('change');
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), exports);
  await t('province-import-folder').click();
  await t('province-import-result').waitFor({ timeout: 60000 });
  const result = await t('province-import-result').textContent();
  assert.match(result, /nguyên vẹn/, result);
  await t('province-table').waitFor();
  const commune = await core('commune_get');
  assert.match(await t('province-table').textContent(), new RegExp(`${commune.kind} ${commune.name}`));
  // Every header fits its column (the fixed layout of a list once drew them over each other).
  const squeezed = await t('province-table').locator('th').evaluateAll((ths) =>
    ths.filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent),
  );
  assert.deepEqual(squeezed, [], 'province table headers overflow their columns');
  await shot('province-consolidated');
  await t('province-export-xlsx').click();
  assert.match(await t('province-exported').textContent(), /Tong-hop-ket-qua.*\.xlsx/);
  // The report is refused until the issuing body is named, then written.
  await t('province-export-pdf').click();
  await page.getByRole('alert').filter({ hasText: 'tên cơ quan ban hành' }).waitFor();
  await t('province-issuer').fill('Sở Y tế tỉnh Tuyên Quang');
  await t('province-place').fill('Tuyên Quang');
  await t('province-export-pdf').click();
  await page.locator('[data-testid="province-exported"]', { hasText: '.pdf' }).waitFor();
  const trends = await core('province_trends', { commune: null });
  assert.equal(trends.length, 1, JSON.stringify(trends));
  await t('province-trend-show').click();
  await t('province-trend').waitFor();
});

await step('the assessment page charts every stored year from the core, criteria then one criterion\'s sub-items', async () => {
  await core('assessment_set', { year: 2025, edit: { code: '7.1', value: '900/1000' } });
  await core('assessment_set', { year: 2026, edit: { code: '7.1', value: '412/415' } });
  await t('nav-plans').click();
  await t('nav-assessment').click();
  await t('trend-svg').waitFor();
  const trends = await core('assessment_trends');
  assert.ok(trends.years.includes(2025) && trends.years.includes(2026), JSON.stringify(trends.years));
  const bars = (group) => page.locator(`[data-testid="trend-bar"][data-group="${group}"]`).evaluateAll((els) => els.map((e) => Number(e.dataset.year)));
  assert.deepEqual(await bars('7'), trends.criteria.find((c) => c.code === '7').points.map((p) => p.year));
  // The chart fits the main column: no sideways scrolling at 1024 px.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1));
  await t('trend-chart').scrollIntoViewIfNeeded();
  await shot('assessment-trends');
  await t('trend-select').selectOption('7');
  await page.locator('[data-testid="trend-bar"][data-group="7.1"]').first().waitFor();
  // 2025's 90 % waits for hand points: no bar that year, and the table says why.
  assert.deepEqual(await bars('7.1'), [2026]);
  await t('trend-table-toggle').click();
  assert.match(await t('trend-table').textContent(), /900\/1000 \(90 %\) → chưa chấm/);
  assert.match(await page.locator('[data-testid="trend-svg"] title').first().textContent(), /Tiêu chí 7/);
});

await step('a score table exported by Tre seeds an earlier year from the page; a year with figures needs "replace"', async () => {
  const xlsx = await core('assessment_export', { kind: 'assessment', year: 2026, format: 'xlsx' });
  const importAs = async (year, replace) => {
    await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), xlsx);
    await t('score-import').click();
    await t('score-import-dialog').waitFor();
    await t('score-import-year').fill(String(year));
    if (replace) await t('score-import-replace').check();
    await t('score-import-run').click();
  };
  await importAs(2023, false);
  await t('score-import-dialog').waitFor({ state: 'detached' });
  assert.match(await toastText(), /Đã nhập bảng điểm năm 2023/);
  await page.locator('[data-testid="trend-bar"][data-year="2023"]').first().waitFor();
  const trends = await core('assessment_trends');
  const total = (y) => trends.totals.find((x) => x.year === y)?.total;
  assert.equal(total(2023), total(2026));
  await importAs(2023, false);
  assert.match(await t('score-import-error').textContent(), /Năm 2023 đã có số liệu/);
  await shot('assessment-score-import-refused');
  await t('score-import-replace').check();
  await t('score-import-run').click();
  await t('score-import-dialog').waitFor({ state: 'detached' });
});

// A USB stick stands in as a folder outside the database's (the core refuses a copy beside it).
const usb = mkdtempSync(join(tmpdir(), 'tre-usb-'));

await step('the home page reminds to back up off the laptop; a copy to a chosen folder removes the reminder', async () => {
  await t('nav-plans').click();
  await t('backup-reminder').waitFor();
  assert.match(await t('backup-reminder').textContent(), /Chưa sao lưu ra ngoài máy/);
  // The export folder sits beside the database: refused, in Vietnamese.
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), join(testDir, 'Tre'));
  await t('reminder-choose').click();
  await page.getByText('nằm trên cùng chỗ với tệp dữ liệu').waitFor();
  await t('backup-reminder').waitFor();
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), usb);
  await t('reminder-choose').click();
  await t('backup-reminder').waitFor({ state: 'detached' });
  const copies = readdirSync(usb).filter((f) => /^tre-sao-luu-.*\.db$/.test(f));
  assert.equal(copies.length, 1, readdirSync(usb).join(', '));
  assert.match(await toastText(), new RegExp(`Đã sao lưu vào tệp ${copies[0].replace(/[.]/g, '\\.')} trong thư mục .*Tre đã đọc lại`));
  const status = await core('backup_status');
  assert.deepEqual([status.due, status.folder, status.days_since], [false, usb, 0]);
});

await step('the backups page lists the off-laptop copy; restoring it (confirmed) brings its data back and keeps the current data aside', async () => {
  const before = await core('plans_list', { year: null });
  // A change after the copy, which the restore takes back.
  await core('plan_new', { year: before[0].year, template: 'blank' });
  await t('nav-backups').click();
  assert.match(await t('offsite-status').textContent(), /Lần sao lưu ra ngoài máy gần nhất: hôm nay .*, vào /);
  assert.match(await t('offsite-now').textContent(), new RegExp(`Sao lưu ngay vào ${usb}`));
  const item = page.locator('[data-testid="backup-item"][data-kind="off-laptop"]');
  await item.waitFor({ timeout: 20000 });
  assert.match(await item.textContent(), new RegExp(`Ngoài máy \\(USB, thư mục đồng bộ\\).*xã Tân Lập.*${before.length} kế hoạch`));
  await item.getByTestId('backup-restore').click();
  await t('confirm-dialog').waitFor();
  assert.match(await t('confirm-dialog').textContent(), /Dữ liệu đang dùng không bị mất/);
  await t('confirm-ok').click();
  await page.getByText('Đã khôi phục dữ liệu từ bản sao lưu ngày').waitFor({ timeout: 20000 });
  assert.match(await toastText(), /Dữ liệu trước đó được giữ lại trong tệp .*tre-before-restore-/);
  // The app starts again on the restored data, on the home page.
  await t('plan-list').waitFor();
  const shown = Number(await t('plan-list').getAttribute('data-year'));
  const after = await core('plans_list', { year: null });
  assert.deepEqual(after.map((p) => p.id), before.map((p) => p.id));
  assert.equal(await t('plan-item').count(), after.filter((p) => p.year === shown).length);
  // What was replaced is offered in turn.
  await t('nav-backups').click();
  const aside = page.locator('[data-testid="backup-item"][data-kind="before-restore"]');
  await aside.waitFor({ timeout: 20000 });
  assert.match(await aside.textContent(), new RegExp(`${before.length + 1} kế hoạch`));
});

await step('when the data cannot be opened, the backups are listed and one click restores the newest', async () => {
  // The dev server cannot start on a damaged file (tests/e2e/restore.py damages the real
  // app's): here the first question the app asks is answered as the shell would then.
  let once = true;
  await page.route('**/invoke/commune_get', (route) => {
    if (!once) return route.continue();
    once = false;
    const message = `Tệp dữ liệu ${join(testDir, 'tre.db')} bị hỏng hoặc không phải tệp của Tre (hỏng). Hãy khôi phục từ một bản sao lưu; tệp hỏng được giữ nguyên.`;
    return route.fulfill({ json: { error: { code: 'db-corrupt', message } } });
  });
  await page.reload();
  await t('start-error').waitFor();
  assert.match(await t('start-error-text').textContent(), /bị hỏng/);
  await t('backup-item').first().waitFor({ timeout: 20000 });
  const newest = await core('backup_inspect', { path: await t('backup-item').first().getAttribute('data-path') });
  assert.match(await t('backup-item').first().textContent(), /Mới nhất/);
  await t('backup-restore').first().click();
  await t('plan-list').waitFor({ timeout: 20000 });
  assert.equal(await t('confirm-dialog').count(), 0);
  assert.equal((await core('plans_list', { year: null })).length, newest.plans);
  await page.unrouteAll();
});

await step('a chosen file that is not a Tre backup is refused in Vietnamese', async () => {
  await t('nav-backups').click();
  await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), join(testDir, 'ban-ky.pdf'));
  await t('backup-pick').click();
  await t('restore-error').waitFor();
  const text = await t('restore-error').textContent();
  assert.match(text, /không phải bản sao lưu hợp lệ của Tre/);
  // Vietnamese only: none of SQLite's English, no command line.
  assert.doesNotMatch(text, /file is|not a database|malformed|tre restore|dòng lệnh/i);
});
rmSync(usb, { recursive: true, force: true });

await browser.close();
for (const p of problems) console.log(`console: ${p}`);
console.log(`${passed} passed, ${failed + (problems.length ? 1 : 0)} failed`);
process.exitCode = failed || problems.length ? 1 : 0;
