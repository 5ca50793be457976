// The tokenizer widget ([data-tokenizer]): the reader's text split into tokens by a module
// worker (tokenizer-worker.mjs), which loads only when the widget comes near the screen.
// The page keeps the reader's text whole; only the first N characters are tokenized.

import { pageLanguage, t } from "./messages.mjs";

const WORKER_URL = new URL("./tokenizer-worker.mjs", import.meta.url);
const DEBOUNCE_MS = 150;
const PIECES_PER_BLOCK = 150;
// A paste that would leave more than this many UTF-16 units in the box is kept whole in
// memory instead: a browser lays out a megabyte in a textarea in one long task (0.5-1 s).
const HOLD_ABOVE = 100_000;
const VISIBLE = { " ": "·", "\t": "→", "\n": "↵\n", "\r": "␍" };

let worker = null;
let nextId = 0;
const waiting = new Map();

function tokenize(text, encoding) {
  if (!worker) {
    worker = new Worker(WORKER_URL, { type: "module" });
    worker.onmessage = ({ data }) => {
      const settle = waiting.get(data.id);
      waiting.delete(data.id);
      if (settle) settle(data);
    };
    worker.onerror = () => {
      for (const settle of waiting.values()) settle({ error: t("tokenizer.failed-load") });
      waiting.clear();
      worker = null;
    };
  }
  const id = ++nextId;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    worker.postMessage({ id, text, encoding });
  });
}

/** The first `limit` code points of `text` and how many code points it has (up to all). */
function firstCodePoints(text, limit) {
  let count = 0;
  let cut = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    const next = text.charCodeAt(index + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index += 1;
    count += 1;
    if (count === limit) cut = index + 1;
  }
  return { head: count > limit ? text.slice(0, cut) : text, total: count };
}

function visible(text) {
  return text.replace(/[ \t\n\r]/g, (c) => VISIBLE[c]);
}

const numberFormat = new Intl.NumberFormat("en-US");
const ratioFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const usdFormat = new Intl.NumberFormat("en-US", {
  style: "currency", currency: "USD", maximumSignificantDigits: 3,
});
const plainFormat = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

/** "$0.0123", or "0.0123美元" as the Chinese edition writes money (like the package). */
function usd(value) {
  return pageLanguage() === "zh" ? `${plainFormat.format(value)}美元` : usdFormat.format(value);
}

function setOutput(root, name, value, text) {
  const element = root.querySelector(`[data-output="${name}"]`);
  element.dataset.value = value === null ? "" : String(value);
  element.textContent = text;
}

