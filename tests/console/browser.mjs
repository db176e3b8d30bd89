// What every browser test of the console shares: Debian's chromium through playwright-core
// (headless, an empty profile in OUT_DIR), a watch that every request stays on 127.0.0.0/8 and
// that the page throws nothing, screenshots, the typed confirmation dialog, and waiting.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export async function openConsole(base, out) {
  const started = Date.now();
  const shots = [];
  const offMachine = [];
  const pageErrors = [];
  const userData = fs.mkdtempSync(path.join(out, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userData, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-sync', '--disable-features=Translate,MediaRouter'],
    viewport: { width: 1280, height: 900 },
  });
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (!/^127\.\d+\.\d+\.\d+$/.test(url.hostname)) offMachine.push(request.url());
  });
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const browser = {
    page,
    shots,
    step: (text) => console.log(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`),
    api: async (p) => (await fetch(`${base}/_faultbox/${p}`)).json(),
    async waitFor(what, check, seconds) {
      const until = Date.now() + seconds * 1000;
      for (;;) {
        const value = await check();
        if (value) return value;
        if (Date.now() > until) throw new Error(`timed out after ${seconds} s waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    async shot(name) {
      const file = path.join(out, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      shots.push(file);
    },
    async confirmWith(word) {
      const dialog = page.locator('dialog#confirm');
      await dialog.waitFor({ state: 'visible' });
      await dialog.locator('.word-input').fill(word);
      await dialog.locator('button.ok').click();
    },
    // Fails when the page threw or a request left the machine.
    checkClean() {
      if (pageErrors.length) throw new Error(`errors in the page: ${pageErrors.join('\n')}`);
      if (offMachine.length) throw new Error(`requests left the machine: ${offMachine.join(', ')}`);
    },
    close: () => context.close(),
  };
  return browser;
}

// Runs `steps` with the console open; a failure is a screenshot, a message and exit status 1.
export async function runSteps(name, steps) {
  const [base, out] = process.argv.slice(2);
  if (!base || !out) {
    console.error(`usage: node ${name}.mjs BASE_URL OUT_DIR`);
    process.exit(2);
  }
  const browser = await openConsole(base, out);
  try {
    await steps(browser, base);
    browser.checkClean();
    browser.step('no request left 127.0.0.0/8');
    console.log('screenshots:');
    for (const f of browser.shots) console.log(`  ${f}`);
    console.log(`${name}: ok`);
  } catch (e) {
    await browser.shot('failure').catch(() => {});
    console.error(`FAIL: ${e.message}`);
    console.error(`screenshots: ${browser.shots.join(' ')}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
