import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  const dataDir = () => mkdtempSync(path.join(os.tmpdir(), 'rathaus-config-'));

  it('has working defaults and a secret generated once into the data directory', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', uploadMaxBytes: 10 * 1024 * 1024, databaseUrl: undefined });
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toBe(config.appSecret);
    expect(loadConfig({ DATA_DIR: dir }).appSecret).toBe(config.appSecret);
  });

  it('honours PORT, HOST, DATA_DIR and DATABASE_URL', () => {
    const dir = dataDir();
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATA_DIR: dir, DATABASE_URL: 'postgres://u@h/db' });
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', dataDir: dir, databaseUrl: 'postgres://u@h/db', databaseAdminUrl: 'postgres://u@h/db' });
  });

  it('explains a wrong value in German', () => {
    expect(() => loadConfig({ PORT: 'achtzig', DATA_DIR: dataDir() })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'achtzig', DATA_DIR: dataDir() })).toThrow('PORT muss eine ganze Zahl');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', DATA_DIR: dataDir() })).toThrow('postgres://');
    expect(() => loadConfig({ APP_SECRET: 'kurz', DATA_DIR: dataDir() })).toThrow('mindestens 32 Zeichen');
    expect(() => loadConfig({ TRUST_PROXY: 'true', DATA_DIR: dataDir() })).toThrow('TRUST_PROXY nennt die Adressen');
  });

  it('opens /metrics only to a token or to the addresses it names', () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({ metricsToken: undefined, metricsAllow: [] });
    expect(loadConfig({ METRICS_TOKEN: 'prometheus-scrape-token', METRICS_ALLOW: '127.0.0.1, ::1,10.0.0.0/8', DATA_DIR: dataDir() })).toMatchObject({
      metricsToken: 'prometheus-scrape-token',
      metricsAllow: ['127.0.0.1', '::1', '10.0.0.0/8'],
    });
    expect(() => loadConfig({ METRICS_TOKEN: 'kurz', DATA_DIR: dataDir() })).toThrow('METRICS_TOKEN muss mindestens 16');
    expect(() => loadConfig({ METRICS_TOKEN: 'lang genug, aber mit Leerzeichen', DATA_DIR: dataDir() })).toThrow('ohne Leerzeichen');
    for (const wrong of ['localhost', '10.0.0.0/33', '::1/129', '1.2.3.4/8/1', '999.1.1.1']) {
      expect(() => loadConfig({ METRICS_ALLOW: wrong, DATA_DIR: dataDir() }), wrong).toThrow('METRICS_ALLOW nennt Adressen');
    }
  });

  it('trusts only the proxies it names', () => {
    expect(loadConfig({ DATA_DIR: dataDir() })).toMatchObject({ trustProxy: [], behindTls: false });
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8', DATA_DIR: dataDir() })).toMatchObject({
      trustProxy: ['127.0.0.1', '10.0.0.0/8'],
      behindTls: true,
    });
  });
});
