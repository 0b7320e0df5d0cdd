// A small browser for inject(): keeps cookies, reads CSRF tokens from pages, follows the PRG flow.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export const DEMO_PASSWORD = 'Rathaus-Demo-2026';

export class Browser {
  cookies = new Map<string, string>();
  constructor(readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      if (c.value === '' || c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    const res = await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /** Posts a form the way a browser would, with the CSRF token of the page it came from. */
  async post(url: string, fields: Record<string, string>, csrfFrom?: string, headers: Record<string, string> = {}) {
    const token = csrfFrom ? csrfToken(csrfFrom) : await this.freshToken();
    const body = new URLSearchParams({ _csrf: token, ...fields }).toString();
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
    this.remember(res);
    return res;
  }

  async postMultipart(url: string, fields: Record<string, string>, files: Array<{ field: string; filename: string; contentType: string; data: Buffer }>) {
    const token = await this.freshToken();
    const boundary = `----rathaus${Math.random().toString(16).slice(2)}`;
    const parts: Buffer[] = [];
    for (const [k, v] of Object.entries({ _csrf: token, ...fields })) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
    }
    for (const f of files) {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: ${f.contentType}\r\n\r\n`),
        f.data,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: Buffer.concat(parts),
      headers: { cookie: this.cookieHeader(), 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    this.remember(res);
    return res;
  }

  /** A token for the CSRF secret this browser holds, from a page that always has a form. */
  private async freshToken() {
    const secret = this.cookies.get('rathaus_csrf');
    const res = await this.app.inject({ method: 'GET', url: '/verwaltung/anmelden', headers: { cookie: secret ? `rathaus_csrf=${secret}` : '' } });
    this.remember(res);
    return csrfToken(res.body);
  }

  async login(email: string, password = DEMO_PASSWORD, headers: Record<string, string> = {}) {
    const page = await this.get('/verwaltung/anmelden');
    return this.post('/verwaltung/anmelden', { email, password }, page.body, headers);
  }
}

export function csrfToken(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('page has no CSRF token');
  return match[1]!;
}

/** The smallest valid PDF, recognised by its bytes. */
export const TINY_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
