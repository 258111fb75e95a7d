import { expect } from 'chai';
import { languages, languageTags } from '../../src/domain/language.js';
import { renderPage } from '../../src/http/webChat.js';
import { createTranslator } from '../../src/i18n.js';
import type { Config } from '../../src/config.js';

const i18n = await createTranslator();

const municipality: Config['municipality'] = {
  name: 'gemeente <Test>',
  phone: '14 0123',
  privacyUrl: 'https://www.voorbeeld.nl/privacy',
  brandColor: '#1d5b7f',
  brandTextColor: '#ffffff',
};

const html = renderPage(municipality, (key, values, lng = 'nl') => i18n.t(lng, key, values));

/** The `<template>` the page carries for one language tag. */
function template(tag: string): { attributes: string; body: string } {
  const match = new RegExp(`<template data-locale="${tag}"([^>]*)>([\\s\\S]*?)</template>`).exec(
    html,
  );
  if (!match) throw new Error(`no template for ${tag}`);
  return { attributes: match[1] ?? '', body: match[2] ?? '' };
}

describe('web chat page in every language', () => {
  it('opens in Dutch, left to right', () => {
    expect(html).to.match(/<html lang="nl" dir="ltr">/);
    expect(html).to.include(
      '<header id="page-header">\n<h1>Chat met de gemeente &lt;Test&gt;</h1>',
    );
  });

  it('carries the header, title and chat label of each of the six languages', () => {
    for (const lng of languages) {
      const { attributes, body } = template(languageTags[lng]);
      expect(attributes, lng).to.include(`data-dir="${lng === 'ar' ? 'rtl' : 'ltr'}"`);
      expect(attributes, lng).to.match(/data-title="[^"]*&lt;Test&gt;[^"]*"/);
      expect(attributes, lng).to.match(/data-chat-label="[^"]+"/);
      // The phone number is a link in every language, wherever the sentence puts it.
      expect(body, lng).to.include('<a href="tel:140123">14 0123</a>');
      expect(body, lng).to.include('<a href="https://www.voorbeeld.nl/privacy">');
      expect(body, lng).to.not.include('<Test>');
    }
  });

  it('writes the Arabic header in Arabic, with the number kept left to right', () => {
    const { attributes, body } = template('ar-EG');
    expect(attributes).to.include('data-chat-label="المحادثة"');
    expect(body).to.include('محادثة مع البلدية');
    expect(body).to.include('\u2066<a href="tel:140123">14 0123</a>\u2069');
  });

  it('lets each message run in its own direction (a Dutch message in the Arabic layout)', () => {
    expect(html).to.match(/unicode-bidi: plaintext/);
  });
});
