// The driver's half of the UI bridge: each request from bridge-protocol.ts done with
// Playwright on the real workbench DOM of VS Code 1.100 (web). Selectors are the
// workbench's own class names; if a VS Code upgrade breaks one, it breaks here only.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { BridgeRequestName, BridgeRequests } from './bridge-protocol';

export type UiActions = {
  [K in BridgeRequestName]: (args: BridgeRequests[K]['args']) => Promise<BridgeRequests[K]['result']>;
};

function exactly(text: string, flags = ''): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, flags);
}

/** A webview is iframe.webview.ready holding #active-frame, which holds the extension's HTML. */
function activeWebview(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** The workbench's modal dialog (a message with buttons), at most one at a time. */
function dialogBox(page: Page): Locator {
  return page.locator('.monaco-dialog-box').first();
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget .quick-input-box input');
}

/** The row of the open quick pick whose label is exactly `label`. */
function quickRow(page: Page, label: string): Locator {
  return page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) })
    .first();
}

/**
 * Moves the mouse off the row it rests on since the last click, so that row's tooltip (a
 * hover, shown after a delay) neither covers the rows below nor opens during the next click.
 */
async function dismissHover(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  const hover = page.locator('.context-view .hover-contents, .monaco-hover.workbench-hover').first();
  await hover.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
}

