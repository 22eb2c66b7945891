// Clicks through the UI (on the real core, tre-dev-server) in headless Chromium and saves screenshots.
// Usage: bash scripts/with-core.sh node scripts/screenshots.mjs [outdir]
// Needs a system Chromium (Debian: apt-get install chromium); no browser is downloaded.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { coreAt } from './core.mjs';

const out = process.argv[2] ?? 'screenshots';
const base = process.env.TRE_UI_URL ?? 'http://127.0.0.1:4173/';
const core = coreAt(base);
const width = Number(process.env.W ?? 1280);
const height = Number(process.env.H ?? 800);
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width, height }, locale: 'vi-VN' });
const problems = [];
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
});
const t = (id) => page.getByTestId(id);
const closeToasts = async () => {
  for (const b of await page.getByLabel('Đóng thông báo').all()) await b.click().catch(() => {});
};

await page.goto(base);
await t('setup-name').waitFor();
// Setup: type a commune, let the derived fields fill in, try to save with a missing leader.
await t('setup-name').fill('Tân Lập');
await t('setup-province').fill('Tuyên Quang');
await page.waitForTimeout(200);
await page.screenshot({ path: `${out}/setup.png` });
await t('setup-save').click();
await page.screenshot({ path: `${out}/setup-errors.png` });

// Demo data instead.
await t('use-demo').click();
await t('plan-list').waitFor();
await page.waitForTimeout(300);
await closeToasts();
await page.screenshot({ path: `${out}/home.png` });

// New plan from a template.
await t('new-plan').click();
await t('template-card-qd06').waitFor();
await page.screenshot({ path: `${out}/templates.png` });
await page.keyboard.press('Escape');

// Editor on the qd06 plan (numbered and dated), first in the list.
await t('plan-open').first().click();
await t('section-title').first().waitFor();
await t('preview-page').first().waitFor();
await page.waitForTimeout(400);
// An edit: the status goes to "Đang lưu…" then "Đã lưu".
const para = t('paragraph').first();
await para.click();
await page.keyboard.press('End');
await page.keyboard.type(' Thêm một câu.');
await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.textContent?.includes('Đã lưu'));
await closeToasts();
await page.getByTestId('editor-form').evaluate((el) => el.scrollTo(0, 0));
await page.screenshot({ path: `${out}/editor.png` });
// The deadlines part of the editor.
await page.locator('#p-deadlines').scrollIntoViewIfNeeded();
await page.screenshot({ path: `${out}/editor-deadlines.png` });

await t('nav-deadlines').click();
await t('deadlines-table').waitFor();
await page.screenshot({ path: `${out}/deadlines.png` });

// The register: the demo's numbered plan is signed; record that it was sent.
await t('nav-register').click();
await t('register-table').waitFor();
await t('register-send').first().click();
await t('send-note').fill('Số đến 125');
await page.screenshot({ path: `${out}/register-send.png` });
await t('send-ok').click();
await page.locator('[data-testid="register-row"][data-state="sent"]').waitFor();
await closeToasts();
await page.screenshot({ path: `${out}/register.png` });

// An e-signed copy (pyHanko, from target/test-venv, signs the plan twice under a test CA):
// its signatures in the register, then its pages.
const repo = fileURLToPath(new URL('../..', import.meta.url));
const python = process.env.TRE_TEST_PYTHON ?? join(process.env.CARGO_TARGET_DIR ?? join(repo, 'target'), 'test-venv/bin/python');
const dir = process.env.TRE_TEST_DIR;
const key = await t('register-row').first().getAttribute('data-key');
await core('export_plan', { id: Number(key.split(':')[1]), format: 'pdf', path: join(dir, 'ke-hoach.pdf') });
execFileSync(python, [join(repo, 'tests/fixtures/sign_pdf.py'), join(dir, 'ke-hoach.pdf'), join(dir, 'signed')]);
await page.evaluate((p) => (window.__TRE_E2E_OPEN__ = p), join(dir, 'signed', 'two.pdf'));
await t('register-attach').first().click();
await page.locator('[data-testid="signature"]').nth(1).waitFor();
await closeToasts();
await page.screenshot({ path: `${out}/register-signatures.png` });
await t('register-view').first().click();
await page.locator('[data-testid="copy-thumb"]').first().waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: `${out}/signed-copy-pages.png` });

await browser.close();
if (problems.length) {
  console.log(problems.join('\n'));
  process.exitCode = 1;
} else console.log(`screenshots in ${out}/`);
