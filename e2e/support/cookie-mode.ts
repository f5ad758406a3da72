import type { Page } from '@playwright/test';

/**
 * Serves the demo's pages with `data-cookies="<mode>"` on the script tag, for the tests of one
 * mode's behaviour: the demo's endpoint shares the page's origin, which on its own means server mode.
 */
export async function useCookieMode(page: Page, mode: 'script' | 'server'): Promise<void> {
  await page.route(
    (url) => !/\.(js|css|svg|ico|json)$/.test(url.pathname) && !url.pathname.startsWith('/leadbeacon'),
    async (route) => {
      // Fetched from Node, which knows nothing of Chromium's --host-resolver-rules: every test host maps to 127.0.0.1.
      const url = new URL(route.request().url());
      url.hostname = '127.0.0.1';
      const response = await route.fetch({ url: url.href });
      const body = (await response.text()).replace(/data-endpoint=/g, `data-cookies="${mode}" data-endpoint=`);
      await route.fulfill({ response, body });
    },
  );
}
