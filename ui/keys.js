// The review page's keys (ui/keys.py mounts this as a Streamlit v2 component).
//
// Every verdict, move, undo, not-relevant and adopt key (and a click on those buttons) becomes a numbered press
// {tab, seq} in a queue kept in sessionStorage. The queue is sent, whole and in order, when
// Streamlit is not running the script; the server applies each press once (receipts) and
// confirms the highest seq per tab in `data.done`, and confirmed presses are dropped. While
// presses wait, a status line says how many. "n" opens the note after the presses before it
// have been applied, with what was typed meanwhile. No key acts in a text box or the table.
// Constant code: the data it receives is ids, numbers and labels, never put into HTML.

const STORAGE = "factcheck-keys";
const TYPING = new Set(["INPUT", "TEXTAREA", "SELECT"]);
const RESEND_MS = 3000;

function randomId() {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function loadEntries() {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(STORAGE) || "[]");
    return Array.isArray(saved) ? saved.filter((e) => e && typeof e.tab === "string") : [];
  } catch (error) {
    return [];
  }
}

function typing(element) {
  return !!element && (element.isContentEditable || TYPING.has(element.tagName));
}

function inGrid(event) {
  return event.composedPath().some(
    (node) => node instanceof HTMLElement && node.dataset.testid === "stDataFrame"
  );
}

function plain(event) {
  return !event.ctrlKey && !event.metaKey && !event.altKey;
}

function scriptState() {
  const app = document.querySelector('[data-testid="stApp"]');
  return app ? app.dataset.testScriptState : "";
}

function idle() {
  return scriptState() === "notRunning";
}

class KeyQueue {
  constructor() {
    this.tab = randomId();
    this.seq = 0;
    this.entries = loadEntries();
    this.sent = new Set();
    this.lastSend = 0;
    this.awaiting = false; // a send whose run has not started yet
    this.nonce = 0;
    this.data = null;
    this.setState = null;
    this.active = false;
    this.note = null; // {buffer} while "n" waits for the presses before it
    this.cellTyping = null; // {buffer} while a verdict cell's editor opens
    this.handPicked = false; // a claim was picked in the Claim box since the last press
    this.goToPick = null; // the place typed in "Go to #" (Enter), until the page shows it
    this.goToAt = 0; // when that Enter was pressed
    this.status = this.makeStatus();
    window.addEventListener("keydown", (event) => this.onKey(event), true);
    window.addEventListener("click", (event) => this.onClick(event), true);
    for (const type of ["pointerup", "click"]) {
      window.addEventListener(type, (event) => this.notePick(event), true);
    }
    this.watchScript();
    window.setInterval(() => this.flush(true), RESEND_MS);
  }

  makeStatus() {
    const status = document.createElement("div");
    status.id = "factcheck-keys-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    status.dataset.pending = "0";
    status.style.cssText = [
      "position:fixed", "top:0.6rem", "left:50%", "transform:translateX(-50%)",
      "z-index:1000100", "padding:0.3rem 0.9rem", "border-radius:1rem",
      "background:#fff4c2", "color:#3d3000", "border:1px solid #e0c050",
      "font:500 0.9rem/1.4 'Source Sans Pro',sans-serif", "box-shadow:0 1px 4px #0002",
      "display:none",
    ].join(";");
    document.body.appendChild(status);
    return status;
  }

  watchScript() {
    const attach = () => {
      const app = document.querySelector('[data-testid="stApp"]');
      if (!app) {
        window.setTimeout(attach, 200);
        return;
      }
      new MutationObserver(() => {
        this.awaiting = false;
        this.onIdleMaybe();
      }).observe(app, {
        attributes: true,
        attributeFilter: ["data-test-script-state"],
      });
    };
    attach();
  }

  // Called on every mount and whenever the server sends new data (after each run).
  update(component) {
    this.data = component.data;
    this.setState = component.setStateValue;
    this.active = true;
    const done = (this.data && this.data.done) || {};
    const before = this.entries.length;
    this.entries = this.entries.filter((e) => !(e.seq <= (done[e.tab] || 0)));
    if (this.goToPick !== null && this.data && this.data.position === this.goToPick) {
      this.goToPick = null; // drawn: a key now acts on the claim shown
    }
    if (this.entries.length !== before) this.save();
    this.render();
    this.onIdleMaybe();
  }

  unmount() {
    this.active = false;
    this.render();
  }

  save() {
    try {
      window.sessionStorage.setItem(STORAGE, JSON.stringify(this.entries));
    } catch (error) {
      // Storage full or blocked: the queue still lives in memory for this page.
    }
  }