function mount(root) {
  const form = root.querySelector("form");
  const textarea = form.elements.text;
  const select = form.elements.encoding;
  const price = form.elements.price_per_million_tokens;
  const status = root.querySelector(".tokenizer-status");
  const list = root.querySelector("[data-pieces]");
  const limit = Number(root.dataset.maxCharacters);
  let timer = null;
  let busy = false;
  let queued = false;
  let latest = null; // the last result shown: {tokens, chars}
  let drawing = 0;
  let held = null; // the whole of a very long paste; the box shows its beginning
  const copyButton = root.querySelector("[data-action='copy-text']");

  function showCost() {
    const perMillion = Number(price.value.replace(/[$,\s]/g, ""));
    if (!latest || !Number.isFinite(perMillion) || perMillion < 0) {
      setOutput(root, "cost_usd", null, t("value.missing"));
      return;
    }
    const cost = (latest.tokens * perMillion) / 1e6;
    setOutput(root, "cost_usd", cost, usd(cost));
  }

  // Pieces go into blocks of about PIECES_PER_BLOCK, each starting after a line break
  // where there is one; blocks off screen skip layout and paint (content-visibility), and
  // one block is added per frame, so no task grows with the length of the text.
  function draw({ ids, counts, lengths, text }) {
    const generation = ++drawing;
    list.replaceChildren();
    let index = 0; // piece
    let token = 0; // first token of the piece
    let offset = 0; // its first UTF-16 unit in text
    const slice = () => {
      if (generation !== drawing) return;
      const block = document.createElement("div");
      block.className = "token-block";
      const first = index;
      while (index < counts.length) {
        const pieceIds = Array.from(ids.subarray(token, token + counts[index]));
        const pieceText = text.slice(offset, offset + lengths[index]);
        const span = document.createElement("span");
        span.className = `token token--${index % 4}`;
        span.dataset.tokenIds = pieceIds.join(" ");
        span.title = pieceIds.length === 1
          ? `token id ${pieceIds[0]}`
          : `token ids ${pieceIds.join(", ")}`;
        span.textContent = visible(pieceText);
        block.append(span);
        token += counts[index];
        offset += lengths[index];
        index += 1;
        const size = index - first;
        if ((size >= PIECES_PER_BLOCK && pieceText.endsWith("\n")) || size >= 4 * PIECES_PER_BLOCK) {
          break;
        }
      }
      list.append(block);
      if (index < counts.length) requestAnimationFrame(slice);
      else root.dataset.state = "ready";
    };
    slice();
  }

  async function run() {
    if (busy) {
      queued = true;
      return;
    }
    busy = true;
    root.dataset.state = "working";
    const { head, total } = firstCodePoints(held ?? textarea.value, limit);
    const encoding = select.value;
    const chars = total > limit ? limit : total;
    root.dataset.textLength = String(total);
    copyButton.hidden = held === null;
    status.textContent = total > limit
      ? t("tokenizer.partial", { total: numberFormat.format(total), limit: numberFormat.format(limit) })
        + (held === null ? "" : ` ${t("tokenizer.held")}`)
      : t("tokenizer.working");
    const reply = await tokenize(head, encoding);
    busy = false;
    if (queued) {
      queued = false;
      run();
      return;
    }
    if (reply.error) {
      status.textContent = t("tokenizer.failed", { error: reply.error });
      root.dataset.state = "error";
      return;
    }
    const tokens = reply.result.ids.length;
    latest = { tokens, chars };
    setOutput(root, "token_count", tokens, numberFormat.format(tokens));
    setOutput(root, "char_count", chars, numberFormat.format(chars));
    const ratio = tokens ? chars / tokens : null;
    setOutput(root, "chars_per_token", ratio, ratio === null ? t("value.missing") : ratioFormat.format(ratio));
    showCost();
    if (total <= limit) status.textContent = t("tokenizer.done", { encoding });
    draw(reply.result);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  textarea.addEventListener("input", () => {
    held = null; // the reader is editing what the box shows
    schedule();
  });
  textarea.addEventListener("paste", (event) => {
    const pasted = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
    const { selectionStart, selectionEnd, value } = textarea;
    if (value.length - (selectionEnd - selectionStart) + pasted.length <= HOLD_ABOVE) return;
    event.preventDefault();
    held = value.slice(0, selectionStart) + pasted + value.slice(selectionEnd);
    textarea.value = firstCodePoints(held, limit).head;
    run();
  });
  copyButton.addEventListener("click", async () => {
    if (held === null) return;
    try {
      await navigator.clipboard.writeText(held);
      status.textContent = t("tokenizer.copied", { count: numberFormat.format(Number(root.dataset.textLength)) });
    } catch {
      status.textContent = t("tokenizer.copy-refused");
    }
  });
  select.addEventListener("change", run);
  price.addEventListener("input", showCost);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of root.querySelectorAll("[data-sample]")) {
    button.addEventListener("click", () => {
      const template = root.querySelector(`template[data-sample-text="${button.dataset.sample}"]`);
      textarea.value = template.content.textContent;
      held = null;
      run();
    });
  }
  const start = () => {
    status.textContent = t("tokenizer.loading");
    run();
  };
  if ("IntersectionObserver" in window) {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        start();
      }
    }, { rootMargin: "400px 0px" });
    observer.observe(root);
  } else {
    start();
  }
}

/** Mount every tokenizer on the page, now and after each instant navigation. */
export function watchTokenizers() {
  const mountAll = () => {
    for (const root of document.querySelectorAll("[data-tokenizer]:not([data-state])")) {
      root.dataset.state = "waiting";
      mount(root);
    }
  };
  mountAll();
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  }
}
