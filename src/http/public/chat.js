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

  /** The page's own words in a language, from the <template>s the server rendered. */
  function pageWordsFor(tag) {
    var base = tag.split('-')[0].toLowerCase();
    var templates = document.querySelectorAll('template[data-locale]');
    for (var i = 0; i < templates.length; i++) {
      if (templates[i].dataset.locale.split('-')[0].toLowerCase() === base) return templates[i];
    }
    return null;
  }

  /** Header, title and chat label in the chat's language, so they can be read too. */
  function followPage(tag) {
    var words = pageWordsFor(tag);
    if (!words) return;
    var header = document.getElementById('page-header');
    header.replaceChildren(document.importNode(words.content, true));
    document.title = words.dataset.title;
    container.setAttribute('aria-label', words.dataset.chatLabel);
  }

  function render(nextLocale) {
    locale = nextLocale;
    var dir = RTL.test(locale) ? 'rtl' : 'ltr';
    document.documentElement.lang = locale;
    document.documentElement.dir = dir;
    followPage(locale);
    window.WebChat.renderWebChat(
      {
        directLine: directLine,
        store: store,
        locale: locale,
        dir: dir,
        styleOptions: styleOptions,
      },
      container,
    );
  }

  // Follow the bot's language: when it answers in another language, Web Chat's own texts
  // (send box, buttons, screen reader labels), the page's lang/dir (right to left for Arabic)
  // and the header's words follow.
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

  // ── Coming back ────────────────────────────────────────────────────────────────────────
  // The conversation (its id and token) stays in this browser for data-remember-days after the
  // resident's last message, so a reload or a later visit goes on with the same conversation:
  // the token is refreshed, the transcript the Direct Line still holds is shown again, and the
  // bot still knows the resident's meeting. "Nieuw gesprek" forgets it at once (shared computers).
  var STORAGE_KEY = 'voordeur.conversation';
  var rememberMs = Number(container.dataset.rememberDays || '0') * 24 * 60 * 60 * 1000;

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage blocked: every visit is a new conversation
    }
  }

  function saved() {
    var s = storage();
    if (!s || !(rememberMs > 0)) return null;
    try {
      var kept = JSON.parse(s.getItem(STORAGE_KEY) || 'null');
      if (!kept || typeof kept.token !== 'string' || typeof kept.conversationId !== 'string')
        return null;
      if (!(Date.now() - kept.lastActiveAt < rememberMs)) {
        s.removeItem(STORAGE_KEY);
        return null;
      }
      return kept;
    } catch (e) {
      s.removeItem(STORAGE_KEY);
      return null;
    }
  }

  function remember(conversationId, token) {
    var s = storage();
    if (!s || !(rememberMs > 0)) return;
    s.setItem(
      STORAGE_KEY,
      JSON.stringify({ conversationId: conversationId, token: token, lastActiveAt: Date.now() }),
    );
  }

  function forget() {
    var s = storage();
    if (s) s.removeItem(STORAGE_KEY);
  }

  /** The period runs from the last message either way, and the token may have been refreshed. */
  function keepAlive() {
    return function (next) {
      return function (action) {
        if (
          action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' &&
          directLine &&
          directLine.conversationId &&
          directLine.token
        ) {
          remember(directLine.conversationId, directLine.token);
        }
        return next(action);
      };
    };
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    if (!(target instanceof Element) || !target.closest('[data-new-conversation]')) return;
    forget();
    if (directLine) directLine.end();
    location.reload();
  });

  function json(res) {
    if (!res.ok) throw new Error('direct line ' + res.status);
    return res.json();
  }

  function start(body, resumed) {
    remember(body.conversationId, body.token);
    directLine = window.WebChat.createDirectLine({
      token: body.token,
      // Resuming: no watermark, so the transcript the Direct Line still holds is shown again.
      conversationId: resumed ? body.conversationId : undefined,
      domain: location.origin + '/v3/directline',
      // Replies are pushed over the streamUrl's WebSocket as soon as the bot sends them.
      webSocket: true,
    });
    store = window.WebChat.createStore({}, followLanguage, keepAlive);
    render(locale);
  }

  function startNew() {
    return fetch('/v3/directline/tokens/generate', { method: 'POST' })
      .then(json)
      .then(function (body) {
        start(body, false);
      });
  }

  var kept = saved();
  (kept
    ? fetch('/v3/directline/tokens/refresh', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + kept.token },
      })
        .then(json)
        .then(function (body) {
          if (body.conversationId !== kept.conversationId) throw new Error('another conversation');
          start(body, true);
        })
        .catch(function () {
          // Expired or unknown (the server was restarted): a new conversation.
          forget();
          return startNew();
        })
    : startNew()
  ).catch(unavailable);
})();
