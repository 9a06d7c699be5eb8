// The questionnaire form: show-if questions, and saving each answer as it is typed.
//
// A save's reply only updates the field's messages (error, warnings, "Opgeslagen",
// a conflict): it never touches what the person is typing. Each field has at most one
// save in flight; what was typed meanwhile is sent after it, based on the version the
// reply reported. A save that someone else overtook comes back as a conflict, and the
// person chooses which answer stays.
(function () {
  "use strict";

  var form = document.getElementById("survey-form");
  var TEXT = {
    saving: "Bezig met opslaan…",
    offline: "Niet opgeslagen: geen verbinding. Wij proberen het zo opnieuw.",
    taken: "Het andere antwoord is overgenomen.",
  };

  function applyShowIf() {
    document.querySelectorAll("[data-show-if]").forEach(function (field) {
      var yes = document.querySelector(
        'input[name="' + field.dataset.showIf + '"][value="ja"]'
      );
      if (yes) {
        field.hidden = !yes.checked;
      }
    });
  }
  document.addEventListener("change", applyShowIf);

  if (!form) {
    return;
  }

  var states = {};

  function fieldOf(el) {
    return el && el.closest ? el.closest(".survey-field[data-save-url]") : null;
  }

  function controls(field) {
    return field.querySelectorAll(
      "input:not([type=hidden]), select, textarea"
    );
  }

  function serialize(field) {
    var out = [];
    controls(field).forEach(function (c) {
      if ((c.type === "radio" || c.type === "checkbox") && !c.checked) {
        return;
      }
      out.push([c.name, c.value]);
    });
    return out;
  }

  function keyOf(field) {
    return JSON.stringify(serialize(field));
  }

  function state(field) {
    if (!states[field.id]) {
      var key = keyOf(field);
      states[field.id] = {
        timer: null,
        inflight: null,
        again: false,
        conflict: false,
        last: key, // what was last sent (or loaded)
      };
    }
    return states[field.id];
  }

  function part(field, name) {
    return field.querySelector('[data-part="' + name + '"]');
  }

  function setVersion(field, version) {
    field.dataset.version = version;
    var base = field.querySelector("[data-base]");
    if (base) {
      base.value = version;
    }
  }

  function csrf() {
    var input = form.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : "";
  }

  function schedule(field, delay) {
    var s = state(field);
    clearTimeout(s.timer);
    s.timer = setTimeout(function () {
      save(field);
    }, delay);
  }

  function save(field, options) {
    options = options || {};
    var s = state(field);
    clearTimeout(s.timer);
    s.timer = null;
    if (s.inflight) {
      s.again = true;
      return s.inflight;
    }
    var key = keyOf(field);
    if (!options.force && (s.conflict || key === s.last)) {
      return Promise.resolve();
    }
    var body = new URLSearchParams();
    body.append("csrfmiddlewaretoken", csrf());
    body.append("_base", field.dataset.version || "");
    serialize(field).forEach(function (pair) {
      body.append(pair[0], pair[1]);
    });
    s.last = key;
    var status = part(field, "status");
    if (status) {
      status.textContent = TEXT.saving;
    }
    s.inflight = fetch(field.dataset.saveUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      keepalive: !!options.keepalive,
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (reply) {
        if (!reply.ok) {
          throw new Error(String(reply.status));
        }
        return reply.text();
      })
      .then(function (html) {
        apply(field, html, key);
      })
      .catch(function () {
        s.last = null; // try again
        if (status) {
          status.textContent = TEXT.offline;
        }
        schedule(field, 3000);
      })
      .finally(function () {
        s.inflight = null;
        if (s.again) {
          s.again = false;
          save(field);
        } else if (!s.conflict && keyOf(field) !== s.last && !s.timer) {
          schedule(field, 800);
        }
      });
    return s.inflight;
  }

  function apply(field, html, sentKey) {
    var doc = new DOMParser().parseFromString(
      "<!DOCTYPE html><body>" + html + "</body>",
      "text/html"
    );
    doc.querySelectorAll(".survey-field").forEach(function (incoming) {
      var target = document.getElementById(incoming.id);
      if (!target) {
        return;
      }
      var mine = target === field;
      if (!mine) {
        // Another field whose warning depends on this answer: its warning only.
        part(target, "warn").innerHTML = part(incoming, "warn").innerHTML;
        return;
      }
      var s = state(field);
      var outdated = keyOf(field) !== sentKey;
      var conflict = incoming.dataset.conflictVersion !== undefined;
      if (conflict) {
        s.conflict = true;
        field.dataset.conflictVersion = incoming.dataset.conflictVersion;
      } else {
        setVersion(field, incoming.dataset.version || "");
      }
      part(field, "warn").innerHTML = part(incoming, "warn").innerHTML;
      part(field, "conflict").innerHTML = part(incoming, "conflict").innerHTML;
      if (outdated && !conflict) {
        // Typed on since this save left: its messages are about an old value.
        part(field, "error").innerHTML = "";
        part(field, "status").innerHTML = "";
        return;
      }
      part(field, "error").innerHTML = part(incoming, "error").innerHTML;
      part(field, "status").innerHTML = part(incoming, "status").innerHTML;
      var invalid = incoming.classList.contains("has-error");
      field.classList.toggle("has-error", invalid);
      controls(field).forEach(function (c) {
        if (c.type !== "radio" && c.type !== "checkbox") {
          c.classList.toggle("is-invalid", invalid);
        }
        if (invalid) {
          c.setAttribute("aria-invalid", "true");
        } else {
          c.removeAttribute("aria-invalid");
        }
      });
    });
  }

  function resolve(field, action, button) {
    var s = state(field);
    setVersion(field, field.dataset.conflictVersion || "");
    delete field.dataset.conflictVersion;
    s.conflict = false;
    part(field, "conflict").innerHTML = "";
    if (action === "keep-mine") {
      save(field, { force: true });
      return;
    }
    var theirs = button.dataset.theirs || "";
    var chosen = theirs.split(";");
    controls(field).forEach(function (c) {
      if (c.type === "radio") {
        c.checked = c.value === theirs;
      } else if (c.type === "checkbox") {
        c.checked = chosen.indexOf(c.value) !== -1;
      } else {
        c.value = theirs;
      }
    });
    s.last = keyOf(field);
    part(field, "error").innerHTML = "";
    part(field, "status").textContent = TEXT.taken;
    applyShowIf();
    var first = controls(field)[0];
    if (first) {
      first.focus();
    }
  }

  // What each field holds now is what is stored: remember it before anyone types.
  form.querySelectorAll(".survey-field[data-save-url]").forEach(state);

  form.addEventListener("input", function (event) {
    var field = fieldOf(event.target);
    var type = event.target.type;
    if (field && type !== "radio" && type !== "checkbox") {
      schedule(field, 800);
    }
  });

  form.addEventListener("change", function (event) {
    var field = fieldOf(event.target);
    if (field) {
      save(field);
    }
  });

  form.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    var field = fieldOf(button);
    if (button && field) {
      resolve(field, button.dataset.action, button);
    }
  });

  function pending() {
    return Array.prototype.filter.call(
      form.querySelectorAll(".survey-field[data-save-url]"),
      function (field) {
        var s = state(field);
        return s.timer || s.inflight || (!s.conflict && keyOf(field) !== s.last);
      }
    );
  }

  // "Opslaan" and "Versturen": first let every save finish, then post the form with
  // the versions those saves reported.
  var flushed = false;
  form.addEventListener("submit", function (event) {
    if (flushed) {
      return;
    }
    var waiting = pending();
    if (!waiting.length) {
      return;
    }
    event.preventDefault();
    var submitter = event.submitter;
    var settle = function () {
      var busy = pending().map(function (field) {
        return state(field).inflight || save(field);
      });
      return busy.length ? Promise.all(busy).then(settle) : Promise.resolve();
    };
    settle().then(function () {
      flushed = true;
      form.requestSubmit(submitter);
    });
  });

  // Closing the tab: what was typed but not yet sent still goes out.
  window.addEventListener("pagehide", function () {
    pending().forEach(function (field) {
      if (!state(field).inflight) {
        save(field, { keepalive: true });
      }
    });
  });

  var alert = document.getElementById("confirm-warnings");
  if (alert) {
    alert.focus();
  }
})();
