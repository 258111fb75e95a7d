// Starts Bot Framework Web Chat against the local Direct Line surface on this origin.
// Plain browser JavaScript, served as-is from /chat.js (the page's CSP allows no inline script,
// so settings come from data-* attributes on #webchat).
(function () {
  'use strict';

  var container = document.getElementById('webchat');
  var RTL = /^(ar|dv|fa|he|ku|ps|sd|ug|ur|yi)(-|$)/i;
  var BCP47 = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
  var locale = container.dataset.locale || 'nl-NL';
  var directLine;
  var store;

  var styleOptions = {
    accent: container.dataset.brandColor,
    bubbleFromUserBackground: container.dataset.brandColor,
    bubbleFromUserTextColor: container.dataset.brandTextColor,
    bubbleBorderRadius: 12,
    bubbleFromUserBorderRadius: 12,
    primaryFont: getComputedStyle(document.body).fontFamily,
    hideUploadButton: true,
    sendBoxTextWrap: true,
    suggestedActionLayout: 'flow',
    // Card titles carry the meeting time: wrap them rather than cut them off on a phone.
    richCardWrapTitle: true,
  };

  function render(nextLocale) {
    locale = nextLocale;
    document.documentElement.lang = locale;
    document.documentElement.dir = RTL.test(locale) ? 'rtl' : 'ltr';
    window.WebChat.renderWebChat(
      { directLine: directLine, store: store, locale: locale, styleOptions: styleOptions },
      container,
    );
  }

  // Follow the bot's language: when it answers in another language, Web Chat's own texts
  // (send box, buttons, screen reader labels) and the page's lang/dir follow.
  function followLanguage() {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
          var activity = action.payload.activity;
          var wanted = activity.locale;
          if (
            activity.from &&
            activity.from.role === 'bot' &&
            BCP47.test(wanted || '') &&
            wanted !== locale
          ) {
            setTimeout(function () {
              render(wanted);
            }, 0);
          }
        }
        return next(action);
      };
    };
  }

  function unavailable() {
    container.hidden = true;
    document.getElementById('chat-unavailable').hidden = false;
  }

  fetch('/v3/directline/tokens/generate', { method: 'POST' })
    .then(function (res) {
      if (!res.ok) throw new Error('token ' + res.status);
      return res.json();
    })
    .then(function (body) {
      directLine = window.WebChat.createDirectLine({
        token: body.token,
        domain: location.origin + '/v3/directline',
        webSocket: false,
        pollingInterval: 250,
      });
      store = window.WebChat.createStore({}, followLanguage);
      render(locale);
    })
    .catch(unavailable);
})();
