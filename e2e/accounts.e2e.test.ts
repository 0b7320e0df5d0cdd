// Account administration in Chromium: an admin invites a colleague by keyboard, the colleague sets a password through
// the link and manages their own account. Every page and error state is checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { inRegion } from '../src/platform/db/database.ts';
import { linkPath, linkToken } from '../src/modules/accounts/links.ts';
import { expectAccessible, fill, openBrowserApp, pressAndNavigate, signIn, tabTo, type BrowserApp } from './support.ts';

describe('account administration in Chromium', () => {
  let run: BrowserApp;
  let admin: Page;

  beforeAll(async () => {
    run = await openBrowserApp();
    admin = await run.newPage();
  });

  afterAll(() => run?.close());

  it('lists the accounts and invites by keyboard, with errors shown accessibly', async () => {
    await signIn(admin, 'organisation@guetersloh.example');
    const list = await admin.goto('/verwaltung/konten');
    expect(list?.status()).toBe(200);
    await expectAccessible(admin, 'account list');

    await tabTo(admin, { text: 'Konto einladen' });
    await pressAndNavigate(admin);
    await expectAccessible(admin, 'invitation form');
    await fill(admin, 'f-name', 'Erika Muster');
    await fill(admin, 'f-email', 'erika-muster');
    await tabTo(admin, { text: 'Einladung senden' });
    const refused = await pressAndNavigate(admin);
    expect(refused.status()).toBe(422);
    const main = await admin.locator('main').innerText();
    expect(main).toContain('Bitte geben Sie eine gültige E-Mail-Adresse ein');
    expect(main).toContain('Bitte wählen Sie eine Rolle.');
    expect(await admin.inputValue('#f-name')).toBe('Erika Muster');
    await expectAccessible(admin, 'invitation form with errors');

    await admin.fill('#f-email', 'erika.muster@guetersloh.example');
    await admin.selectOption('#f-role', 'clerk');
    await tabTo(admin, { text: 'Einladung senden' });
    const sent = await pressAndNavigate(admin);
    expect(sent.status()).toBe(200);
    expect(admin.url()).toMatch(/\/verwaltung\/konten\?eingeladen=1$/);
    expect(await admin.locator('main').innerText()).toContain('Die Einladung ist verschickt.');
    await expectAccessible(admin, 'account list after an invitation');

    await admin.getByRole('link', { name: 'Erika Muster' }).click();
    await admin.waitForLoadState();
    expect(await admin.locator('h1').innerText()).toBe('Erika Muster');
    await expectAccessible(admin, 'account page');
  });

  it('lets the invited person set a password through the link and manage their own account', async () => {
    const db = run.testApp.app.db;
    const link = await inRegion(db, (tx) =>
      tx
        .selectFrom('account_links')
        .innerJoin('staff_users', 'staff_users.id', 'account_links.user_id')
        .select('account_links.id')
        .where('staff_users.email', '=', 'erika.muster@guetersloh.example')
        .executeTakeFirstOrThrow(),
    );
    const person = await run.newPage();
    const path = linkPath(linkToken(run.testApp.config.appSecret, link.id));
    expect((await person.goto(path))?.status()).toBe(200);
    await expectAccessible(person, 'set-password page');
    await fill(person, 'f-password', 'kurz');
    await fill(person, 'f-repeat', 'kurz');
    await tabTo(person, { text: 'Passwort speichern' });
    expect((await pressAndNavigate(person)).status()).toBe(422);
    expect(await person.locator('main').innerText()).toContain('mindestens 10 Zeichen');
    await expectAccessible(person, 'set-password page with an error');
    await person.fill('#f-password', 'Erikas-Passwort-1');
    await person.fill('#f-repeat', 'Erikas-Passwort-1');
    await tabTo(person, { text: 'Passwort speichern' });
    await pressAndNavigate(person);
    expect(person.url()).toMatch(/\/verwaltung\/anmelden\?passwort=1$/);
    expect(await person.locator('main').innerText()).toContain('Ihr Passwort ist gesetzt.');
    await expectAccessible(person, 'login page after setting the password');

    await person.fill('#f-email', 'erika.muster@guetersloh.example');
    await person.fill('#f-password', 'Erikas-Passwort-1');
    await Promise.all([person.waitForNavigation(), person.click('button[type=submit]')]);
    expect((await person.goto('/verwaltung/konto'))?.status()).toBe(200);
    expect(await person.locator('main').innerText()).toContain('diese Sitzung');
    await expectAccessible(person, 'own account page');
    await fill(person, 'f-current', 'nicht-das-Passwort');
    await fill(person, 'f-password', 'Erikas-neues-Passwort');
    await fill(person, 'f-repeat', 'Erikas-neues-Passwort');
    await tabTo(person, { text: 'Passwort ändern' });
    expect((await pressAndNavigate(person)).status()).toBe(422);
    expect(await person.locator('main').innerText()).toContain('Das bisherige Passwort ist nicht richtig.');
    await expectAccessible(person, 'own account page with an error');

    const gone = await run.newPage();
    expect((await gone.goto(path))?.status()).toBe(410);
    await expectAccessible(gone, 'used link page');
  });

  it('offers a password reset from the login page', async () => {
    const page = await run.newPage();
    await page.goto('/verwaltung/anmelden');
    await tabTo(page, { text: 'Passwort vergessen?' });
    await pressAndNavigate(page);
    await expectAccessible(page, 'forgotten password page');
    await fill(page, 'f-email', 'keine adresse');
    await tabTo(page, { text: 'Link anfordern' });
    expect((await pressAndNavigate(page)).status()).toBe(422);
    await expectAccessible(page, 'forgotten password page with an error');
    await page.fill('#f-email', 'wer-auch-immer@guetersloh.example');
    await tabTo(page, { text: 'Link anfordern' });
    await pressAndNavigate(page);
    expect(await page.locator('main').innerText()).toContain('Wenn zu dieser Adresse ein aktives Konto gehört');
    await expectAccessible(page, 'forgotten password page, sent');
  });
});
