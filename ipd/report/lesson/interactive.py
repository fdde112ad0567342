"""The HTML of the lesson's interactive sections: play, explore the grid, watch evolution.

Each function takes the section's data (from :mod:`.export`, :mod:`.grid`
and :mod:`.evolution`) and returns the section's markup: every control is a
native, labelled, keyboard-usable element (buttons, selects, range inputs),
and every number is filled in by ``assets/lesson.js`` from the page's data.
The ids used here are the script's (and the browser test's) handles.
"""

from __future__ import annotations

from typing import Any

from ipd.report.lesson.html import esc


def _options(labels, selected: int = 0) -> str:
    return "".join(
        f"<option value='{k}'{' selected' if k == selected else ''}>{esc(label)}</option>"
        for k, label in enumerate(labels)
    )


def _slider(key: str, label: str, values, start: int) -> str:
    return (
        f"<div class='slider'><label for='{key}'>{esc(label)}</label>"
        f"<input type='range' id='{key}' min='0' max='{len(values) - 1}' step='1' "
        f"value='{start}'>"
        f"<output id='{key}-value' for='{key}'></output></div>"
    )


def _closest(values, target) -> int:
    return min(range(len(values)), key=lambda k: abs(values[k] - target))


def play_section(play: dict[str, Any]) -> str:
    """Play against a strategy: pick an opponent, press C or D, read the summary."""
    opponents = play["opponents"]
    names = [f"{o['name']} ({o['id']})" for o in opponents]
    g = play["payoffs"]
    return f"""
<h2>Play against a strategy</h2>
<p>Pick an opponent and choose, {play["rounds"]} times, to co-operate or to defect; the
opponent chooses at the same moment, without seeing your move (R&nbsp;=&nbsp;{g[0]:g},
S&nbsp;=&nbsp;{g[1]:g}, T&nbsp;=&nbsp;{g[2]:g}, P&nbsp;=&nbsp;{g[3]:g}). Keys: <kbd>C</kbd>
co-operate, <kbd>D</kbd> defect, <kbd>N</kbd> new game.</p>
<div class='controls'>
<label for='opponent'><strong>Opponent</strong></label>
<select id='opponent'>{_options(names)}</select>
<button type='button' id='new-game'>New game</button>
</div>
<p id='opponent-about' class='note small'></p>
<div class='controls'>
<span role='group' aria-label='Your move' class='controls tight'>
<button type='button' id='move-c' class='c'>Co-operate (C)</button>
<button type='button' id='move-d' class='d'>Defect (D)</button>
</span>
<span class='scoreboard'>You <strong id='score-you'>0</strong> &middot; opponent
<strong id='score-them'>0</strong> &middot; after <span id='play-round'>0</span> of
{play["rounds"]} rounds</span>
</div>
<p id='play-status' aria-live='polite'></p>
<div id='play-strip' class='strip' aria-label='The moves so far: yours above, the opponent&#39;s
below'></div>
<div id='play-summary' class='summary' hidden>
<p id='summary-text' aria-live='polite'></p>
<table><thead><tr><th scope='col'>in {play["rounds"]} rounds</th><th scope='col'
class='num'>scored</th><th scope='col' class='num'>the opponent scored</th></tr></thead>
<tbody><tr><td>you</td><td class='num' id='summary-you'></td><td class='num'
id='summary-them'></td></tr>
<tr><td>tit-for-tat in your place</td><td class='num' id='summary-tft'></td><td class='num'
id='summary-tft-them'></td></tr></tbody></table>
</div>
<p class='note'>The opponents are played from their data (a memory-one rule's probabilities,
a state machine's transitions, a lookup table), exported by ipd from the parameters its engine
plays. A random opponent draws from the engine's own random generator (SplitMix64) seeded as
the engine would seed it: game seed <span id='play-seed'></span>, so every game here is the
engine's match, move for move. Each new game takes the next seed.</p>
"""


