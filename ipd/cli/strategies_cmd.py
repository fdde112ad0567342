"""``ipd strategies``: list the strategies with their classifiers, collections and contract."""

from __future__ import annotations

import math

import click

from ipd.cli.common import command, emit_json, lineup_options


@command("strategies")
@click.option("--collection", "collection_name", help="Only the strategies of this collection.")
@click.option("--stochastic", is_flag=True, help="Only stochastic strategies.")
@click.option("--deterministic", is_flag=True, help="Only deterministic strategies.")
@click.option(
    "--memory-depth",
    "memory_depth",
    metavar="N",
    help="Only strategies whose declared memory depth is at most N ('inf': unbounded only).",
)
@click.option(
    "--search",
    metavar="WORD",
    help="Only strategies with WORD in their id, aliases, name, description, source or "
    "Axelrod-Python name (ignoring case).",
)
@click.option("--collections", "list_collections", is_flag=True, help="List the collections.")
@click.option("--contract", is_flag=True, help="Print the step-function contract and exit.")
@lineup_options("strategy_files")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON document.")
def strategies(
    collection_name,
    stochastic,
    deterministic,
    memory_depth,
    search,
    list_collections,
    contract,
    strategy_files,
    as_json,
) -> None:
    """List the available strategies with their classifiers.

    The filters combine: --collection classic --deterministic --memory-depth 1
    lists the deterministic classics that look at most one move back.
    Parameters are given as ID:NAME=VALUE[,NAME=VALUE], for example random:p=0.3.
    """
    from ipd.core.errors import IpdError
    from ipd.strategies import load_strategy_file, registry

    filtering = {
        "--collection": collection_name is not None,
        "--stochastic": stochastic,
        "--deterministic": deterministic,
        "--memory-depth": memory_depth is not None,
        "--search": search is not None,
    }
    used = [flag for flag, given in filtering.items() if given]
    if stochastic and deterministic:
        raise IpdError("--stochastic and --deterministic exclude each other; give one")
    for flag, given in (("--contract", contract), ("--collections", list_collections)):
        if given and used:
            raise IpdError(f"{flag} lists no strategies, so it takes no filter ({used[0]})")
    if contract:
        click.echo(registry.STEP_CONTRACT)
        return
    for path in strategy_files:
        load_strategy_file(path)
    if list_collections:
        groups = registry.collections()
        if as_json:
            emit_json(groups)
        else:
            for name, ids in groups.items():
                click.echo(f"{name} ({len(ids)}): {' '.join(ids)}")
        return
    infos = registry.select(
        collection=collection_name,
        stochastic=True if stochastic else False if deterministic else None,
        memory_depth=_depth(memory_depth),
        search=search,
    )
    if as_json:
        emit_json([_record(s) for s in infos])
        return
    if not infos:
        click.echo("No strategy passes these filters.")
        return
    rows = []
    for s in infos:
        depth = "inf" if s.memory_depth is None else str(s.memory_depth)
        flags = "".join(
            [
                "S" if s.stochastic else "-",
                "L" if s.uses_length else "-",
                "P" if s.uses_payoffs else "-",
            ]
        )
        params = ",".join(f"{p.name}={_fmt_default(p.default)}" for p in s.params)
        rows.append((s.id, s.name, depth, flags, params, s.description))
    headers = ("id", "name", "memory", "SLP", "parameters", "description")
    widths = [max(len(h), *(len(r[k]) for r in rows)) for k, h in enumerate(headers[:-1])]
    line = "  ".join(h.ljust(w) for h, w in zip(headers[:-1], widths, strict=True))
    click.echo(line + "  " + headers[-1])
    for r in rows:
        click.echo(
            "  ".join(v.ljust(w) for v, w in zip(r[:-1], widths, strict=True)) + "  " + r[-1]
        )
    click.echo(
        "\nSLP: S stochastic, L uses the match length, P uses the payoffs. "
        "Parameters: ID:NAME=VALUE, e.g. random:p=0.3."
    )


def _record(s) -> dict:
    return {
        "id": s.id,
        "name": s.name,
        "aliases": list(s.aliases),
        "description": s.description,
        "source": s.source,
        **s.classifiers(),
        "tags": list(s.tags),
        "parameters": {p.name: p.default for p in s.params},
        "origin": s.origin,
        "axelrod_name": s.axelrod_name,
    }


def _depth(text: str | None) -> float | None:
    """``--memory-depth``: a whole number, or ``inf`` for unbounded memory."""
    from ipd.core.errors import IpdError

    if text is None:
        return None
    if text.strip().lower() in ("inf", "infinity", "unbounded"):
        return math.inf
    try:
        return int(text)
    except ValueError:
        raise IpdError(
            f"--memory-depth must be a whole number >= 0 or 'inf', got {text!r}"
        ) from None


def _fmt_default(value) -> str:
    return "auto" if value is None else f"{value:g}"
