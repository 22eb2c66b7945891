// Typing in a long plan (about 10 A4 pages) must stay smooth: measures the main thread's
// long tasks and the time keystrokes take, against the real core (tre-dev-server).
// Usage: bash scripts/with-core.sh node scripts/perf.mjs
import { chromium } from 'playwright-core';
import { coreAt } from './core.mjs';

const base = process.env.TRE_UI_URL ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
// Slow the CPU down like an old laptop.
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(process.env.THROTTLE ?? 4) });
const t = (id) => page.getByTestId(id);
await page.goto(`${base}?demo`);
await t('plan-item').first().waitFor();
// Make the qd06 plan long: 12 parts × 3 subsections × 3 paragraphs, saved through the core.
const core = coreAt(base);
const { id } = (await core('plans_list', { year: null })).find((p) => p.template === 'qd06');
const { plan } = await core('plan_get', { id });
const text = 'Tăng cường công tác tuyên truyền, phổ biến, giáo dục pháp luật về bảo vệ, chăm sóc và giáo dục trẻ em; nâng cao nhận thức, trách nhiệm của gia đình, nhà trường và xã hội trong việc thực hiện quyền trẻ em trên địa bàn.';
const roman = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
plan.sections = roman.map((r) => ({
  label: r,
  title: `PHẦN ${r}`,
  paragraphs: [],
  children: [1, 2, 3].map((n) => ({ label: String(n), title: `Nội dung ${n}`, paragraphs: [text, text, text], children: [] })),
}));
await core('plan_update', { id, plan });
await page.evaluate((id) => (location.hash = `#/ke-hoach/${id}`), id);
await t('paragraph').first().waitFor();
await page.waitForFunction(() => document.querySelectorAll('[data-testid="preview-page"]').length >= 8, null, { timeout: 20000 });
const pages = await t('preview-page').count();
const paragraphs = await t('paragraph').count();

await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ entryTypes: ['longtask'] });
});
const target = t('paragraph').nth(60);
await target.evaluate((el) => el.scrollIntoView({ block: 'center' }));
await target.click();
await page.keyboard.press('End');
const start = Date.now();
const typed = ' Thêm nội dung về Tháng hành động vì trẻ em năm nay.';
await page.keyboard.type(typed, { delay: 60 });
const typingMs = Date.now() - start;
await page.waitForFunction(() => document.querySelector('[data-testid="save-status"]')?.dataset.state === 'saved', null, { timeout: 20000 });
const long = await page.evaluate(() => window.__long);
// The same typing into a bare textarea outside the app: the cost of the test harness itself.
await page.evaluate(() => {
  const ta = document.createElement('textarea');
  ta.id = 'bare';
  ta.style.cssText = 'position:fixed;left:0;top:0;z-index:99';
  document.body.append(ta);
});
await page.locator('#bare').click();
const bareStart = Date.now();
await page.keyboard.type(typed, { delay: 60 });
const bareMs = Date.now() - bareStart;
const perKey = (typingMs - bareMs) / typed.length;
console.log(JSON.stringify({ pages, paragraphs, keys: typed.length, msPerKeyOverBare: Math.round(perKey), bareMsPerKey: Math.round(bareMs / typed.length - 60), longTasks: long.length, longestTaskMs: Math.round(Math.max(0, ...long)) }));
await browser.close();
if (perKey > 50) process.exitCode = 1;
