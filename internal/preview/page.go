package preview

// pageHTML is the preview page; {{MODE}} is "slides" or "presenter".
// Keys: → ↓ Space PageDown next, ← ↑ PageUp previous, Home End, f full
// screen, p presenter view, r reset the presenter's timer.
const pageHTML = `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>layerdeck</title>
<style>
@font-face { font-family: 'BIZ UDPGothic'; src: url(/fonts/regular.ttf) format('truetype'); font-weight: normal; }
@font-face { font-family: 'BIZ UDPGothic'; src: url(/fonts/bold.ttf) format('truetype'); font-weight: bold; }
@font-face { font-family: 'BIZ UDGothic'; src: url(/fonts/mono.ttf) format('truetype'); font-weight: normal; }
@font-face { font-family: 'BIZ UDGothic'; src: url(/fonts/mono-bold.ttf) format('truetype'); font-weight: bold; }
html, body { margin: 0; height: 100%; background: #1f2933; color: #e5e7eb; font-family: 'BIZ UDPGothic', sans-serif; overflow: hidden; }
#stage { position: absolute; left: 0; top: 0; right: 0; bottom: 44px; display: flex; align-items: center; justify-content: center; }
.slide { display: none; background: #fff; box-shadow: 0 6px 30px rgba(0,0,0,.45); }
.slide.current { display: block; }
.slide svg { width: 100%; height: 100%; display: block; }
#bar { position: absolute; left: 0; right: 0; bottom: 0; height: 44px; display: flex; gap: 20px; align-items: center; padding: 0 20px; font-size: 14px; }
#bar a { color: #93c5fd; text-decoration: none; }
#title { flex: 1; color: #9ca3af; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
#overlay { display: none; position: fixed; inset: 0; background: rgba(127, 29, 29, .94); color: #fff; padding: 40px; font: 16px/1.7 ui-monospace, monospace; white-space: pre-wrap; z-index: 10; }
#overlay h1 { font: bold 20px 'BIZ UDPGothic', sans-serif; margin: 0 0 16px; }
#next, #notes, #timer { display: none; }
body.presenter #stage { right: 38%; bottom: 38%; }
body.presenter #next { display: flex; position: absolute; right: 0; top: 0; width: 38%; height: 38%; align-items: center; justify-content: center; }
body.presenter #next .slide { display: block; opacity: .9; }
body.presenter #notes { display: block; position: absolute; left: 0; right: 0; bottom: 44px; height: calc(38% - 44px); overflow: auto; padding: 16px 28px; box-sizing: border-box; font-size: 22px; line-height: 1.7; white-space: pre-wrap; border-top: 1px solid #374151; }
body.presenter #timer { display: block; position: absolute; right: 0; top: 38%; width: 38%; text-align: center; font-size: 48px; padding-top: 24px; font-variant-numeric: tabular-nums; }
</style>
</head>
<body class="{{MODE}}">
<div id="stage"></div>
<div id="next"></div>
<div id="timer">00:00</div>
<div id="notes"></div>
<div id="bar"><span id="pos"></span><span id="title"></span><a id="pdf" href="/deck.pdf" target="_blank">PDF</a><a href="/presenter" target="_blank">発表者ビュー</a></div>
<div id="overlay"></div>
<script>
'use strict';
const presenter = document.body.classList.contains('presenter');
const stage = document.getElementById('stage');
const next = document.getElementById('next');
let deck = null, cur = 0, start = Date.now();
const slides = [];
const fromHash = parseInt(location.hash.slice(1), 10);
if (fromHash > 0) cur = fromHash - 1;

async function load() {
  const d = await (await fetch('/api/deck')).json();
  const overlay = document.getElementById('overlay');
  if (d.errors.length) {
    overlay.innerHTML = '<h1>デッキにエラーがあります / the deck has errors</h1>';
    overlay.appendChild(document.createTextNode(d.errors.join('\n')));
    overlay.style.display = 'block';
    return; // the last good slides stay underneath
  }
  overlay.style.display = 'none';
  for (let i = 0; i < d.slides.length; i++) {
    let el = slides[i];
    if (!el) {
      el = document.createElement('div');
      el.className = 'slide';
      el.dataset.n = String(i + 1);
      stage.appendChild(el);
      slides[i] = el;
    }
    if (el.dataset.hash !== d.slides[i].hash) {
      const r = await fetch('/slides/' + (i + 1) + '.svg?h=' + d.slides[i].hash);
      el.innerHTML = await r.text();
      el.dataset.hash = d.slides[i].hash;
    }
  }
  while (slides.length > d.slides.length) slides.pop().remove();
  deck = d;
  document.title = d.title + ' – layerdeck';
  document.getElementById('title').textContent = d.title;
  show();
}

function size(el, box) {
  const w = box.clientWidth - 32, h = box.clientHeight - 32;
  const s = Math.min(w / deck.width, h / deck.height);
  el.style.width = Math.floor(deck.width * s) + 'px';
  el.style.height = Math.floor(deck.height * s) + 'px';
}

function show() {
  if (!deck || slides.length === 0) return;
  cur = Math.max(0, Math.min(cur, slides.length - 1));
  slides.forEach((el, i) => el.classList.toggle('current', i === cur));
  size(slides[cur], stage);
  document.getElementById('pos').textContent = (cur + 1) + ' / ' + slides.length;
  history.replaceState(null, '', '#' + (cur + 1));
  if (presenter) {
    next.innerHTML = '';
    if (cur + 1 < slides.length) {
      const copy = slides[cur + 1].cloneNode(true);
      copy.classList.remove('current');
      next.appendChild(copy);
      size(copy, next);
    }
    document.getElementById('notes').textContent = deck.slides[cur].notes || '';
  }
}

document.addEventListener('keydown', (e) => {
  switch (e.key) {
    case 'ArrowRight': case 'ArrowDown': case 'PageDown': case ' ': cur++; break;
    case 'ArrowLeft': case 'ArrowUp': case 'PageUp': cur--; break;
    case 'Home': cur = 0; break;
    case 'End': cur = slides.length - 1; break;
    case 'f': if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen(); return;
    case 'p': window.open('/presenter#' + (cur + 1), 'layerdeck-presenter'); return;
    case 'r': start = Date.now(); return;
    default: return;
  }
  e.preventDefault();
  show();
});
window.addEventListener('resize', show);
setInterval(() => {
  const s = Math.floor((Date.now() - start) / 1000);
  document.getElementById('timer').textContent = String(Math.floor(s / 60)).padStart(2, '0') + ':' + String(s % 60).padStart(2, '0');
}, 1000);
new EventSource('/events').addEventListener('update', load);
</script>
</body>
</html>
`
