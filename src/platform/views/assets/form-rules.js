// Shows and hides form fields and updates computed values while a person types, with the same JSON Logic rules
// the server applies (jsonLogic comes from /assets/vendor/json-logic.js, loaded before this file). Only an
// enhancement: without it every field stays visible and the server decides on each submission. Values are read
// the way the server's logicData types them: numbers (German comma accepted), yes/no as booleans, checkboxes
// as lists, addresses as objects, group entries as lists of objects; hidden fields are absent.
// Type-checked from its JSDoc (tsconfig.json beside it, part of npm run check); it stays plain ES5 for old browsers.
// @ts-check

/**
 * @typedef {{ apply: (rule: unknown, data: unknown) => unknown, truthy: (value: unknown) => boolean }} JsonLogic
 * @typedef {Record<string, unknown>} Data
 * A field's type as the page names it ("text", "decimal:2"), or a group's children by id with theirs.
 * @typedef {string | Record<string, string>} TypeOf
 * What the server writes into data-form-rules: the types of the fields the rules read, and the answers saved so far.
 * @typedef {{ types: Record<string, TypeOf>, data: Data }} Config
 * @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | HTMLButtonElement} Control
 * A wrapper or output carrying its parsed rules, read once.
 * @typedef {Element & Record<string, unknown>} RuleHolder
 */
