// Firefox for the Python tests (tests/engines.py): Debian's firefox-esr driven over WebDriver
// BiDi by puppeteer-core (no geckodriver). One command per line on stdin, as JSON
// {"id", "method", "params"}; one answer per line on stdout, {"id", "result"} or {"id", "error"}.
// Each tab is a page in its own browser context (its own storage), as Playwright's are.
import readline from "node:readline";
import { writeFile } from "node:fs/promises";
import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  protocol: "webDriverBiDi",
  executablePath: process.env.FIREFOX_PATH,
  headless: true,
  // As the Chromium tests run theirs: nothing fetched from outside the site.
  extraPrefsFirefox: { "app.update.enabled": false, "browser.safebrowsing.malware.enabled": false, "network.captive-portal-service.enabled": false },
});

const tabs = new Map();
let nextTab = 1;

const commands = {
  async open({ width = 1280, height = 800 }) {
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width, height });
    page.on("dialog", (dialog) => dialog.accept()); // confirm() is answered "OK", as a reader would
    const id = nextTab++;
    tabs.set(id, { context, page });
    return id;
  },
  async close({ tab }) {
    await tabs.get(tab).context.close();
    tabs.delete(tab);
  },
  goto: ({ page, url }) => page.goto(url, { waitUntil: "load" }).then(() => null),
  reload: ({ page }) => page.reload({ waitUntil: "load" }).then(() => null),
  // `source` is a function's text, called with `arg`; its (awaited) result is the answer.
  evaluate: ({ page, source, arg }) => page.evaluate(`(${source})(${JSON.stringify(arg ?? null)})`),
  click: ({ page, selector }) => page.click(selector),
  type: async ({ page, selector, text }) => {
    await page.click(selector);
    await page.keyboard.type(text);
  },
  upload: async ({ page, selector, path }) => {
    const input = await page.$(selector);
    await input.uploadFile(path);
  },
  // Printed as a reader's print dialog does by default: without "background graphics".
  pdf: async ({ page, path, format, margin }) => {
    await writeFile(path, await page.pdf({ format, margin }));
  },
  version: () => browser.version(),
};

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const { id, method, params = {} } = JSON.parse(line);
  let answer;
  try {
    const page = params.tab ? tabs.get(params.tab)?.page : undefined;
    answer = { id, result: (await commands[method]({ ...params, page })) ?? null };
  } catch (error) {
    answer = { id, error: String(error?.stack || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
await browser.close();
