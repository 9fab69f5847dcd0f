"""The opened index: units, vectors, a BM25 index over the same units, and the documents' facts.

Opened once per process and shared; building it first when there is no index yet.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.shortlist import Shortlist, make_shortlist
from assistant.spelling import Speller, model_words
from assistant.types import Filters
from ingestion import remote
from ingestion.embed import set_precision
from ingestion.errors import BadInput, NotFound
from ingestion.index import build_index
from ingestion.parse import CONTENTS_HEADINGS
from ingestion.store import FORMAT, Build, current_build_folder, lexical_text, open_build, search_terms
from ingestion.types import KINDS, DocumentInfo, Unit

NAVIGATION_WEIGHT = 0.3


def prior_weights(units: list[Unit]) -> np.ndarray:
    """How much a unit's rank counts: a table of contents points at the guidance, it is not it."""
    return np.array(
        [NAVIGATION_WEIGHT if u.kind == "section" and u.path[-1].lower() in CONTENTS_HEADINGS else 1.0 for u in units],
        dtype=np.float64,
    )


def _names_level(unit: Unit, level: int, engine: Engine) -> bool:
    heading = " ".join(unit.path).lower()
    info = engine.documents[unit.doc_id]
    names = [n.lower() for n in info.level_names[level - 1 : level]]
    return f"level {level}" in heading or f"tier {level}" in heading or any(n and n in heading for n in names)


@dataclass
class Engine:
    build: Build
    documents: dict[str, DocumentInfo]
    bm25: object
    by_id: dict[str, int] = field(default_factory=dict)
    prior: np.ndarray | None = None
    masks: dict = field(default_factory=dict)

    @property
    def units(self) -> list[Unit]:
        return self.build.units

    @property
    def vectors(self) -> np.ndarray:
        return self.build.vectors

    @cached_property
    def facet_groups(self) -> tuple[np.ndarray, np.ndarray]:
        """Each unit that has facets, and where its run of facets starts (facets are stored in
        unit order)."""
        owner = self.build.facets.owner
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        return owner[starts], starts

    @cached_property
    def speller(self) -> Speller:
        """Mends the odd typo in a question by the guidance's own words."""
        return Speller((u.text for u in self.units), model_words())

    @cached_property
    def term_sets(self) -> list[frozenset[str]]:
        """Each unit's search terms (as BM25 indexes them), for the rerank's coverage and the choice
        of a row's cells."""
        return [frozenset(search_terms(lexical_text(u))) for u in self.units]

    @cached_property
    def idf(self) -> dict[str, float]:
        """Each search term's inverse document frequency over the units, log(1 + n / df)."""
        frequency = Counter(t for terms in self.term_sets for t in terms)
        return {t: float(np.log1p(len(self.units) / df)) for t, df in frequency.items()}

    @cached_property
    def shortlist(self) -> Shortlist | None:
        """Projected vectors for a first pass over a large index (None: small enough to score exactly)."""
        facets = self.build.facets
        return make_shortlist(self.vectors, facets.vectors, facets.owner)

    @cached_property
    def emergency_units(self) -> list[Unit]:
        """The guidance's own instructions for immediate danger (passages naming 999), current
        documents first."""
        found = [u for u in self.units if u.kind != "matrix_row" and "999" in u.text]
        return sorted(found, key=lambda u: self.documents[u.doc_id].precedence)

    @cached_property
    def wording(self) -> str:
        """Everything the guidance says, its titles, aliases and areas included: lower-cased words
        between single spaces, so a phrase is looked up as " words of it " (see `mentions`)."""
        texts = [u.text for u in self.units if u.kind != "matrix_row"]
        for info in self.documents.values():
            texts += [info.title, info.short_title, *info.aliases, *info.areas]
        return " " + " ".join(re.findall(r"[a-z0-9&]+", " ".join(texts).lower())) + " "

    @cached_property
    def place_words(self) -> set[str]:
        """The words of the areas' names, lower-cased ("luton", "bedford", "borough"...)."""
        return {w for area in self.areas for w in area.lower().split()}

    def mentions(self, phrase: str) -> bool:
        """Whether the guidance ever uses the phrase (whole words, any case)."""
        words = re.findall(r"[a-z0-9&]+", phrase.lower())
        return bool(words) and f" {' '.join(words)} " in self.wording

    @property
    def areas(self) -> list[str]:
        return sorted({area for info in self.documents.values() for area in info.areas})

    def unit(self, unit_id: str) -> Unit:
        index = self.by_id.get(unit_id)
        if index is None:
            raise NotFound(f"no unit with id {unit_id!r}")
        return self.units[index]

    def document(self, doc_id: str) -> DocumentInfo:
        return self.documents[doc_id]

    def check(self, filters: Filters) -> None:
        """Bad filters are the user's mistake: say which values exist."""
        if filters.doc_id is not None and filters.doc_id not in self.documents:
            raise BadInput(f"unknown doc id {filters.doc_id!r}; known: {', '.join(sorted(self.documents))}")
        if filters.area is not None and self.canonical_area(filters.area) is None:
            raise BadInput(f"unknown area {filters.area!r}; known: {', '.join(self.areas)}")
        if filters.level is not None and filters.level not in (1, 2, 3, 4):
            raise BadInput(f"level must be 1, 2, 3 or 4, not {filters.level}")
        if filters.kind is not None and filters.kind not in KINDS:
            raise BadInput(f"unknown kind {filters.kind!r}; known: {', '.join(KINDS)}")

    def canonical_area(self, area: str) -> str | None:
        wanted = " ".join(area.lower().replace("-", " ").split())
        return next((a for a in self.areas if a.lower() == wanted), None)

    def mask(self, filters: Filters) -> np.ndarray:
        """Which units pass the filters (computed once per distinct filter)."""
        cached = self.masks.get(filters)
        if cached is None:
            cached = self.masks[filters] = self._mask(filters)
        return cached

    def doc_mask(self, doc_ids: frozenset[str]) -> np.ndarray:
        key = ("docs", doc_ids)
        if key not in self.masks:
            self.masks[key] = np.array([u.doc_id in doc_ids for u in self.units], dtype=bool)
        return self.masks[key]

    def about_level(self, level: int) -> np.ndarray:
        """Passages whose heading names the level ("Level 2 – Targeted Support", "Level 3: Targeted")."""
        key = ("about-level", level)
        if key not in self.masks:
            self.masks[key] = np.array([u.kind == "section" and _names_level(u, level, self) for u in self.units])
        return self.masks[key]

    def at_level(self, level: int) -> np.ndarray:
        """Indicators (matrix cells, listed indicators) at the level."""
        key = ("at-level", level)
        if key not in self.masks:
            self.masks[key] = np.array(
                [u.kind in ("matrix_cell", "indicator") and u.level == level for u in self.units]
            )
        return self.masks[key]

    def part_of(self, unit: Unit) -> str | None:
        """The area whose own part of a document covering several areas holds the unit (its top
        heading names the area: "Luton Council - Understanding Levels of Need"), else None."""
        areas = self.documents[unit.doc_id].areas
        if len(areas) < 2 or not unit.path:
            return None
        top = unit.path[0].lower()
        return next((a for a in areas if top.startswith(a.lower())), None)

    def _mask(self, filters: Filters) -> np.ndarray:
        docs = set(self.documents)
        if filters.doc_id:
            docs = {filters.doc_id}
        area = self.canonical_area(filters.area) if filters.area else None
        if area:
            docs = {d for d in docs if area in self.documents[d].areas}
        return np.array(
            [
                u.doc_id in docs
                and (area is None or self.part_of(u) in (None, area))
                and (filters.level is None or u.level == filters.level)
                and (filters.kind is None or u.kind == filters.kind)
                for u in self.units
            ],
            dtype=bool,
        )