(function () {
  'use strict';

  var logic = /** @type {Window & { jsonLogic?: JsonLogic }} */ (window).jsonLogic;
  if (!logic || !document.querySelectorAll || !Element.prototype.closest) return;
  var rules = logic;

  var ADDRESS_PARTS = ['street', 'number', 'postalCode', 'place'];
  /** @type {Record<string, boolean>} */
  var NUMBER_TYPES = { integer: true, decimal: true, money: true };
  var MAX_PASSES = 10;

  /**
   * @param {string | null} text
   * @returns {any} what the JSON says, undefined when it is none
   */
  function parse(text) {
    try {
      return JSON.parse(String(text));
    } catch (e) {
      return undefined;
    }
  }

  /** @param {unknown} text */
  function clean(text) {
    var s = String(text).trim();
    return s.normalize ? s.normalize('NFC') : s;
  }

  // Numbers are read as the server normalises them (normaliseInput in read-step.ts): German "1.234,5", Swiss
  // "1'234.50", plain "1234.5"; a dot before groups of three digits and no comma separates thousands.
  var SPACES = /[\s\u00A0\u202F]+/g;
  var CURRENCY = /^(?:€|EUR|CHF|SFr\.?|Fr\.)\s*|\s*(?:€|EUR|CHF|SFr\.?|Fr\.)$/gi;

  /**
   * @param {string} text
   * @returns {{ sign: string, whole: string, fraction: string } | undefined}
   */
  function parseDecimal(text) {
    var t = text.replace(SPACES, ' ');
    var m =
      /^([+-]?)(\d{1,3}(?:[.' \u2019]\d{3})+|\d*),(\d+)$/.exec(t) ||
      /^([+-]?)(\d{1,3}(?:[.' \u2019]\d{3})+)()$/.exec(t) ||
      /^([+-]?)(\d{1,3}(?:[' \u2019]\d{3})+|\d*)(?:\.(\d+))?$/.exec(t);
    if (!m || (m[2] === '' && !m[3])) return undefined;
    return { sign: m[1], whole: m[2] || '0', fraction: m[3] || '' };
  }

  /**
   * A typed number for an integer, decimal (with its digits) or money field; undefined when the server would refuse it.
   * @param {string} kind
   * @param {string} text
   * @returns {number | undefined}
   */
  function toNumber(kind, text) {
    var type = kind.split(':')[0];
    var digits = type === 'money' ? 2 : type === 'integer' ? 0 : Number(kind.split(':')[1] || 2);
    var t =
      type === 'money'
        ? text
            .replace(CURRENCY, '')
            .replace(/[.,][\u2013-]$/, '')
            .trim()
        : text;
    var p = type === 'integer' ? /^([+-]?)(\d{1,3}(?:[.' \u2019]\d{3})+|\d+)$/.exec(t.replace(SPACES, ' ')) : null;
    var parsed = p ? { sign: p[1], whole: p[2], fraction: '' } : type === 'integer' ? undefined : parseDecimal(t);
    if (!parsed || parsed.fraction.length > digits) return undefined;
    var n = Number((parsed.sign === '-' ? '-' : '') + parsed.whole.replace(/[^0-9]/g, '') + (parsed.fraction ? '.' + parsed.fraction : ''));
    return isFinite(n) ? n + 0 : undefined;
  }

  /**
   * @param {string} kind
   * @param {string | undefined} text
   * @returns {unknown}
   */
  function typed(kind, text) {
    if (text === undefined || text === '') return undefined;
    var type = kind.split(':')[0];
    if (NUMBER_TYPES[type]) return toNumber(kind, text);
    if (type === 'yesno') return text === 'ja' ? true : text === 'nein' ? false : undefined;
    return text;
  }

  /**
   * @param {ParentNode} scope
   * @param {string} name
   * @returns {Control[]}
   */
  function enabled(scope, name) {
    var all = /** @type {NodeListOf<Control>} */ (scope.querySelectorAll('[name="' + name + '"]'));
    var out = [];
    for (var i = 0; i < all.length; i++) if (!all[i].disabled) out.push(all[i]);
    return out;
  }

  /** @param {string} path */
  function controlId(path) {
    return 'f-' + path.replace(/\./g, '-');
  }

  /**
   * A computed field's current value, kept in its output's data-value; absent while hidden.
   * @param {string} name
   * @param {string} type
   */
  function computedValue(name, type) {
    var out = document.getElementById(controlId(name));
    if (!out || out.tagName !== 'OUTPUT' || out.closest('[hidden]')) return undefined;
    var value = out.getAttribute('data-value') || undefined;
    // Already normalised ("1.200" is one point two here, never twelve hundred).
    if (value !== undefined && NUMBER_TYPES[type.split(':')[0]]) return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : undefined;
    return typed(type, value);
  }

  /**
   * @param {ParentNode} form
   * @param {string} name
   * @param {string} type
   * @param {unknown} [saved] the answer saved before, kept for a file input left empty
   * @returns {unknown}
   */
  function read(form, name, type, saved) {
    if (type === 'address') {
      /** @type {Record<string, string>} */
      var address = {};
      var found = false;
      ADDRESS_PARTS.forEach(function (part) {
        var el = enabled(form, name + '.' + part)[0];
        if (el) found = true;
        address[part] = el ? clean(el.value) : '';
      });
      return found ? address : undefined;
    }
    if (type === 'date' && enabled(form, name).length === 0 && enabled(form, name + '.year').length > 0) {
      // A date of birth in three inputs (day, month, year): an ISO date once the parts make one, as read-step.ts reads it.
      var part = function (/** @type {string} */ p) {
        var el = enabled(form, name + '.' + p)[0];
        return el ? clean(el.value).replace(/\D/g, '') : '';
      };
      var d = part('day'),
        m = part('month'),
        y = part('year');
      if (!/^\d{4}$/.test(y) || !/^\d{1,2}$/.test(m) || !/^\d{1,2}$/.test(d)) return undefined;
      var iso = y + '-' + (m.length === 1 ? '0' + m : m) + '-' + (d.length === 1 ? '0' + d : d);
      try {
        // An impossible date ("2026-02-30") comes back as another day; toISOString throws on one out of range.
        return new Date(iso + 'T00:00:00Z').toISOString().slice(0, 10) === iso ? iso : undefined;
      } catch (e) {
        return undefined;
      }
    }
    var els = enabled(form, name);
    if (els.length === 0) return computedValue(name, type);
    if (type === 'checkboxes') {
      return els
        .filter(function (el) {
          return /** @type {HTMLInputElement} */ (el).checked;
        })
        .map(function (el) {
          return el.value;
        });
    }
    if (type === 'file') {
      var files = /** @type {HTMLInputElement} */ (els[0]).files;
      if (!files || files.length === 0) return saved;
      var list = [];
      for (var i = 0; i < files.length; i++) list.push({ filename: files[i].name, size: files[i].size });
      return list;
    }
    var raw = '';
    if (els[0].type === 'radio') {
      els.forEach(function (el) {
        if (/** @type {HTMLInputElement} */ (el).checked) raw = el.value;
      });
    } else {
      raw = els[0].value;
    }
    return typed(type, clean(raw));
  }

  /**
   * @param {ParentNode} form
   * @param {string} id
   * @param {Record<string, string>} childTypes
   */
  function readGroup(form, id, childTypes) {
    var items = [];
    for (var i = 0; form.querySelector('[name^="' + id + '.' + i + '."], #' + controlId(id + '.' + i)); i++) {
      /** @type {Data} */
      var entry = {};
      for (var child in childTypes) {
        var value = read(form, id + '.' + i + '.' + child, childTypes[child]);
        if (value !== undefined) entry[child] = value;
      }
      items.push(entry);
    }
    return items;
  }

  /**
   * @param {ParentNode} form
   * @param {Config} config
   */
  function collect(form, config) {
    /** @type {Data} */
    var data = {};
    var key;
    for (key in config.data) data[key] = config.data[key];
    for (key in config.types) {
      var type = config.types[key];
      var value = typeof type === 'object' ? readGroup(form, key, type) : read(form, key, type, config.data[key]);
      if (value !== undefined) data[key] = value;
      else delete data[key];
    }
    return data;
  }

  /**
   * Inside a group entry, the entry's fields are read by their own ids.
   * @param {Data} data
   * @param {string | null} scope
   */
  function scoped(data, scope) {
    if (!scope) return data;
    var parts = scope.split('.');
    var list = data[parts[0]];
    /** @type {Data | undefined} */
    var entry = Array.isArray(list) ? list[Number(parts[1])] : undefined;
    /** @type {Data} */
    var out = {};
    var key;
    for (key in data) out[key] = data[key];
    if (entry) for (key in entry) out[key] = entry[key];
    return out;
  }

  /**
   * @param {unknown} rule
   * @param {Data} data
   */
  function run(rule, data) {
    try {
      return rules.apply(rule, data);
    } catch (e) {
      return undefined;
    }
  }

  /**
   * @param {number} n
   * @param {number} digits
   */
  function fixed(n, digits) {
    return typeof n === 'number' && isFinite(n) && Math.abs(n) < 1e15 ? (n + 0).toFixed(digits).replace(/^-(0\.?0*)$/, '$1') : undefined;
  }

  /**
   * The computed result as the normalised answer string the server stores (see computedAnswer in logic.ts).
   * @param {string | null} type
   * @param {number} digits
   * @param {unknown} result
   * @returns {string | undefined}
   */
  function normalised(type, digits, result) {
    if (result === null || result === undefined) return undefined;
    var n = typeof result === 'number' ? result : typeof result === 'string' && result.trim() !== '' ? Number(result) : NaN;
    if (type === 'integer') return fixed(n, 0);
    if (type === 'decimal') return fixed(n, digits);
    if (type === 'money') return fixed(n, 2);
    if (type === 'yesno') return typeof result === 'boolean' ? (result ? 'ja' : 'nein') : result === 'ja' || result === 'nein' ? result : undefined;
    if (typeof result === 'string') return result === '' ? undefined : result;
    if (typeof result === 'number') return isFinite(result) ? String(result) : undefined;
    if (typeof result === 'boolean') return result ? 'ja' : 'nein';
    return undefined;
  }

  /**
   * The value as the page writes it, in the tag, currency and words the server put on the output.
   * @param {Element} out
   * @param {string | undefined} value
   */
  function shown(out, value) {
    if (value === undefined) return '\u2013';
    var type = out.getAttribute('data-type');
    var tag = out.getAttribute('data-locale') || 'de-DE';
    try {
      if (type === 'money') {
        return new Intl.NumberFormat(tag, { style: 'currency', currency: out.getAttribute('data-currency') || 'EUR' }).format(Number(value));
      }
      if (type === 'decimal') {
        var parts = new Intl.NumberFormat(tag).formatToParts(1.5).filter(function (p) {
          return p.type === 'decimal';
        });
        return value.replace('.', parts.length ? parts[0].value : '.');
      }
    } catch (e) {
      return value;
    }
    if (type === 'yesno') return value === 'ja' ? out.getAttribute('data-yes') : out.getAttribute('data-no');
    var date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (type === 'date' && date) return tag.indexOf('en') === 0 ? date[3] + '/' + date[2] + '/' + date[1] : date[3] + '.' + date[2] + '.' + date[1];
    return value;
  }

  /**
   * @param {Element} el
   * @param {string} attribute
   */
  function ruleOf(el, attribute) {
    var holder = /** @type {RuleHolder} */ (el);
    var key = '_rule_' + attribute;
    if (!(key in holder)) holder[key] = parse(el.getAttribute(attribute));
    return holder[key];
  }

  /**
   * Hidden fields are disabled too, so they are not posted; a field inside a hidden one stays disabled.
   * @param {Element} root
   */
  function syncDisabled(root) {
    var controls = /** @type {NodeListOf<Control>} */ (root.querySelectorAll('input, select, textarea, button'));
    for (var i = 0; i < controls.length; i++) {
      var el = controls[i];
      var off = !!el.closest('.form-rule[hidden]');
      if (off && !el.disabled) {
        el.disabled = true;
        el.setAttribute('data-rules-off', '');
      } else if (!off && el.hasAttribute('data-rules-off')) {
        el.disabled = false;
        el.removeAttribute('data-rules-off');
      }
    }
  }

  /**
   * @param {Element} root
   * @param {ParentNode} form
   * @param {Config} config
   */
  function update(root, form, config) {
    var wrappers = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('.form-rule'));
    // A computed value or a hidden field can change what other rules see: repeat until nothing changes.
    for (var pass = 0; pass < MAX_PASSES; pass++) {
      var changed = false;
      var data = collect(form, config);
      for (var i = 0; i < wrappers.length; i++) {
        var w = wrappers[i];
        var here = scoped(data, w.getAttribute('data-scope'));
        if (w.hasAttribute('data-show-if')) {
          var hide = !rules.truthy(run(ruleOf(w, 'data-show-if'), here));
          if (w.hidden !== hide) {
            w.hidden = hide;
            changed = true;
          }
        }
        var out = w.hasAttribute('data-compute') ? w.querySelector('output') : null;
        if (out) {
          var value = normalised(out.getAttribute('data-type'), Number(out.getAttribute('data-digits') || 2), run(ruleOf(w, 'data-compute'), here));
          if ((out.getAttribute('data-value') || undefined) !== value) {
            if (value === undefined) out.removeAttribute('data-value');
            else out.setAttribute('data-value', value);
            out.textContent = shown(out, value);
            changed = true;
          }
        }
      }
      syncDisabled(root);
      if (!changed) break;
    }
  }

  /** @param {Element} root */
  function start(root) {
    /** @type {Config | undefined} */
    var config = parse(root.getAttribute('data-form-rules'));
    if (!config || typeof config !== 'object' || !config.types) return;
    config.data = config.data || {};
    var form = root.closest('form') || root;
    var checked = config;
    var refresh = function () {
      try {
        update(root, form, checked);
      } catch (e) {
        /* an enhancement never breaks the form */
      }
    };
    form.addEventListener('input', refresh);
    form.addEventListener('change', refresh);
    refresh();
  }

  function startAll() {
    var roots = document.querySelectorAll('[data-form-rules]');
    for (var i = 0; i < roots.length; i++) start(roots[i]);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startAll);
  else startAll();
})();

// Focus after a round trip, for every step page (also without rules): a page with errors focuses its error
// summary (GOV.UK; the summary's autofocus does it without JavaScript), and after adding or removing a group entry
// the page arrives with the entry's field (or the group's add button) as its fragment, which takes focus.
(function () {
  'use strict';

  if (!document.querySelector) return;

  function focusTarget() {
    var summary = /** @type {HTMLElement | null} */ (document.querySelector('.error-summary'));
    if (summary) {
      if (document.activeElement !== summary) summary.focus();
      return;
    }
    var hash = window.location.hash;
    if (!hash || hash.length < 2) return;
    var target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target || !target.closest || !target.closest('form')) return;
    var control = /** @type {HTMLElement | null} */ (
      target.matches('input, select, textarea, button') ? target : target.querySelector('input, select, textarea, button')
    );
    if (control) control.focus();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', focusTarget);
  else focusTarget();
})();
