// Pixel URL templates: `{{page_url}}`, `{{referrer}}`, `{{cachebuster}}`, `{{dl.cart.total}}` …
// The same grammar validates a template on save and fills it in the visitor's browser.

export const TEMPLATE_PATTERN = /\{\{\s*([a-z_]+)(?:\.([\w$.-]+))?\s*\}\}/g;

/** Placeholder names a template may use, with what they stand for (shown in the console). */
export const TEMPLATE_VARIABLES: Record<string, string> = {
  page_url: 'the full address of the page',
  page_path: 'the path of the page',
  page_host: 'the host name of the page',
  page_title: 'the page title',
  referrer: 'the address the visitor came from',
  cachebuster: 'a random number, so browsers never reuse a cached pixel',
  event: 'the name of the event that fired the tag',
  dl: 'a data-layer value, written as dl.path, for example dl.cart.total',
};

/** Names used in a template that are not known placeholders, for a save-time error. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(TEMPLATE_PATTERN)) {
    const name = match[1] ?? '';
    const known = name === 'dl' ? Boolean(match[2]) : name in TEMPLATE_VARIABLES && !match[2];
    if (!known) unknown.push(match[0]);
  }
  return unknown;
}

/**
 * Fills a template; `read` answers a placeholder's raw value. Values are URL-encoded by default,
 * so values from the page can never change the shape of a pixel URL; vendor fields pass `String`.
 */
export function fillTemplate(
  template: string,
  read: (name: string, path?: string) => unknown,
  encode: (value: string) => string = encodeURIComponent,
): string {
  return template.replace(TEMPLATE_PATTERN, (_all, name: string, path?: string) => {
    const value = read(name, path);
    return value === undefined || value === null ? '' : encode(String(value));
  });
}
