// The tokenizer widget ([data-tokenizer]): the reader's text split into tokens by a module
// worker (tokenizer-worker.mjs), which loads only when the widget comes near the screen.
// The page keeps the reader's text whole; only the first N characters are tokenized.

const WORKER_URL = new URL("./tokenizer-worker.mjs", import.meta.url);
const DEBOUNCE_MS = 150;
// Pieces are inline blocks, added in slices: each slice then costs a short layout, where
// one long run of inline text would be laid out again, whole, for every slice.
const PIECES_PER_FRAME = 500;
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
      for (const settle of waiting.values()) settle({ error: "The tokenizer did not load." });
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

  function showCost() {
    const perMillion = Number(price.value.replace(/[$,\s]/g, ""));
    if (!latest || !Number.isFinite(perMillion) || perMillion < 0) {
      setOutput(root, "cost_usd", null, "n/a");
      return;
    }
    const cost = (latest.tokens * perMillion) / 1e6;
    setOutput(root, "cost_usd", cost, usdFormat.format(cost));
  }

  function draw(pieces) {
    const generation = ++drawing;
    list.replaceChildren();
    let start = 0;
    const slice = () => {
      if (generation !== drawing) return;
      const fragment = document.createDocumentFragment();
      const end = Math.min(pieces.length, start + PIECES_PER_FRAME);
      for (let index = start; index < end; index += 1) {
        const piece = pieces[index];
        const span = document.createElement("span");
        span.className = `token token--${index % 4}`;
        span.dataset.tokenIds = piece.ids.join(" ");
        span.title = piece.ids.length === 1
          ? `token id ${piece.ids[0]}`
          : `token ids ${piece.ids.join(", ")}`;
        span.textContent = visible(piece.text);
        fragment.append(span);
      }
      list.append(fragment);
      start = end;
      if (start < pieces.length) requestAnimationFrame(slice);
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
    const { head, total } = firstCodePoints(textarea.value, limit);
    const encoding = select.value;
    const chars = total > limit ? limit : total;
    status.textContent = total > limit
      ? `Your text has ${numberFormat.format(total)} characters: only the first ${numberFormat.format(limit)} are tokenized.`
      : "Tokenizing…";
    const reply = await tokenize(head, encoding);
    busy = false;
    if (queued) {
      queued = false;
      run();
      return;
    }
    if (reply.error) {
      status.textContent = `The tokenizer failed: ${reply.error}`;
      root.dataset.state = "error";
      return;
    }
    const tokens = reply.result.ids.length;
    latest = { tokens, chars };
    setOutput(root, "token_count", tokens, numberFormat.format(tokens));
    setOutput(root, "char_count", chars, numberFormat.format(chars));
    const ratio = tokens ? chars / tokens : null;
    setOutput(root, "chars_per_token", ratio, ratio === null ? "n/a" : ratioFormat.format(ratio));
    showCost();
    if (total <= limit) status.textContent = `Tokenized with ${encoding}.`;
    draw(reply.result.pieces);
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  textarea.addEventListener("input", schedule);
  select.addEventListener("change", run);
  price.addEventListener("input", showCost);
  form.addEventListener("submit", (event) => event.preventDefault());
  for (const button of root.querySelectorAll("[data-sample]")) {
    button.addEventListener("click", () => {
      const template = root.querySelector(`template[data-sample-text="${button.dataset.sample}"]`);
      textarea.value = template.content.textContent;
      run();
    });
  }
  const start = () => {
    status.textContent = "Loading the tokenizer…";
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
