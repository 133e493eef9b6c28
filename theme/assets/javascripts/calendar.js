// The calendar's month pages and the overview's coming posts, enhanced in the
// browser: filters kept in the address, today from the reader's clock, week and
// agenda views, busy days folded. The pages read and print without it; the
// markup it relies on is the contract in docs/calendar.md. Plan text is data:
// it reaches the page through textContent and attributes, never as HTML.
"use strict";

(function () {
  const FOLD_AFTER = 3; // a busy day of the month view shows this many, then "+N more"
  const VIEWS = ["month", "week", "agenda"];
  const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
  // Any month's page from a month page, `{month}` standing for its YYYY-MM, when
  // the page does not say (data-month-address): a site on a server. A copy
  // opened from files says "{month}.html" (pages/site_map.py, SiteAddresses).
  const SERVED_MONTH_ADDRESS = "../{month}/";
  // A month page's address ends so, on a server or in a copy opened from files.
  const MONTH_PAGE_END = /(?:^|\/)(\d{4}-\d{2})(?:\/|\.html)$/;

  // -- days, on the reader's clock ---------------------------------------------

  function pad(number) {
    return String(number).padStart(2, "0");
  }

  function isoDay(date) {
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  function dateOf(iso) {
    const parts = iso.split("-").map(Number);
    return new Date(parts[0], parts[1] - 1, parts[2]);
  }

  function addDays(iso, days) {
    const date = dateOf(iso);
    date.setDate(date.getDate() + days);
    return isoDay(date);
  }

  function today() {
    return isoDay(new Date()); // local date, not UTC
  }

  function monthAddress(template, month) {
    return template.split("{month}").join(month);
  }

  // A link to another month's page as `template` writes it, with its #anchor:
  // "../2027-04/#d-2027-04-01", or "2027-04.html#d-2027-04-01" from files.
  function monthLinkPattern(template) {
    const parts = template.split("{month}").map(function (part) {
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
    return new RegExp("^" + parts.join("(\\d{4}-\\d{2})") + "(#.*)?$");
  }

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function language() {
    return document.documentElement.lang || undefined;
  }

  let numberFormat = null; // made once: each toLocaleString() makes one, and counts are many

  function formatNumber(number) {
    if (numberFormat === null) {
      try {
        numberFormat = new Intl.NumberFormat(language());
      } catch (error) {
        numberFormat = { format: String };
      }
    }
    return numberFormat.format(number);
  }

  // -- the address's query -------------------------------------------------------
  // Values are joined by "," each encoded with encodeURIComponent, and read by
  // splitting the raw value on "," before decoding: "Dupont, Jean" survives.

  function decoded(text) {
    try {
      return decodeURIComponent(text.replace(/\+/g, " "));
    } catch (error) {
      return null; // a broken escape: the value is ignored
    }
  }

  function readQuery(search) {
    const pairs = [];
    search.replace(/^\?/, "").split("&").forEach(function (part) {
      if (!part) return;
      const cut = part.indexOf("=");
      const key = decoded(cut < 0 ? part : part.slice(0, cut));
      if (key !== null) pairs.push({ key: key, raw: cut < 0 ? "" : part.slice(cut + 1) });
    });
    return pairs;
  }

  // "" is a value too: a filter's "none" (no campaign, no owner) is written
  // `?campaign=` or `?campaign=spring,`.
  function valuesOf(raw) {
    return raw.split(",").map(decoded).filter(function (value) {
      return value !== null;
    });
  }

  function encodedValues(values) {
    return values.map(encodeURIComponent).join(",");
  }

  function queryText(pairs) {
    const parts = pairs.map(function (pair) {
      return encodeURIComponent(pair.key) + "=" + pair.raw;
    });
    return parts.length ? "?" + parts.join("&") : "";
  }

  // -- a month page --------------------------------------------------------------

  function Facet(fieldset) {
    this.name = fieldset.getAttribute("data-filter");
    this.boxes = Array.from(fieldset.querySelectorAll("input[type=checkbox]"));
    this.known = new Set(this.boxes.map(function (box) { return box.value; }));
    this.counts = this.boxes.map(function (box) {
      const label = box.closest("label");
      const node = label && label.querySelector(".ps-filters__count");
      return { box: box, label: label, value: box.value, node: node, shown: null };
    });
    this.selected = new Set(); // the values checked on this page
    this.elsewhere = []; // values of the address this page does not have, kept for other months
  }

  Facet.prototype.choose = function (values) {
    const known = this.known;
    this.selected = new Set(values.filter(function (value) { return known.has(value); }));
    this.elsewhere = values.filter(function (value) { return !known.has(value); });
    this.boxes.forEach(function (box) { box.checked = this.selected.has(box.value); }, this);
  };

  Facet.prototype.fromBoxes = function () {
    const checked = this.boxes.filter(function (box) { return box.checked; });
    this.selected = new Set(checked.map(function (box) { return box.value; }));
    this.elsewhere = []; // the reader chose this facet's values here
  };

  Facet.prototype.values = function () {
    return this.boxes.map(function (box) { return box.value; }).filter(function (value) {
      return this.selected.has(value);
    }, this).concat(this.elsewhere);
  };

  function MonthPage(root) {
    this.root = root;
    this.month = root.getAttribute("data-month") || "";
    this.months = (root.getAttribute("data-months") || "").split(/\s+/).filter(Boolean);
    this.monthAddress = root.getAttribute("data-month-address") || SERVED_MONTH_ADDRESS;
    this.form = root.querySelector("form.ps-filters");
    const fieldsets = this.form ? this.form.querySelectorAll("fieldset[data-filter]") : [];
    this.facets = Array.from(fieldsets).map(function (fieldset) { return new Facet(fieldset); });
    this.shownNode = this.form && this.form.querySelector(".ps-filters__shown");
    this.weeks = Array.from(root.querySelectorAll("table.ps-grid tr.ps-week"));
    this.days = this.readDays();
    this.total = this.days.reduce(function (sum, day) { return sum + day.items.length; }, 0);
    this.view = "month";
    this.addressDue = false; // a change of the address waits for the next task
    this.week = null; // the row the week view shows
    this.otherParams = []; // parts of the address that are not ours, kept as they are
    this.monthLinks = []; // links to other months, carrying the query
  }

  // Every occurrence, read once: the filters then work on this, not on the DOM.
  MonthPage.prototype.readDays = function () {
    const facets = this.facets;
    const more = this.root.getAttribute("data-more-template") || "+{count}";
    return Array.from(this.root.querySelectorAll("table.ps-grid td.ps-day")).map(function (cell) {
      const items = Array.from(cell.querySelectorAll("[data-date]")).map(function (element) {
        const parent = element.parentElement;
        return {
          element: element,
          // Its list item folds (the month view shows the first few of a day):
          // the browser does not style what is inside an element it does not
          // show, so the thousands a filter hides in folded items cost nothing.
          box: parent && parent.tagName === "LI" ? parent : element,
          values: facets.map(function (facet) {
            return element.getAttribute("data-" + facet.name) || "";
          }),
          hidden: false,
          folded: false,
        };
      });
      return {
        cell: cell,
        items: items,
        keyDate: Boolean(cell.querySelector(".ps-key-date")),
        empty: null,
        more: items.length > FOLD_AFTER ? moreButton(cell, more) : null,
        folded: -1,
      };
    });
  };

  function moreButton(cell, template) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "ps-day__more";
    button.setAttribute("aria-expanded", "false");
    button.hidden = true;
    button.dataset.template = template;
    const list = cell.querySelector(".ps-day__posts");
    (list || cell).insertAdjacentElement(list ? "afterend" : "beforeend", button);
    button.addEventListener("click", function () {
      cell.classList.add("ps-day--expanded");
      button.setAttribute("aria-expanded", "true");
      button.hidden = true;
      const first = cell.querySelector(
        ".ps-day__folded > .ps-occ:not([hidden]), .ps-occ.ps-day__folded:not([hidden])"
      );
      if (first) first.focus();
    });
    return button;
  }

  MonthPage.prototype.start = function () {
    const root = this.root;
    root.classList.add("ps-js");
    const views = root.querySelector(".ps-cal-views");
    if (views) views.hidden = false;
    if (this.form) {
      this.form.hidden = false;
      this.makeFilterToggle();
    }
    this.readAddress();
    this.collectMonthLinks();
    this.bindFilters();
    this.bindViews();
    this.markToday();
    this.apply();
    this.showView(this.view, this.week, false);
    this.writeAddress();
  };

  MonthPage.prototype.readAddress = function () {
    const byName = new Map(this.facets.map(function (facet) { return [facet.name, facet]; }));
    let weekDay = null;
    this.otherParams = [];
    readQuery(window.location.search).forEach(function (pair) {
      const facet = byName.get(pair.key);
      if (facet) facet.choose(valuesOf(pair.raw));
      else if (pair.key === "view") this.view = decoded(pair.raw);
      else if (pair.key === "week") weekDay = decoded(pair.raw);
      else this.otherParams.push(pair);
    }, this);
    const hash = window.location.hash.match(/^#d-(\d{4}-\d{2}-\d{2})$/);
    if (VIEWS.indexOf(this.view) < 0) this.view = "month";
    this.week = this.weekOf(weekDay) || this.weekOf(hash && hash[1]) || this.weekOf(today()) ||
      this.weeks[0] || null;
  };

  // The row holding `day` (its first day, or any of its days).
  MonthPage.prototype.weekOf = function (day) {
    if (!day || !ISO_DAY.test(day)) return null;
    for (const row of this.weeks) {
      if (row.getAttribute("data-week") === day) return row;
      if (row.querySelector('[data-day="' + day + '"]')) return row;
    }
    return null;
  };

  // The query of this page's state: the filters, then the view and its week.
  // Links to another month leave the week out (`week` null): that month has
  // its own rows.
  MonthPage.prototype.query = function (view, week) {
    const pairs = [];
    this.facets.forEach(function (facet) {
      const values = facet.values();
      if (values.length) pairs.push({ key: facet.name, raw: encodedValues(values) });
    });
    if (view !== "month") pairs.push({ key: "view", raw: view });
    if (view === "week" && week) pairs.push({ key: "week", raw: encodeURIComponent(week) });
    return queryText(pairs.concat(this.otherParams));
  };

  MonthPage.prototype.ownQuery = function () {
    return this.query(this.view, this.week && this.week.getAttribute("data-week"));
  };

  MonthPage.prototype.carriedQuery = function () {
    return this.query(this.view, null);
  };

  // The links to other months follow a change at once; the address bar a moment
  // later, off the path of the click (on a busy month, replacing the address
  // cost the browser as much as applying the filter).
  MonthPage.prototype.writeAddress = function () {
    const carried = this.carriedQuery();
    this.monthLinks.forEach(function (link) {
      link.element.setAttribute("href", link.target + carried + link.hash);
    });
    if (this.addressDue) return;
    this.addressDue = true;
    const page = this;
    window.setTimeout(function () {
      page.addressDue = false;
      page.replaceAddress();
    }, 0);
  };

  MonthPage.prototype.replaceAddress = function () {
    const address = window.location.pathname + this.ownQuery() + window.location.hash;
    if (address !== window.location.pathname + window.location.search + window.location.hash) {
      window.history.replaceState(window.history.state, "", address);
    }
  };

  // The links to other months (previous, next, a list of months) carry the query.
  MonthPage.prototype.collectMonthLinks = function () {
    const template = this.monthAddress;
    const pattern = monthLinkPattern(template);
    this.monthLinks = Array.from(this.root.querySelectorAll("a[href]")).filter(function (element) {
      return pattern.test(element.getAttribute("href"));
    }).map(function (element) {
      const match = element.getAttribute("href").match(pattern);
      return { element: element, target: monthAddress(template, match[1]), hash: match[2] || "" };
    });
  };

  // -- filters -------------------------------------------------------------------

  // On a phone the filters wait behind a button (the stylesheet hides it wider).
  MonthPage.prototype.makeFilterToggle = function () {
    const form = this.form;
    const toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "ps-filters__toggle";
    toggle.textContent = form.getAttribute("aria-label") || "Filters";
    toggle.setAttribute("aria-expanded", "false");
    form.insertBefore(toggle, form.firstChild);
    toggle.addEventListener("click", function () {
      const open = form.classList.toggle("ps-filters--open");
      toggle.setAttribute("aria-expanded", String(open));
    });
  };

  MonthPage.prototype.bindFilters = function () {
    if (!this.form) return;
    const page = this;
    this.form.addEventListener("change", function (event) {
      const facet = page.facets.find(function (each) {
        return each.boxes.indexOf(event.target) >= 0;
      });
      if (!facet) return;
      facet.fromBoxes();
      page.apply();
      page.writeAddress();
    });
    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    const clear = this.form.querySelector(".ps-filters__clear");
    if (clear) {
      clear.addEventListener("click", function () {
        page.facets.forEach(function (facet) { facet.choose([]); });
        page.apply();
        page.writeAddress();
      });
    }
  };

  // One pass over the occurrences: which show, how many each option would show
  // given the other facets' choices, which a busy day folds. Nothing is read
  // from the layout, and only what changed is written.
  MonthPage.prototype.apply = function () {
    const facets = this.facets;
    const active = [];
    facets.forEach(function (facet, index) { if (facet.selected.size) active.push(index); });
    const counts = facets.map(function () { return new Map(); });
    let shown = 0;
    for (const day of this.days) {
      let visible = 0;
      for (const item of day.items) {
        let misses = 0;
        let missed = -1;
        for (const index of active) {
          if (!facets[index].selected.has(item.values[index])) {
            misses += 1;
            missed = index;
            if (misses > 1) break;
          }
        }
        if (misses === 0) {
          shown += 1;
          visible += 1;
          for (let index = 0; index < facets.length; index += 1) {
            increment(counts[index], item.values[index]);
          }
        } else if (misses === 1) {
          increment(counts[missed], item.values[missed]);
        }
        const hidden = misses > 0;
        if (hidden !== item.hidden) {
          item.hidden = hidden;
          item.element.hidden = hidden;
        }
        // A hidden publication keeps its fold: one change to the page, not two.
        const folded = hidden ? item.folded : visible > FOLD_AFTER;
        if (folded !== item.folded) {
          item.folded = folded;
          item.box.classList.toggle("ps-day__folded", folded);
        }
      }
      this.updateDay(day, visible);
    }
    this.updateCounts(counts, shown);
  };

  function increment(map, key) {
    map.set(key, (map.get(key) || 0) + 1);
  }

  MonthPage.prototype.updateDay = function (day, visible) {
    const empty = visible === 0 && !day.keyDate;
    if (empty !== day.empty) {
      day.empty = empty;
      day.cell.classList.toggle("ps-day--empty", empty);
    }
    const folded = Math.max(0, visible - FOLD_AFTER);
    if (day.more && folded !== day.folded) {
      day.folded = folded;
      day.more.textContent = fill(day.more.dataset.template, { count: formatNumber(folded) });
      day.more.hidden = folded === 0 || day.cell.classList.contains("ps-day--expanded");
    }
  };

  MonthPage.prototype.updateCounts = function (counts, shown) {
    this.facets.forEach(function (facet, index) {
      facet.counts.forEach(function (option) {
        const count = counts[index].get(option.value) || 0;
        if (option.node && count !== option.shown) {
          option.shown = count;
          option.node.textContent = formatNumber(count);
          if (option.label) option.label.classList.toggle("ps-filters__option--none", count === 0);
        }
      });
    });
    if (this.shownNode) {
      const template = this.form.getAttribute("data-shown-template") || "{shown} / {total}";
      const numbers = { shown: formatNumber(shown), total: formatNumber(this.total) };
      this.shownNode.textContent = fill(template, numbers);
    }
  };

  // -- views ---------------------------------------------------------------------

  MonthPage.prototype.bindViews = function () {
    const page = this;
    this.viewButtons = Array.from(this.root.querySelectorAll(".ps-cal-views [data-view]"));
    this.viewButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        page.showView(button.getAttribute("data-view"), page.week, true);
      });
    });
    this.weekNav = this.makeWeekNav();
  };

  // Previous and next week, shown in the week view; past the month's first or
  // last row they open the neighbouring month on that week.
  MonthPage.prototype.makeWeekNav = function () {
    const views = this.root.querySelector(".ps-cal-views");
    if (!views || !this.weeks.length) return null;
    const nav = document.createElement("span");
    nav.className = "ps-cal-weeknav";
    const page = this;
    const make = function (step, label, symbol) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = step < 0 ? "ps-cal-prev-week" : "ps-cal-next-week";
      button.textContent = symbol;
      button.setAttribute("aria-label", label);
      button.title = label;
      button.addEventListener("click", function () { page.stepWeek(step); });
      nav.appendChild(button);
      return button;
    };
    const root = this.root;
    this.prevWeek = make(-1, root.getAttribute("data-prev-week") || "Previous week", "‹");
    this.weekLabel = document.createElement("span");
    this.weekLabel.className = "ps-cal-weeknav__label";
    nav.appendChild(this.weekLabel);
    this.nextWeek = make(1, root.getAttribute("data-next-week") || "Next week", "›");
    views.insertAdjacentElement("afterend", nav);
    return nav;
  };

  MonthPage.prototype.stepWeek = function (step) {
    const index = this.weeks.indexOf(this.week) + step;
    if (index >= 0 && index < this.weeks.length) {
      this.showView("week", this.weeks[index], true);
      return;
    }
    const target = this.neighbourMonth(step);
    if (!target) return;
    const day = addDays(this.week.getAttribute("data-week"), 7 * step);
    window.location.href = monthAddress(this.monthAddress, target) + this.query("week", day);
  };

  MonthPage.prototype.neighbourMonth = function (step) {
    const index = this.months.indexOf(this.month);
    const target = index < 0 ? undefined : this.months[index + step];
    return target || null;
  };

  MonthPage.prototype.showView = function (view, week, write) {
    this.view = VIEWS.indexOf(view) >= 0 ? view : "month";
    if (week && week !== this.week) {
      if (this.week) this.week.classList.remove("ps-week--current");
      this.week = week;
    }
    if (this.week) this.week.classList.add("ps-week--current");
    this.root.classList.toggle("ps-calendar--week", this.view === "week");
    this.root.classList.toggle("ps-calendar--agenda", this.view === "agenda");
    this.viewButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-view") === this.view));
    }, this);
    if (this.weekNav) {
      this.weekNav.hidden = this.view !== "week";
      const index = this.weeks.indexOf(this.week);
      this.prevWeek.disabled = index <= 0 && !this.neighbourMonth(-1);
      this.nextWeek.disabled = index >= this.weeks.length - 1 && !this.neighbourMonth(1);
      this.weekLabel.textContent = this.week ? weekLabel(this.week) : "";
    }
    if (write) this.writeAddress();
  };

  function weekLabel(row) {
    const cells = row.querySelectorAll("td.ps-day");
    if (!cells.length) return "";
    const first = cells[0].querySelector(".ps-day__full");
    const last = cells[cells.length - 1].querySelector(".ps-day__full");
    return (first ? first.textContent : "") + " – " + (last ? last.textContent : "");
  }

  // -- today ---------------------------------------------------------------------

  MonthPage.prototype.markToday = function () {
    const day = today();
    const cell = this.root.querySelector(
      'table.ps-grid td.ps-day[data-day="' + day + '"]:not(.ps-day--outside)'
    );
    if (cell) {
      cell.setAttribute("aria-current", "date");
      cell.classList.add("ps-day--today");
      cell.tabIndex = -1;
    }
    const button = this.root.querySelector(".ps-cal-today");
    if (!button) return;
    const month = day.slice(0, 7);
    const page = this;
    if (month === this.month && cell) {
      button.addEventListener("click", function () {
        if (page.view === "week") page.showView("week", page.weekOf(day), true);
        cell.scrollIntoView({ block: "center" });
        cell.focus({ preventScroll: true });
      });
    } else if (this.months.indexOf(month) >= 0) {
      button.addEventListener("click", function () {
        window.location.href = monthAddress(page.monthAddress, month) + page.carriedQuery() +
          "#d-" + day;
      });
    } else {
      button.disabled = true;
      const template = button.getAttribute("data-outside-template") ||
        this.root.getAttribute("data-outside-template") || "";
      button.title = fill(template, { date: longDate(day) });
    }
  };

  const LONG_DATE = { day: "numeric", month: "long", year: "numeric" };

  function longDate(iso) {
    try {
      return dateOf(iso).toLocaleDateString(language(), LONG_DATE);
    } catch (error) {
      return iso;
    }
  }

  // -- the overview's coming posts -------------------------------------------------

  function startComing(lists) {
    const first = lists[0];
    const root = first.getAttribute("data-root") || "";
    const months = (first.getAttribute("data-months") || "").split(/\s+/).filter(Boolean);
    const days = Number(first.getAttribute("data-days")) || 30;
    const start = today();
    const last = addDays(start, days - 1);
    const needed = months.filter(function (month) {
      return month >= start.slice(0, 7) && month <= last.slice(0, 7);
    });
    loadMonths(root, needed, function (loaded) {
      if (!loaded) return; // a month could not be read: the build's lists stay
      const entries = [];
      needed.forEach(function (month) {
        const list = window.plansiteMonths[month];
        if (Array.isArray(list)) Array.prototype.push.apply(entries, list);
      });
      lists.forEach(function (list) { fillComing(list, entries, start, root); });
    });
  }

  // Each month's script, inserted as <script src> (fetch does not work from
  // file://); `done(true)` once all ran.
  function loadMonths(root, months, done) {
    window.plansiteMonths = window.plansiteMonths || {};
    let waiting = months.length;
    let failed = false;
    if (!waiting) {
      done(true);
      return;
    }
    months.forEach(function (month) {
      if (Array.isArray(window.plansiteMonths[month])) {
        waiting -= 1;
        if (!waiting) done(!failed);
        return;
      }
      const script = document.createElement("script");
      script.src = root + "calendar/" + month + "/occurrences.js";
      script.async = false;
      script.onload = script.onerror = function (event) {
        failed = failed || event.type === "error";
        waiting -= 1;
        if (!waiting) done(!failed);
      };
      document.head.appendChild(script);
    });
  }

  function lastOfWeek(day, firstWeekday) {
    const weekday = (dateOf(day).getDay() + 6) % 7; // 0 is Monday, as in Babel
    return addDays(day, (firstWeekday + 6 - weekday) % 7);
  }

  function fillComing(list, entries, start, root) {
    const kind = list.getAttribute("data-coming");
    const days = Number(list.getAttribute("data-days")) || 30;
    const limit = Number(list.getAttribute("data-limit")) || 50;
    const last = kind === "week"
      ? lastOfWeek(start, Number(list.getAttribute("data-first-weekday")) || 0)
      : addDays(start, days - 1);
    const found = entries.filter(function (entry) {
      return entry.date >= start && entry.date <= last;
    });
    const shown = found.slice(0, limit);
    const asOf = fill(list.getAttribute("data-from-today-template"), { date: longDate(start) });
    const nodes = [element("p", "ps-coming__as-of", asOf)];
    if (shown.length) {
      const items = element("ul", "ps-coming__list");
      shown.forEach(function (entry) { items.appendChild(comingItem(entry, root)); });
      nodes.push(items);
    } else {
      nodes.push(element("p", "ps-coming__empty", list.getAttribute("data-empty-text") || ""));
    }
    if (found.length > limit) {
      const next = found[limit].date;
      const count = { count: formatNumber(found.length - limit) };
      const link = element("a", "", fill(list.getAttribute("data-more-template"), count));
      const months = list.getAttribute("data-month-address") || root + "calendar/{month}/";
      link.href = monthAddress(months, next.slice(0, 7)) + "#d-" + next;
      const more = element("p", "ps-coming__more");
      more.appendChild(link);
      nodes.push(more);
    }
    list.replaceChildren.apply(list, nodes);
    list.classList.add("ps-coming--today");
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  const DAY_LABEL = { weekday: "short", day: "numeric", month: "short" };

  function comingItem(entry, root) {
    const status = String(entry.status || "");
    const link = element("a", "ps-occ");
    const href = String(entry.href || "");
    if (/^calendar\//.test(href)) link.href = root + href; // a page of this site, nothing else
    link.dataset.date = String(entry.date || "");
    link.dataset.channel = String(entry.channel || "");
    link.dataset.campaign = String(entry.campaign || "");
    link.dataset.status = status;
    link.dataset.type = String(entry.type || "");
    link.dataset.owner = String(entry.owner || "");
    let day = link.dataset.date;
    try {
      day = dateOf(day).toLocaleDateString(language(), DAY_LABEL);
    } catch (error) { /* the ISO date stays */ }
    link.append(element("span", "ps-coming__day", day), " ");
    const chip = element("span", "ps-chip", link.dataset.channel);
    chip.dataset.channel = link.dataset.channel;
    link.append(chip);
    if (entry.time) link.append(" ", element("span", "ps-occ__time", String(entry.time)));
    link.append(" ", element("span", "ps-occ__title", String(entry.title || "")));
    const item = document.createElement("li");
    item.appendChild(link);
    return item;
  }

  // -- the calendar's index ------------------------------------------------------------

  // The index's button opens the plan's current month as the build knew it; the
  // reader's own month, when the calendar has it, is the one to open.
  function openReadersMonth(button) {
    const key = today().slice(0, 7);
    const link = Array.from(document.querySelectorAll("article a[href]")).find(function (a) {
      const match = a.getAttribute("href").match(MONTH_PAGE_END);
      return a !== button && match !== null && match[1] === key;
    });
    const shown = (button.getAttribute("href").match(MONTH_PAGE_END) || [])[1];
    if (!link || !shown || shown === key) return;
    const month = function (iso) {
      return new Intl.DateTimeFormat(language(), { month: "long", year: "numeric" })
        .format(dateOf(iso + "-01"));
    };
    const label = button.textContent.replace(month(shown), month(key));
    button.textContent = label === button.textContent ? link.textContent : label;
    button.setAttribute("href", link.getAttribute("href"));
  }

  // -- start -----------------------------------------------------------------------

  function start() {
    document.querySelectorAll(".ps-calendar").forEach(function (root) {
      if (!root.classList.contains("ps-js")) new MonthPage(root).start();
    });
    const lists = Array.from(
      document.querySelectorAll(".ps-coming[data-coming]:not(.ps-coming--today)")
    );
    if (lists.length) startComing(lists);
    document.querySelectorAll("a.ps-cal-open").forEach(openReadersMonth);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start); // Material's instant navigation, when a site turns it on
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