def _documents(build: Build) -> dict[str, DocumentInfo]:
    documents = {}
    for doc_id, entry in build.state.documents.items():
        info = dict(entry["info"])
        info["areas"] = tuple(info.get("areas", ()))
        info["aliases"] = tuple(info.get("aliases", ()))
        info["level_names"] = tuple(info.get("level_names", ()))
        info["area_level_names"] = tuple((a, tuple(n)) for a, n in info.get("area_level_names", {}).items())
        documents[doc_id] = DocumentInfo(**info)
    return documents


def _missing(settings: Settings) -> bool:
    if settings.chroma_url:
        return remote.current_name(settings.chroma_url) is None
    return current_build_folder(Path(settings.index_dir)) is None


def _build(settings: Settings, why: str, progress) -> None:
    where = settings.chroma_url or settings.index_dir
    print(f"{why}: building it in {where} from {settings.corpus_dir} ...", file=sys.stderr)
    report = build_index(
        settings.corpus_dir,
        Path(settings.index_dir),
        progress=progress,
        max_pdf_pages=settings.max_pdf_pages,
        chroma_url=settings.chroma_url,
    )
    for reason in report.skipped:
        print(f"skipped {reason}", file=sys.stderr)


def _open_build(settings: Settings) -> Build:
    return remote.open_remote(settings.chroma_url) if settings.chroma_url else open_build(Path(settings.index_dir))


def open_engine(settings: Settings, build_if_missing: bool = True, progress=None) -> Engine:
    """The engine over the current build; with build_if_missing, an index that is missing, or that
    an older version wrote (its search terms or units may differ from this version's), is built
    first."""
    set_precision(settings.embed_precision)
    if _missing(settings) and build_if_missing:
        _build(settings, "No index yet", progress)
    build = _open_build(settings)
    if build.state.format != FORMAT and build_if_missing:
        _build(settings, "The index was written by another version of threshold", progress)
        build = _open_build(settings)
    by_id = {u.id: i for i, u in enumerate(build.units)}
    return Engine(build, _documents(build), build.bm25, by_id, prior_weights(build.units))