  render() {
    const count = this.entries.length;
    const status = this.status;
    status.dataset.pending = String(count);
    status.dataset.note = this.note ? "waiting" : "";
    let text = "";
    if (count > 0) {
      text = `${count} key${count === 1 ? "" : "s"} waiting…`;
      if (!this.active) text += " (applied when the review page is open)";
    }
    if (this.note) text = text ? `${text} then the note` : "Opening the note…";
    status.textContent = text;
    status.style.display = text ? "block" : "none";
  }

  shownPosition() {
    if (!this.data) return null;
    const input = document.querySelector(`.${this.data.picker} input`);
    const match = /^#(\d+) · /.exec(input ? input.value : "");
    return match ? Number(match[1]) : null;
  }

  // The place of a claim the reviewer picked in the Claim box since the last press (null:
  // none). Only a pick seen as such counts: while a run draws the page, the box can show
  // another claim than this.data for a moment.
  picked() {
    if (this.goToPick !== null) return this.goToPick;
    return this.handPicked ? this.shownPosition() : null;
  }

  notePick(event) {
    const target = event.target instanceof Element ? event.target : null;
    const label = this.data ? this.data.pickerLabel : "";
    if (target && label && target.closest(`[role="listbox"][aria-label="${label}"]`)) {
      this.handPicked = true;
      this.goToPick = null;
    }
  }

  enqueue(command) {
    const data = this.data;
    const last = this.entries[this.entries.length - 1];
    const shown = this.shownPosition();
    const entry = {
      tab: this.tab,
      seq: ++this.seq,
      article: data.article,
      op: command.op,
      label: command.label || "",
      step: command.step || 0,
      rank: command.rank || 0,
      anchor: null,
      anchorPosition: null,
      shown,
    };
    const pick = this.picked();
    this.handPicked = false;
    this.goToPick = null;
    if (pick !== null) entry.anchorPosition = pick; // a key after a pick acts on that claim
    else if (!last) entry.anchor = data.focus; // on a settled screen: the claim shown
    this.entries.push(entry);
    this.save();
    this.render();
    this.flush(false);
  }

  flush(retry) {
    if (!this.active || !this.setState || !this.entries.length || !idle()) return;
    if (this.awaiting && Date.now() - this.lastSend < RESEND_MS) return;
    const fresh = this.entries.some((e) => !this.sent.has(`${e.tab}:${e.seq}`));
    if (!fresh && !(retry && Date.now() - this.lastSend > RESEND_MS)) return;
    this.nonce += 1;
    this.setState("queue", {
      presses: this.entries,
      picked: this.picked(), // picked after the last press: the focus ends there
      nonce: this.nonce,
    });
    for (const e of this.entries) this.sent.add(`${e.tab}:${e.seq}`);
    this.lastSend = Date.now();
    this.awaiting = true;
  }

  onIdleMaybe() {
    if (!idle()) return;
    this.flush(false);
    if (this.note && !this.note.opening && this.active && this.entries.length === 0) {
      this.note.opening = true; // keys typed until then still go to the buffer
      window.setTimeout(() => {
        if (!this.note) return; // Escape took it back
        const buffer = this.note.buffer;
        this.note = null;
        this.render();
        this.openNote(buffer);
      }, 30);
    }
  }

  noteBox() {
    return this.data ? document.querySelector(`.${this.data.note} textarea`) : null;
  }

  goToBox() {
    return this.data && this.data.goto
      ? document.querySelector(`.${this.data.goto} input`)
      : null;
  }

