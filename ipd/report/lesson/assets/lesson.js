/* The lesson page's script: play against a strategy, explore the grid, watch evolution.
 *
 * Written for ipd (ipd/report/lesson). It reads the JSON that ipd embedded in the page
 * (<script id="lesson-data" type="application/json">) and never loads anything.
 *
 * Play: each opponent is data (a memory-one vector, a finite-state machine or a lookup
 * table) exported by ipd from the very parameters its engine plays; one interpreter per
 * family below plays them. Randomness comes from SplitMix64 (Steele, Lea and Flood 2014),
 * the engine's own generator (ipd/engine/random.py), seeded as the engine seeds the column
 * player of match (repetition 0, row 0, column 1): a game here is the engine's match, move
 * for move, random rules included.
 *
 * Explore and watch: every number shown was computed by ipd when the page was built; the
 * sliders only choose among them.
 */
(function () {
  'use strict';

  const DATA = JSON.parse(document.getElementById('lesson-data').textContent);
  const C = 0;
  const D = 1;
  const SVG = 'http://www.w3.org/2000/svg';

  // ------------------------------------------------------------------ SplitMix64, as the engine
  const MASK = (1n << 64n) - 1n;
  const GAMMA = 0x9E3779B97F4A7C15n;
  const M1 = 0xBF58476D1CE4E5B9n;
  const M2 = 0x94D049BB133111EBn;

  function mix64(z) {
    z &= MASK;
    z = ((z ^ (z >> 30n)) * M1) & MASK;
    z = ((z ^ (z >> 27n)) * M2) & MASK;
    return z ^ (z >> 31n);
  }

  function matchKey(seed, rep, row, col) {
    let h = mix64(BigInt(seed));
    h = mix64(h ^ BigInt(rep));
    h = mix64(h ^ BigInt(row));
    return mix64(h ^ BigInt(col));
  }

  function streamSeed(key, stream) {
    return mix64(key ^ BigInt(stream));
  }

  class Stream {
    constructor(state) {
      this.state = BigInt(state) & MASK;
    }
    next() {
      this.state = (this.state + GAMMA) & MASK;
      return mix64(this.state);
    }
    uniform() {
      return Number(this.next() >> 11n) / 9007199254740992;
    }
    /** True with probability p; draws nothing when p is 0 or 1 (as the engine). */
    bernoulli(p) {
      if (p >= 1) return true;
      if (p <= 0) return false;
      return this.uniform() < p;
    }
  }

  // ------------------------------------------------------------------ one interpreter per family
  const letter = (m) => (m === 'C' ? C : D);

  const FAMILIES = {
    /* p = [p_CC, p_CD, p_DC, p_DD] (own move first), first: probabilities of co-operating. */
    memory_one(data) {
      return (turn, own, opp, rng) => {
        const p = turn === 0 ? data.first : data.p[2 * own[turn - 1] + opp[turn - 1]];
        return rng.bernoulli(p) ? C : D;
      };
    },
    /* transitions[state][opponent's last move] = [next state, move]. */
    fsm(data) {
      let state = data.initial_state;
      return (turn, own, opp) => {
        if (turn === 0) {
          state = data.initial_state;
          return letter(data.first_move);
        }
        const [next, move] = data.transitions[state][opp[turn - 1]];
        state = next;
        return letter(move);
      };
    },
    /* Probabilities of co-operating keyed on own last moves, the opponent's last moves and
     * the opponent's first moves (C = 0, D = 1, oldest first), after `initial` ones. */
    lookup_table(data) {
      const depth = Math.max(data.plays, data.op_plays, data.op_start_plays);
      return (turn, own, opp, rng) => {
        let p;
        if (turn < depth) {
          p = data.initial[turn];
        } else {
          let key = 0;
          for (let k = turn - data.plays; k < turn; k++) key = 2 * key + own[k];
          for (let k = turn - data.op_plays; k < turn; k++) key = 2 * key + opp[k];
          for (let k = 0; k < data.op_start_plays; k++) key = 2 * key + opp[k];
          p = data.table[key];
        }
        return rng.bernoulli(p) ? C : D;
      };
    },
  };

  /** A player of `entry` as the engine's player in `seat` ('row' or 'column'). */
  function makePlayer(entry, seed, seat) {
    const play = DATA.play;
    const key = matchKey(seed, play.repetition, play.row, play.column);
    const stream = play.streams[seat];
    const rng = new Stream(streamSeed(key, stream));
    const step = FAMILIES[entry.family](entry.data);
    return (turn, own, opp) => step(turn, own, opp, rng);
  }

  /** The opponent's moves against a fixed sequence of the student's (the tests call this). */
  function opponentMoves(entry, studentMoves, seed) {
    const player = makePlayer(entry, seed, 'column');
    const own = [];
    for (let t = 0; t < studentMoves.length; t++) own.push(player(t, own, studentMoves));
    return own;
  }

  /** A match of `rowEntry` (as the row player) against `colEntry`, `rounds` moves. */
  function playMatch(rowEntry, colEntry, rounds, seed) {
    const a = makePlayer(rowEntry, seed, 'row');
    const b = makePlayer(colEntry, seed, 'column');
    const ma = [];
    const mb = [];
    for (let t = 0; t < rounds; t++) {
      const x = a(t, ma, mb);
      const y = b(t, mb, ma);
      ma.push(x);
      mb.push(y);
    }
    return [ma, mb];
  }

  function gain(payoffs, own, opp) {
    return payoffs[2 * own + opp];
  }

  function total(payoffs, own, opp) {
    let s = 0;
    for (let t = 0; t < own.length; t++) s += gain(payoffs, own[t], opp[t]);
    return s;
  }

  // ------------------------------------------------------------------ helpers
  const $ = (id) => document.getElementById(id);
  const fmt = (x, digits) => (x === null || x === undefined ? '–' : x.toFixed(digits));

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    return node;
  }

  function typing(event) {
    const t = event.target;
    return t && (t.tagName === 'INPUT' || t.tagName === 'SELECT' || t.tagName === 'TEXTAREA');
  }

  // ------------------------------------------------------------------ play
  // The payoff matrix in the engine's order: [R, S, T, P] indexed by 2 * own + opp.
  function setupPlay() {
    const play = DATA.play;
    if (!play || !$('play')) return;
    const opponents = play.opponents;
    const payoffs = play.payoffs;
    const names = { C: 'co-operate', D: 'defect' };
    const state = { seed: play.seed, you: [], them: [], player: null, entry: null, game: 0 };

    function describe(entry) {
      const d = entry.data;
      let text;
      if (entry.family === 'memory_one') {
        const pct = (p) => Math.round(100 * p) + '%';
        text = `memory-one rule: co-operates first with probability ${pct(d.first)}; after ` +
          `CC ${pct(d.p[0])}, CD ${pct(d.p[1])}, DC ${pct(d.p[2])}, DD ${pct(d.p[3])} ` +
          '(its move first)';
      } else if (entry.family === 'fsm') {
        text = `state machine with ${d.transitions.length} states, first move ${d.first_move}`;
      } else {
        text = `lookup table on its last ${d.plays} and your last ${d.op_plays} moves` +
          (d.op_start_plays ? ` and your first ${d.op_start_plays}` : '') +
          ` (${d.table.length} entries)`;
      }
      return `${entry.name}: ${entry.description} Played here from its data: ${text}.`;
    }

    function newGame(keepSeed) {
      const k = Number($('opponent').value);
      state.entry = opponents[k];
      if (!keepSeed) state.game += 1;
      state.seed = BigInt(play.seed) + BigInt(state.game);
      state.player = makePlayer(state.entry, state.seed, 'column');
      state.you = [];
      state.them = [];
      $('opponent-about').textContent = describe(state.entry);
      $('play-seed').textContent = state.seed.toString();
      $('play-summary').hidden = true;
      $('move-c').disabled = false;
      $('move-d').disabled = false;
      render(`Round 1 of ${play.rounds}: your move.`);
    }

    function render(status) {
      const strip = $('play-strip');
      strip.replaceChildren();
      for (const [who, moves] of [['you', state.you], ['them', state.them]]) {
        const row = el('div', { class: 'strip-row', 'data-who': who });
        row.appendChild(el('span', { class: 'strip-label' }, who === 'you' ? 'You' : 'Them'));
        for (const m of moves) {
          row.appendChild(el('span', { class: 'move ' + (m === C ? 'c' : 'd') }, m === C ? 'C' : 'D'));
        }
        strip.appendChild(row);
      }
      $('score-you').textContent = String(total(payoffs, state.you, state.them));
      $('score-them').textContent = String(total(payoffs, state.them, state.you));
      $('play-round').textContent = String(state.you.length);
      $('play-status').textContent = status;
    }

    function move(mine) {
      const t = state.you.length;
      if (t >= play.rounds) return;
      // The opponent chooses from the history so far: it cannot see your move of this round.
      const theirs = state.player(t, state.them, state.you);
      state.you.push(mine);
      state.them.push(theirs);
      const got = gain(payoffs, mine, theirs);
      const gave = gain(payoffs, theirs, mine);
      const said = `Round ${t + 1}: you ${names['CD'[mine]]}, ${state.entry.name} ` +
        `${names['CD'[theirs]]}s: you get ${got}, it gets ${gave}.`;
      if (state.you.length === play.rounds) {
        $('move-c').disabled = true;
        $('move-d').disabled = true;
        render(said + ' Game over.');
        summary();
      } else {
        render(said + ` Round ${t + 2} of ${play.rounds}: your move.`);
      }
    }

    function summary() {
      const you = total(payoffs, state.you, state.them);
      const them = total(payoffs, state.them, state.you);
      const [tft, opp] = playMatch(play.benchmark, state.entry, play.rounds, state.seed);
      const tftScore = total(payoffs, tft, opp);
      const oppScore = total(payoffs, opp, tft);
      const compare = you > tftScore ? 'more than' : you < tftScore ? 'less than' : 'as much as';
      $('summary-you').textContent = String(you);
      $('summary-them').textContent = String(them);
      $('summary-tft').textContent = String(tftScore);
      $('summary-tft-them').textContent = String(oppScore);
      $('summary-text').textContent = `You scored ${you} points in ${play.rounds} rounds, ` +
        `${compare} tit-for-tat would have scored (${tftScore}) against ${state.entry.name} ` +
        `with the same seed; ${state.entry.name} scored ${them} against you and ` +
        `${oppScore} against tit-for-tat.`;
      $('play-summary').hidden = false;
    }

    $('move-c').addEventListener('click', () => move(C));
    $('move-d').addEventListener('click', () => move(D));
    $('new-game').addEventListener('click', () => newGame(false));
    $('opponent').addEventListener('change', () => newGame(false));
    document.addEventListener('keydown', (event) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 'c' && !$('move-c').disabled) move(C);
      else if (key === 'd' && !$('move-d').disabled) move(D);
      else if (key === 'n') newGame(false);
    });
    newGame(true);
  }

  // ------------------------------------------------------------------ explore the grid
  const PALETTE = DATA.palette;
  const OTHERS = '#bbbbbb';

  function setupExplore() {
    const grid = DATA.grid;
    if (!grid || !$('explore')) return;
    const axes = grid.axes;
    const ids = grid.strategies;
    const names = grid.names;
    const frames = grid.frames;
    const ui = {
      noise: $('grid-noise'),
      w: $('grid-w'),
      payoffs: $('grid-payoffs'),
      mix: $('grid-mix'),
      frame: $('eco-frame'),
      play: $('eco-play'),
    };
    let timer = null;

    function texts() {
      const noise = axes.noise[Number(ui.noise.value)];
      const w = axes.w[Number(ui.w.value)];
      const game = axes.payoffs[Number(ui.payoffs.value)];
      const values = {
        noise: `${noise}`,
        w: `${w} (about ${Math.round(1 / (1 - w))} moves a match)`,
        payoffs: `${game.label} (R, S, T, P = ${game.RSTP.join(', ')})`,
      };
      for (const [name, text] of Object.entries(values)) {
        $(`grid-${name}-value`).textContent = text;
        ui[name].setAttribute('aria-valuetext', text);
      }
    }

    function cell() {
      return grid.cells[Number(ui.noise.value)][Number(ui.w.value)][Number(ui.payoffs.value)];
    }

    function drawTable(c) {
      const body = $('grid-table-body');
      body.replaceChildren();
      const order = ids.map((_, k) => k).sort((a, b) => c.rank[a] - c.rank[b]);
      for (const k of order) {
        const row = el('tr', { 'data-strategy': ids[k] });
        if (ids[k] === 'tft') row.className = 'highlight';
        row.appendChild(el('td', { class: 'num' }, String(c.rank[k])));
        row.appendChild(el('td', { title: ids[k] }, names[k]));
        row.appendChild(el('td', { class: 'num score' }, fmt(c.score[k], 1)));
        row.appendChild(el('td', { class: 'num per-move' }, fmt(c.per_move[k], 3)));
        row.appendChild(el('td', { class: 'num' }, fmt(100 * c.cooperation[k], 0) + '%'));
        row.appendChild(el('td', {}, c.stable[k] ? 'yes' : '–'));
        body.appendChild(row);
      }
      const winner = order[0];
      const tft = ids.indexOf('tft');
      let text = `${names[winner]} wins, with ${fmt(c.score[winner], 1)} points per match ` +
        `(${fmt(c.per_move[winner], 3)} per move).`;
      if (tft >= 0) text += ` Tit-for-tat ranks ${c.rank[tft]} of ${ids.length}.`;
      const stable = ids.map((_, k) => k).filter((k) => c.stable[k]);
      text += stable.length
        ? ` Collectively stable here (no other strategy of the table invades them): ` +
          `${stable.map((k) => names[k]).join(', ')}.`
        : ' No strategy of the table is collectively stable here.';
      $('grid-fact').textContent = text;
    }

    function drawPrinciples(c) {
      const list = $('grid-principles');
      list.replaceChildren();
      for (const v of c.principles) {
        const item = el('li', { 'data-principle': v.principle });
        item.appendChild(el('span', { class: 'verdict ' + v.verdict.replace(/ /g, '-') }, v.verdict));
        item.appendChild(document.createTextNode(' ' + v.evidence));
        list.appendChild(item);
      }
    }

    /* Which strategies get a colour: the largest at any kept generation, at most the palette. */
    function layers(eco) {
      const peak = ids.map((_, k) => Math.max(...eco.frames.map((f) => f[k])));
      const order = ids.map((_, k) => k).sort((a, b) => peak[b] - peak[a]);
      const shown = order.slice(0, PALETTE.length).filter((k) => peak[k] > 0);
      const final = eco.frames[eco.frames.length - 1];
      shown.sort((a, b) => final[b] - final[a]);
      return shown;
    }

    function drawEcology() {
      const c = cell();
      const eco = c.ecology[Number(ui.mix.value)];
      const upto = Number(ui.frame.value);
      const shown = layers(eco);
      const scale = grid.share_scale;
      const box = $('eco-chart');
      box.replaceChildren();
      const W = 720;
      const H = 300;
      const L = 66;
      const B = 40;
      const plot = svg('svg', { viewBox: `0 0 ${W} ${H + B}`, role: 'img', class: 'chart' });
      const x = (f) => L + ((W - L - 10) * f) / (frames.length - 1);
      const y = (s) => 10 + (H - 10) * (1 - s);
      const base = new Array(frames.length).fill(0);
      const drawLayer = (values, colour, name) => {
        let top = '';
        let bottom = '';
        for (let f = 0; f <= upto; f++) {
          top += `${f ? 'L' : 'M'}${x(f).toFixed(1)},${y(base[f] + values[f]).toFixed(1)}`;
        }
        for (let f = upto; f >= 0; f--) bottom += `L${x(f).toFixed(1)},${y(base[f]).toFixed(1)}`;
        const path = svg('path', { d: top + bottom + 'Z', fill: colour, stroke: '#fff', 'stroke-width': '0.5' });
        path.appendChild(svg('title')).textContent = name;
        plot.appendChild(path);
        for (let f = 0; f < frames.length; f++) base[f] += values[f];
      };
      const legend = $('eco-legend');
      legend.replaceChildren();
      shown.forEach((k, n) => {
        const values = eco.frames.map((fr) => fr[k] / scale);
        drawLayer(values, PALETTE[n], names[k]);
        const item = el('li');
        item.appendChild(el('span', { class: 'swatch', style: `background:${PALETTE[n]}` }));
        item.appendChild(document.createTextNode(`${names[k]} ${fmt(100 * values[upto], 1)}%`));
        legend.appendChild(item);
      });
      const rest = eco.frames.map((fr) => fr.reduce((s, v, k) => s + (shown.includes(k) ? 0 : v), 0) / scale);
      if (Math.max(...rest) > 0) {
        drawLayer(rest, OTHERS, 'others');
        const item = el('li');
        item.appendChild(el('span', { class: 'swatch', style: `background:${OTHERS}` }));
        item.appendChild(document.createTextNode(`others ${fmt(100 * rest[upto], 1)}%`));
        legend.appendChild(item);
      }
      for (const s of [0, 0.5, 1]) {
        plot.appendChild(svg('line', { x1: L, x2: W - 10, y1: y(s), y2: y(s), class: 'grid-line' }));
        const label = svg('text', { x: L - 8, y: y(s) + 7, 'text-anchor': 'end', class: 'tick' });
        label.textContent = `${100 * s}%`;
        plot.appendChild(label);
      }
      for (const g of [0, 10, 20, 50, 100, 250, grid.generations]) {
        const f = frames.indexOf(g);
        if (f < 0) continue;
        const anchor = f === frames.length - 1 ? 'end' : f === 0 ? 'start' : 'middle';
        const label = svg('text', { x: x(f), y: H + 30, 'text-anchor': anchor, class: 'tick' });
        label.textContent = String(g);
        plot.appendChild(label);
      }
      box.appendChild(plot);
      const gen = frames[upto];
      $('eco-generation').textContent = String(gen);
      ui.frame.setAttribute('aria-valuetext', `generation ${gen}`);
      plot.setAttribute('aria-label', `Population shares at generation ${gen}: ` +
        shown.map((k) => `${names[k]} ${fmt((100 * eco.frames[upto][k]) / scale, 1)}%`).join(', '));
    }

    function stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      ui.play.textContent = 'Play';
      ui.play.setAttribute('aria-pressed', 'false');
    }

    function play() {
      if (timer !== null) return stop();
      if (Number(ui.frame.value) >= frames.length - 1) ui.frame.value = '0';
      ui.play.textContent = 'Pause';
      ui.play.setAttribute('aria-pressed', 'true');
      timer = setInterval(() => {
        const f = Number(ui.frame.value) + 1;
        if (f >= frames.length) return stop();
        ui.frame.value = String(f);
        drawEcology();
      }, 150);
    }

    function redraw() {
      texts();
      const c = cell();
      drawTable(c);
      drawPrinciples(c);
      drawEcology();
    }

    ui.frame.max = String(frames.length - 1);
    ui.frame.value = String(frames.length - 1);
    for (const name of ['noise', 'w', 'payoffs']) ui[name].addEventListener('input', redraw);
    ui.mix.addEventListener('change', drawEcology);
    ui.frame.addEventListener('input', () => {
      stop();
      drawEcology();
    });
    ui.play.addEventListener('click', play);
    redraw();
  }

  // ------------------------------------------------------------------ the spatial game
  function setupSpatial() {
    const sp = DATA.spatial;
    if (!sp || !$('evolution')) return;
    const axes = DATA.grid.axes;
    const canvas = $('spatial-canvas');
    const context = canvas.getContext('2d');
    const ui = { noise: $('spatial-noise'), w: $('spatial-w'), play: $('spatial-play') };
    const colours = sp.strategies.map((_, k) => PALETTE[k]);
    let frame = 0;
    let timer = null;

    const run = () => sp.runs[Number(ui.noise.value)][Number(ui.w.value)];

    function draw() {
      const r = run();
      const shown = Math.min(frame, r.frames.length - 1);
      const cells = r.frames[shown];
      const size = canvas.width / sp.size;
      for (let k = 0; k < cells.length; k++) {
        context.fillStyle = colours[Number(cells[k])];
        context.fillRect((k % sp.size) * size, Math.floor(k / sp.size) * size, size, size);
      }
      const counts = r.counts[shown];
      const legend = $('spatial-legend');
      legend.replaceChildren();
      sp.strategies.forEach((s, k) => {
        const item = el('li');
        item.appendChild(el('span', { class: 'swatch', style: `background:${colours[k]}` }));
        item.appendChild(document.createTextNode(`${s}: ${counts[k]} cells`));
        legend.appendChild(item);
      });
      const still = r.still !== null && frame >= r.still;
      $('spatial-generation').textContent = String(frame) +
        (still ? ` (nothing changes after generation ${r.still})` : '');
      canvas.setAttribute('aria-label', `Lattice at generation ${frame}: ` +
        sp.strategies.map((s, k) => `${s} ${counts[k]} cells`).join(', '));
      const noise = axes.noise[Number(ui.noise.value)];
      const w = axes.w[Number(ui.w.value)];
      $('spatial-noise-value').textContent = String(noise);
      $('spatial-w-value').textContent = String(w);
      ui.noise.setAttribute('aria-valuetext', String(noise));
      ui.w.setAttribute('aria-valuetext', String(w));
    }

    function last() {
      const r = run();
      return r.still === null ? sp.generations : r.still;
    }

    function stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
      ui.play.textContent = 'Play';
      ui.play.setAttribute('aria-pressed', 'false');
    }

    function step() {
      if (frame >= last()) return stop();
      frame += 1;
      draw();
    }

    ui.play.addEventListener('click', () => {
      if (timer !== null) return stop();
      if (frame >= last()) frame = 0;
      ui.play.textContent = 'Pause';
      ui.play.setAttribute('aria-pressed', 'true');
      timer = setInterval(step, 250);
    });
    $('spatial-step').addEventListener('click', () => {
      stop();
      step();
    });
    $('spatial-reset').addEventListener('click', () => {
      stop();
      frame = 0;
      draw();
    });
    for (const name of ['noise', 'w']) {
      ui[name].addEventListener('input', () => {
        stop();
        frame = 0;
        draw();
      });
    }
    draw();
  }

  window.ipdLesson = { Stream, matchKey, streamSeed, opponentMoves, playMatch, data: DATA };
  setupPlay();
  setupExplore();
  setupSpatial();
  document.documentElement.setAttribute('data-ready', 'true');
})();
