import { describe, expect, it } from 'vitest';
import { scrapeAccess } from './metrics.ts';

const TOKEN = 'prometheus-scrape-token';

describe('who may read /metrics', () => {
  it('nobody, when neither a token nor addresses are configured', () => {
    const may = scrapeAccess({ metricsToken: undefined, metricsAllow: [] });
    expect(may({ authorization: undefined, ip: '127.0.0.1' })).toBe(false);
    expect(may({ authorization: undefined, ip: '::1' })).toBe(false);
    expect(may({ authorization: 'Bearer ', ip: '127.0.0.1' })).toBe(false);
  });

  it('a request with the exact bearer token, from anywhere', () => {
    const may = scrapeAccess({ metricsToken: TOKEN, metricsAllow: [] });
    expect(may({ authorization: `Bearer ${TOKEN}`, ip: '203.0.113.7' })).toBe(true);
    expect(may({ authorization: `bearer ${TOKEN}`, ip: '203.0.113.7' })).toBe(true);
    for (const wrong of [undefined, '', TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, `Basic ${TOKEN}`, `Bearer ${TOKEN} extra`]) {
      expect(may({ authorization: wrong, ip: '127.0.0.1' }), String(wrong)).toBe(false);
    }
  });

  it('a request from a configured address or range, IPv4 also when mapped into IPv6', () => {
    const may = scrapeAccess({ metricsToken: TOKEN, metricsAllow: ['127.0.0.1', '::1', '10.1.0.0/16', 'fd00::/8'] });
    for (const ip of ['127.0.0.1', '::ffff:127.0.0.1', '::1', '10.1.200.3', 'fd12::5']) expect(may({ authorization: undefined, ip }), ip).toBe(true);
    for (const ip of ['127.0.0.2', '10.2.0.1', '::2', 'fe80::1', '', 'unknown']) expect(may({ authorization: undefined, ip }), ip).toBe(false);
  });
});