  openNote(text) {
    const note = this.noteBox();
    if (!note) return;
    note.focus();
    note.setSelectionRange(note.value.length, note.value.length);
    if (text && !document.execCommand("insertText", false, text)) {
      const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");
      setter.set.call(note, note.value + text);
      note.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  // While "n" waits, what is typed is kept for the note, never taken as a shortcut.
  bufferForNote(event) {
    if (event.key === "Escape") this.note = null;
    else if (event.key === "Backspace") this.note.buffer = this.note.buffer.slice(0, -1);
    else if (event.key === "Enter") this.note.buffer += "\n";
    else if (event.key.length === 1 && plain(event)) this.note.buffer += event.key;
    else return;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.render();
  }

  // window.__factCheckKeysOff = true leaves every key to Streamlit's own shortcuts (what
  // the app did before this queue): bench/keys_browser.py measures that as its baseline.
  off() {
    return !this.active || !this.data || window.__factCheckKeysOff === true;
  }

  onKey(event) {
    if (this.off()) return;
    const box = event.target instanceof Element ? event.target : null;
    if (event.key === "Enter" && box && box.closest(
      `[role="combobox"][aria-label="${this.data.pickerLabel}"]`
    )) this.handPicked = true;
    if (this.note) {
      this.bufferForNote(event);
      return;
    }
    if (this.cellTyping && event.key.length === 1 && plain(event)) {
      this.cellTyping.buffer += event.key; // the editor is opening: it gets them in order
      event.preventDefault();
      event.stopImmediatePropagation();
      return;
    }
    const target = event.target;
    const note = this.noteBox();
    if (event.key === "Escape" && note && target === note) {
      note.blur(); // leaving the box saves the note
      return;
    }
    const goTo = this.goToBox();
    if ((event.key === "Enter" || event.key === "Escape") && goTo && target === goTo) {
      // Streamlit takes the number on Enter; then the box lets go, so 1-7 mark the claim
      // jumped to instead of typing into the box, also before the page has drawn it.
      const place = Number(goTo.value);
      const count = (this.data && this.data.claims) || 0;
      const valid = Number.isInteger(place) && place >= 1 && place <= count;
      if (event.key === "Enter" && valid) {
        this.goToPick = place;
        this.goToAt = performance.now();
        this.handPicked = false;
      }
      // A number the article does not have keeps the box: what is typed next goes there.
      if (event.key === "Escape" || valid) setTimeout(() => goTo.blur(), 0);
      return;
    }
    let inBox = typing(target);
    if (goTo && target === goTo && this.goToPick !== null && performance.now() - this.goToAt < 500) {
      goTo.blur(); // a key right after Enter, before the box let go: a command, not a digit
      inBox = false;
    }
    if (plain(event) && !inBox && inGrid(event) && this.typeInVerdictCell(event)) return;
    if (!plain(event) || inBox || inGrid(event)) return;
    if (event.key === "n") {
      event.preventDefault();
      event.stopImmediatePropagation();
      if (this.entries.length === 0 && idle()) this.openNote("");
      else {
        this.note = { buffer: "", opening: false };
        this.render();
      }
      return;
    }
    const command = this.data.keys[event.key];
    if (!command) return;
    event.preventDefault();
    event.stopImmediatePropagation(); // Streamlit's own shortcut must not fire as well
    if (event.repeat && command.op !== "move") return; // a held "1" is one verdict
    this.enqueue(command);
  }

  // Typing on a selected verdict cell: the cell's editor opens on the first key and lost
  // the keys typed while it opened ("false" became "lse", which picked "mostly false").
  // Here the keys are kept, the editor is opened (Enter) and gets all of them at once.
  typeInVerdictCell(event) {
    if (event.key.length !== 1) return false;
    const grid = event.composedPath().find(
      (node) => node instanceof HTMLElement && node.dataset.testid === "stDataFrame"
    );
    const cell = grid && grid.querySelector('td[aria-selected="true"]');
    const head = cell && grid.querySelector(
      `th[aria-colindex="${cell.getAttribute("aria-colindex")}"]`
    );
    if (!head || head.textContent.trim() !== this.data.verdictColumn) return false;
    event.preventDefault();
    event.stopImmediatePropagation();
    this.cellTyping = { buffer: event.key };
    event.target.dispatchEvent(new KeyboardEvent("keydown", {
      key: "Enter", code: "Enter", keyCode: 13, which: 13, bubbles: true, cancelable: true,
    }));
    const started = Date.now();
    const feed = () => {
      const input = document.querySelector('input[id^="react-select"][aria-expanded="true"]');
      if (!input && Date.now() - started < 2000) {
        window.requestAnimationFrame(feed);
        return;
      }
      const buffer = this.cellTyping.buffer;
      this.cellTyping = null;
      if (!input) return;
      input.focus();
      document.execCommand("insertText", false, buffer);
    };
    window.requestAnimationFrame(feed);
    return true;
  }

  onClick(event) {
    if (this.off() || !(event.target instanceof Element)) return;
    const button = event.target.closest("button");
    if (!button || button.disabled) return;
    for (let node = button; node && node !== document.body; node = node.parentElement) {
      for (const name of node.classList) {
        const command = this.data.buttons[name];
        if (command) {
          event.preventDefault();
          event.stopImmediatePropagation();
          this.enqueue(command);
          return;
        }
      }
    }
  }
}

// No Streamlit shortcut fires while the table (a canvas, not a text box) has the focus.
function guardShortcuts() {
  const hotkeys = window.hotkeys;
  if (!hotkeys || hotkeys.filter.__factCheck) return;
  const original = hotkeys.filter;
  const wrapped = function (event) {
    if (inGrid(event)) return false;
    return original.call(this, event);
  };
  wrapped.__factCheck = true;
  hotkeys.filter = wrapped;
}

export default function (component) {
  if (!window.__factCheckKeys) window.__factCheckKeys = new KeyQueue();
  const queue = window.__factCheckKeys;
  guardShortcuts();
  queue.update(component);
  return () => queue.unmount();
}