export function uiActions(page: Page, screenshotDir: string, log: (msg: string) => void): UiActions {
  const screenshot = async ({ name }: { name: string }): Promise<string> => {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
    await page.screenshot({ path });
    log(`screenshot: ${path}`);
    return path;
  };

  return {
    async runPaletteCommand({ title }) {
      // A command whose `when` clause has just become true (a context key set by the
      // extension a moment ago) may be missing from a palette opened before the workbench
      // took the key; reopening the palette lists it, so look a few times before giving up.
      const row = quickRow(page, title);
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('F1');
        const input = quickInput(page);
        await input.waitFor({ state: 'visible' });
        await input.fill(`>${title}`);
        try {
          await row.waitFor({ state: 'visible', timeout: 3_000 });
          break;
        } catch (err) {
          if (attempt === 4) throw err;
          await page.keyboard.press('Escape');
          await input.waitFor({ state: 'hidden' });
        }
      }
      // Enter runs the focused row, which is not always the exact match (recently used
      // commands sort first), so focus the exact row before pressing Enter.
      await row.hover();
      await row.click();
      return null;
    },

    async typeInQuickInput({ text, submit }) {
      const input = quickInput(page);
      await input.waitFor({ state: 'visible' });
      await input.fill(text);
      if (submit) await input.press('Enter');
      return null;
    },

    async quickInputMessage() {
      const msg = page.locator('.quick-input-widget .quick-input-message').first();
      if (!(await msg.isVisible())) return '';
      return (await msg.innerText()).trim();
    },

    async quickInputValue() {
      const input = quickInput(page);
      await input.waitFor({ state: 'visible' });
      return input.inputValue();
    },

    async pickQuickItem({ label }) {
      await quickRow(page, label).click();
      return null;
    },

    async pressKey({ key }) {
      await page.keyboard.press(key);
      return null;
    },

    async clickTreeItem({ viewTitle, label, button }) {
      const header = page.locator('.pane-header').filter({
        has: page.locator('.title', { hasText: exactly(viewTitle, 'i') }),
      });
      const pane = page.locator('.pane').filter({ has: header }).first();
      await pane.waitFor({ state: 'attached' });
      // A collapsed view has no rows in the DOM; open it first.
      if ((await header.first().getAttribute('aria-expanded')) === 'false') await header.first().click();
      const rows = pane.locator('.monaco-list-row');
      const row = rows
        .filter({ has: page.locator('.label-name', { hasText: exactly(label) }) })
        .or(rows.and(page.locator(`[aria-label="${label.replace(/"/g, '\\"')}"]`)))
        .first();
      await dismissHover(page);
      await row.click({ button });
      return null;
    },

    async clickContextMenuItem({ label }) {
      // Web workbench menus are HTML inside a shadow root; Playwright's CSS pierces it.
      const item = page
        .locator('.monaco-menu .action-menu-item')
        .filter({ has: page.locator('.action-label', { hasText: exactly(label) }) })
        .first();
      await item.click();
      return null;
    },

    async contextMenuItems() {
      const items = page.locator('.monaco-menu .actions-container > .action-item');
      await items.first().waitFor({ state: 'visible' });
      return items.evaluateAll((els) =>
        els.map((li) => {
          if (li.querySelector('.separator')) return '---';
          const label = li.querySelector('.action-label')?.textContent?.trim() ?? '';
          const keys = li.querySelector('.keybinding')?.textContent?.trim() ?? '';
          return keys ? `${label} ${keys}` : label;
        }),
      );
    },

    async countInWebview({ selector }) {
      return activeWebview(page).locator(selector).count();
    },

    async webviewText({ selector }) {
      return (await activeWebview(page).locator(selector).first().innerText()).trim();
    },

    async clickInWebview({ selector, button, position }) {
      const target = activeWebview(page).locator(selector).first();
      if (position) {
        // A click at a point, on whatever is there then (rows of a streaming table move, so
        // Playwright's wait for a stable element and its hit-target check do not apply).
        await target.waitFor({ state: 'visible' });
        const box = await target.boundingBox();
        if (!box) throw new Error(`${selector} has no box on screen`);
        await page.mouse.click(box.x + position.x, box.y + position.y, { button: button ?? 'left' });
        return null;
      }
      await target.click({ button: button ?? 'left' });
      return null;
    },

    async hoverInWebview({ selector }) {
      await activeWebview(page).locator(selector).first().hover();
      return null;
    },

    async typeInWebview({ selector, text }) {
      await activeWebview(page).locator(selector).first().fill(text);
      return null;
    },

    async evalInWebview({ js }) {
      const result = await activeWebview(page)
        .locator(':root')
        .evaluate((_el, src) => (0, eval)(src) as unknown, js);
      return result ?? null;
    },

    screenshot,

    async workbenchText({ selector }) {
      return (await page.locator(selector).first().innerText()).trim();
    },

    async countInWorkbench({ selector }) {
      return page.locator(selector).count();
    },

    async clickInWorkbench({ selector, hover }) {
      // Inline tree actions and view title buttons show only while their row or pane is hovered.
      if (hover) await page.locator(hover).first().hover();
      await page.locator(selector).first().click();
      return null;
    },

    async dialog() {
      const box = dialogBox(page);
      if (!(await box.isVisible())) return null;
      const text = async (sel: string): Promise<string> => {
        const el = box.locator(sel).first();
        return (await el.count()) > 0 ? (await el.innerText()).trim() : '';
      };
      const buttons = box.locator('.dialog-buttons a.monaco-button, .dialog-buttons .monaco-button');
      const labels = (await buttons.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
      const focused = await box.evaluate((el) => {
        const active = el.ownerDocument.activeElement;
        return active && el.contains(active) && active.classList.contains('monaco-button') ? (active.textContent ?? '').trim() : undefined;
      });
      return { message: await text('.dialog-message-text'), detail: await text('.dialog-message-detail'), buttons: [...new Set(labels)], focused: focused ?? undefined };
    },

    async clickDialogButton({ label }) {
      await dialogBox(page).locator('.dialog-buttons .monaco-button', { hasText: exactly(label) }).first().click();
      return null;
    },

    async setViewportSize({ width, height }) {
      const before = page.viewportSize() ?? { width: 0, height: 0 };
      await page.setViewportSize({ width, height });
      return before;
    },

    async hoverText({ selector }) {
      // Away first (onto the editor area's empty corner, which has no tooltip of its own), so
      // a hover still open from an earlier ask is not read as this one.
      await page.locator('.part.editor').first().hover({ position: { x: 5, y: 5 } });
      await page.locator('.workbench-hover-container .monaco-hover').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
      await page.locator(selector).first().hover();
      // A tooltip (tree row, status bar item) opens after the workbench's hover delay.
      const hover = page.locator('.workbench-hover-container .monaco-hover').first();
      await hover.waitFor({ state: 'visible', timeout: 10_000 });
      return (await hover.innerText()).trim();
    },
  };
}