def explore_section(grid: dict[str, Any], tournaments: int) -> str:
    """Sliders over the grid: the table, the ecology and the principles of the chosen cell."""
    axes = grid["axes"]
    noise, ws = axes["noise"], axes["w"]
    payoffs = [p["label"] for p in axes["payoffs"]]
    usual = next((k for k, p in enumerate(axes["payoffs"]) if p["RSTP"] == [3, 0, 5, 1]), 0)
    mixes = [m["label"] for m in axes["mixes"]]
    sliders = "".join(
        [
            _slider("grid-noise", "Noise", noise, 0),
            _slider("grid-w", "Shadow of the future, w", ws, _closest(ws, 0.9)),
            _slider("grid-payoffs", "Payoffs", payoffs, usual),
        ]
    )
    replaced = (
        " (the page's own population is too large for the grid, so the grid uses the classic "
        "strategies)"
        if grid["replaced"]
        else ""
    )
    shape = (
        f"{len(noise)} noise levels &times; {len(ws)} values of w &times; {len(payoffs)} payoffs"
    )
    return f"""
<h2>Explore: change the settings</h2>
<p>Move the sliders (matches end at random: after each move the players meet again with
probability w; noise flips each intended move with that probability). <strong>Every number
comes from a grid of {tournaments} tournaments ipd played when it built this page</strong>
({shape}, {grid["repetitions"]} repetitions each, seed {grid["seed"]}); the sliders only
choose among them.</p>
<div class='sliders'>{sliders}</div>
<p class='fact' id='grid-fact' aria-live='polite'></p>
<div class='columns wide-left'>
<div>
<div class='table-wrap'><table id='grid-table' class='compact'>
<caption>Points per match (the ranking) and per move</caption>
<thead><tr><th scope='col' class='num'>rank</th><th scope='col'>strategy</th>
<th scope='col' class='num'>per match</th><th scope='col' class='num'>per move</th>
<th scope='col' class='num'>co-op</th>
<th scope='col'>stable</th></tr></thead>
<tbody id='grid-table-body'></tbody></table></div>
</div>
<div>
<h3>The ecology with these settings</h3>
<div class='controls'>
<label for='grid-mix'><strong>Starting mix</strong></label>
<select id='grid-mix'>{_options(mixes)}</select>
<button type='button' id='eco-play' aria-pressed='false'>Play</button>
<label for='eco-frame'>Generation <span id='eco-generation'></span></label>
<input type='range' id='eco-frame' min='0' max='0' step='1' value='0'>
</div>
<div id='eco-chart'></div>
<ul class='legend' id='eco-legend'></ul>
<p class='note'>Shares of the population over {grid["generations"]} generations (the axis
gives the early generations, where most happens, more room). The largest strategies get a
colour, the rest are grouped as &ldquo;others&rdquo;.</p>
</div>
</div>
<h3>The principles with these settings</h3>
<ul class='verdicts' id='grid-principles'></ul>
<p class='note'>The grid: the same {len(grid["strategies"])} strategies{replaced} in every
tournament, with self-play; w as the probability of another move; an ecological simulation
for each tournament and each of {len(mixes)} starting mixes; nothing is computed in your
browser.</p>
"""


def evolution_section(spatial: dict[str, Any], grid: dict[str, Any]) -> str:
    """The spatial game, animated, for each noise and w of the grid."""
    axes = grid["axes"]
    noise, ws = axes["noise"], axes["w"]
    names = ", ".join(esc(s) for s in spatial["strategies"])
    R, S, T, P = spatial["payoffs_RSTP"]
    sliders = "".join(
        [
            _slider("spatial-noise", "Noise", noise, 0),
            _slider("spatial-w", "Shadow of the future, w", ws, _closest(ws, 0.9)),
        ]
    )
    size = spatial["size"]
    return f"""
<h2>Watch evolution on a map</h2>
<p>Now the players live on a {size}&nbsp;&times;&nbsp;{size} map (its edges wrap round), one
strategy per square ({names}), in equal shares at random to start. Each generation every
square plays its eight neighbours and itself, then copies whichever of them scored most
(Nowak and May's spatial game). Press Play and watch who spreads.</p>
<div class='columns'>
<div>
<div class='sliders stacked'>{sliders}</div>
<div class='controls'>
<button type='button' id='spatial-play' aria-pressed='false'>Play</button>
<button type='button' id='spatial-step'>Step</button>
<button type='button' id='spatial-reset'>Restart</button>
</div>
<p>Generation <strong id='spatial-generation'>0</strong></p>
<ul class='legend' id='spatial-legend'></ul>
</div>
<div>
<canvas id='spatial-canvas' class='lattice' width='{size * 15}' height='{size * 15}'
role='img' aria-label='The map'></canvas>
</div>
</div>
<p class='note'>The points each pair earns per move come from tournaments of these
{len(spatial["strategies"])} strategies played by ipd when this page was built (payoffs
R&nbsp;=&nbsp;{R:g}, S&nbsp;=&nbsp;{S:g}, T&nbsp;=&nbsp;{T:g}, P&nbsp;=&nbsp;{P:g}, seed
{spatial["seed"]}); the map itself was run by
<code>ipd.analysis.populations.spatial</code> for {spatial["generations"]} generations.</p>
"""
