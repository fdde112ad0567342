"""The well-known sources of strategies, each with the tag (and so the collection) it gives.

A strategy module tags each strategy with the source it comes from
(``tags=("harper_2017", ...)``); the registry turns every tag into a
collection (``--collection harper_2017``). :data:`SOURCE_TAGS` lists the
sources known by name, with a pattern that recognises a citation of that
source in a strategy's ``source`` text: the tests check that every strategy
citing one carries its tag, and the catalogue (``docs/strategies.md``) lists
the collections with these titles. A pattern of ``None`` means the tag is
given by hand only (the citation alone does not decide it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """A well-known source: what it is, and how a citation of it reads."""

    title: str
    pattern: str | None

    def cited_in(self, text: str) -> bool:
        return self.pattern is not None and re.search(self.pattern, text) is not None


SOURCE_TAGS: dict[str, Source] = {
    "axelrod_1980_first": Source(
        "The entries of Axelrod's first tournament: R. Axelrod (1980a), 'Effective Choice in "
        "the Prisoner's Dilemma', J. Conflict Resolution 24:3-25",
        r"[Ee]ntry[^()]*?[;:] Axelrod \(1980a\)",
    ),
    "axelrod_1980_second": Source(
        "The entries of Axelrod's second tournament: R. Axelrod (1980b), 'More Effective "
        "Choice in the Prisoner's Dilemma', J. Conflict Resolution 24:379-403",
        r"[Ee]ntry K\d+R\b",
    ),
    "axelrod_1984": Source(
        "R. Axelrod (1984), The Evolution of Cooperation, Basic Books", r"Axelrod \(1984\)"
    ),
    "nowak_sigmund": Source(
        "M. Nowak and K. Sigmund (1992, 1993), Nature 355:250-253 and 364:56-58",
        r"Nowak and Sigmund \(199[23]\)",
    ),
    "beaufils_1997": Source(
        "B. Beaufils, J.-P. Delahaye and P. Mathieu (1997), Artificial Life V",
        r"Beaufils[^()]*\(1997\)",
    ),
    "press_dyson": Source(
        "W. H. Press and F. J. Dyson (2012), 'Iterated Prisoner's Dilemma contains strategies "
        "that dominate any evolutionary opponent', PNAS 109:10409-10413",
        r"Press and Dyson \(2012\)",
    ),
    "stewart_plotkin": Source(
        "A. J. Stewart and J. B. Plotkin (2012), 'Extortion and cooperation in the Prisoner's "
        "Dilemma', PNAS 109:10134-10135",
        r"Stewart and Plotkin \(2012\)",
    ),
    "ashlock": Source(
        "D. Ashlock, W. Ashlock and co-authors (2006-2015): fingerprinting and evolved "
        "finite-state machines",
        r"\bAshlock\b",
    ),
    "mittal_deb_2009": Source(
        "S. Mittal and K. Deb (2009), 'Optimal strategies of the iterated prisoner's dilemma "
        "problem for multiple conflicting objectives', IEEE Trans. Evol. Comput. 13:554-565",
        r"Mittal and K\. Deb \(2009\)",
    ),
    "mathieu_2015": Source(
        "P. Mathieu and J.-P. Delahaye (2015), 'New Winning Strategies for the Iterated "
        "Prisoner's Dilemma', AAMAS 2015",
        r"Mathieu and J\.-P\. Delahaye \(2015\)",
    ),
    "hilbe_2017": Source(
        "C. Hilbe, L. A. Martinez-Vaquero, K. Chatterjee and M. A. Nowak (2017), 'Memory-n "
        "strategies of direct reciprocity', PNAS 114:4715-4720",
        r"Hilbe[^()]*\(2017\)",
    ),
    "harper_2017": Source(
        "M. Harper, V. Knight, M. Jones, G. Koutsovoulos, N. E. Glynatsi and O. Campbell "
        "(2017), 'Reinforcement learning produces dominant strategies for the Iterated "
        "Prisoner's Dilemma', PLoS ONE 12:e0188046",
        r"Harper, V\. Knight, M\. Jones[^()]*\(2017\)",
    ),
    "knight_2018": Source(
        "V. Knight, M. Harper, N. E. Glynatsi and O. Campbell (2018), 'Evolution reinforces "
        "cooperation with the emergence of self-recognition mechanisms', PLoS ONE 13:e0204981",
        r"Knight, M\. Harper, N\. E\. Glynatsi and O\. Campbell \(2018\)",
    ),
    "axelrod_python": Source(
        "Rules first published as contributions to the Axelrod-Python library (V. Knight et "
        "al. (2016), J. Open Research Software 4:e35); many other sources cite the library "
        "for their data, so this tag is given by hand",
        None,
    ),
}
"""Tag -> the source it stands for, in the order the catalogue lists them."""


def source_tags_cited(text: str) -> list[str]:
    """The well-known sources whose citation appears in ``text`` (a strategy's source)."""
    return [tag for tag, source in SOURCE_TAGS.items() if source.cited_in(text)]
