"""The article and letter form (F2): target article, society, venue, style, date (which fields it
shows, and their checks, are :mod:`rebuttal.ui.form_fields`).

Each field is checked as it is typed (``refs.article.article_problem``) and its
problem shown under it; Apply only closes the form when every field is
valid, and the whole form is one undoable change.
"""

from __future__ import annotations

import copy
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Select, SelectionList

from rebuttal.designs import library_designs, same_design
from rebuttal.errors import RebuttalError
from rebuttal.letter.outline import LetterInfo, Outline, SocietyChoice
from rebuttal.library.stack import Library
from rebuttal.refs.article import ARTICLE_FIELDS, Article, pasted_abstract, pasted_keywords
from rebuttal.refs.styles import STYLES
from rebuttal.text.authors import parse_authors
from rebuttal.ui.dialogs import ConfirmScreen, Dialog, PathScreen, text_area
from rebuttal.ui.form_fields import (
    ABSTRACT_HINT,
    ARTICLE_FORM,
    LETTER_FIELDS,
    Applied,
    authors_shown,
    field_problem,
    known_venues,
    venue_choices,
    venue_summary,
)
from rebuttal.ui.key_order import focus_now


class DetailsScreen(Dialog):
    """Article, society and letter details in one form."""

    HELP = (
        "**Article and letter.** Describe the article you answer: its fields fill the placeholders "
        "in the blocks ({article.first_author}, {article.journal}…) and become the first reference. "
        "Choose the society that signs and the venue (its word and reference limits). A DOI, PMID or "
        "date that is not valid is shown in red under the field. **Ctrl+S** or Apply keeps the changes, "
        "**Esc** discards them."
    )
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="details.cancel"),
        Binding("ctrl+s", "apply", "Apply", id="details.apply", priority=True),
        Binding("ctrl+o", "import_article", "Import…", id="details.import"),
        Binding("ctrl+l", "look_up", "Look up PMID / DOI", id="details.lookup", priority=True),
    ]

    def __init__(self, library: Library, outline: Outline, apply: Applied, focus: str = "") -> None:
        super().__init__()
        self.library = library
        self.outline = outline
        self.apply = apply
        self.first_focus = focus
        self._marked: dict[str, str] = {}  # field id -> the problem its red line shows now
        self._opened: tuple[object, ...] = ()  # the form's values as it opened (Esc asks if they changed)

    def compose(self) -> ComposeResult:
        """Two sections of labelled inputs, each with its own problem line."""
        letter, article = self.outline.letter, self.outline.article
        societies = [(f"{s.name} ({s.id})", s.id) for s in self.library.societies.values()]
        # A profile or style the library no longer has must not stop the form from opening.
        chosen = self.outline.society.id
        society_id = chosen if chosen in self.library.societies else Select.NULL
        # "" is "not chosen": the venue's style applies (else NLM), and nothing is written.
        style = letter.style if letter.style in STYLES else ""
        with Vertical(classes="dialog wide", id="details"):
            yield Label("Article and letter — Ctrl+S apply, Esc cancel, Ctrl+O import, Ctrl+L look up",
                        classes="question")
            with VerticalScroll(id="details-fields"):
                yield Label("The letter", classes="section")
                yield self._row("Society", Select(societies, value=society_id,
                                                  prompt="Choose the society that signs", id="society",
                                                  compact=True))
                yield self._row("Co-signers", self._cosigners())
                yield self._row("Venue", Select(venue_choices(self.library, letter.venue),
                                                value=letter.venue, allow_blank=False,
                                                id="letter-venue", compact=True))
                yield Label(venue_summary(self.library, letter.venue), id="venue-summary",
                            classes="field-problem")
                yield self._row("Citation style", Select([("The venue's (default; else NLM)", ""),
                                                          *((s.title, s.name) for s in STYLES.values())],
                                                         value=style, allow_blank=False,
                                                         id="letter-style", compact=True))
                for name, label, hint in LETTER_FIELDS:
                    yield self._field("letter", name, label, hint, getattr(letter, name))
                yield Label("The article you answer", classes="section")
                for name, label, hint in ARTICLE_FORM:
                    value = getattr(article, name)
                    value = "; ".join(value) if name in ("authors", "keywords") else value
                    designs = self._designs() if name == "design" else []
                    yield self._field("article", name, label, hint, value,
                                      SuggestFromList(designs, case_sensitive=False) if designs else None)
                    if name == "authors":  # what the reference will print, as it is typed
                        yield Label(authors_shown(value), id="authors-printed", classes="field-problem")
                    if name == "design":
                        yield Label(self._design_match(value), id="design-match", classes="field-problem")
                yield Label(ABSTRACT_HINT, classes="section")
                yield text_area()(article.abstract, id="article-abstract", soft_wrap=True)
            yield Label("", id="dialog-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Apply (Ctrl+S)", id="ok", variant="primary", compact=True)
                yield Button("Import file (Ctrl+O)", id="import", compact=True)
                yield Button("Look up PMID/DOI (Ctrl+L)", id="lookup", compact=True)
                yield Button("Cancel (Esc)", id="cancel", compact=True)

    def _cosigners(self) -> SelectionList[str]:
        """The other societies that may co-sign (Space ticks one): a joint letter."""
        chosen = {c.id for c in self.outline.cosigners}
        choices = [(f"{s.name} ({s.id})", s.id, s.id in chosen) for s in self.library.societies.values()]
        return SelectionList[str](*choices, id="cosigners", compact=True)

    def _row(self, label: str, widget: Input | Select | SelectionList) -> Horizontal:
        return Horizontal(Label(label, classes="field-label"), widget, classes="field-row")

    def _field(
        self, section: str, name: str, label: str, hint: str, value: str, suggester: object = None
    ) -> Vertical:
        message = self.problem_of(section, name, value)
        problem = Label(message, id=f"{section}-{name}-problem", classes="error field-problem")
        problem.display = bool(message)
        # select_on_focus=False: the first keystroke must never replace a field's content.
        widget = Input(value, placeholder=hint, id=f"{section}-{name}", compact=True, select_on_focus=False,
                       suggester=suggester)  # type: ignore[arg-type]
        return Vertical(self._row(label, widget), problem, classes="field")

    def on_mount(self) -> None:
        """Focus the field asked for (society, venue...) or the article's title; show problems."""
        self.show_error("")
        for widget in self.query(Input):
            self._check(widget)
        # A new letter (or one whose society is gone) starts at the society; others at the article.
        default = "#article-title" if self.outline.society.id in self.library.societies else "#society"
        target = {"society": "#society", "venue": "#letter-venue", "style": "#letter-style",
                  "cosigners": "#cosigners"}.get(
            self.first_focus, default
        )
        focus_now(self.query_one(target))
        self._opened = self.values()

    def values(self) -> tuple[object, ...]:
        """What the form holds now, as typed (to tell whether anything was changed)."""
        inputs = tuple((w.id, w.value) for w in self.query(Input))
        selects = tuple((w.id, w.value) for w in self.query(Select))
        ticked = tuple(sorted(self.query_one("#cosigners", SelectionList).selected))
        return inputs, selects, ticked, self.query_one("#article-abstract", text_area()).text

    def action_cancel(self) -> None:
        """Close; when something was changed, ask first (Esc is easily pressed by mistake)."""
        if not self._opened or self.values() == self._opened:
            self.dismiss("")
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss("")

        self.app.push_screen(ConfirmScreen("Discard the changes made in this form?", [
            ("discard", "Discard changes"), ("cancel", "Keep editing (Esc)")]), answered)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Check a field as it is typed; a venue typed in brings its limits and style."""
        # The other fields' marks are current (each is checked as it changes): only the typed one is
        # marked again, which keeps a keystroke from laying out every field's line anew.
        if not self._check(event.input) and not any(self._problem(w) for w in self.query(Input)):
            self.show_error("")  # the field marked in red is fixed: the reminder goes too
        if event.input.id == "article-authors":
            self.query_one("#authors-printed", Label).update(authors_shown(event.value))
        if event.input.id == "article-design":
            self.query_one("#design-match", Label).update(self._design_match(event.value))

    def on_select_changed(self, event: Select.Changed) -> None:
        """A venue chosen brings its limits and style."""
        if event.select.id == "letter-venue":
            self._venue_chosen("" if event.value is Select.NULL else str(event.value))

    def _designs(self) -> list[str]:
        return library_designs(tag for block in self.library.blocks.values() for tag in block.tags)

    def _design_match(self, value: str) -> str:
        """Which of the library's designs the typed one is (spelling and synonyms aside)."""
        if not value.strip():
            return ""
        known = [d for d in self._designs() if same_design(d, value)]
        if known:
            return f"Matches the library's '{known[0]}': blocks written for it get ★ and its wording"
        return f"No block is tagged with this design; the library knows: {', '.join(self._designs())}"

    def problem_of(self, section: str, name: str, value: str) -> str:
        """The problem of one field's value; the venue must be one of the library's."""
        venues = known_venues(self.library)
        if section == "letter" and name == "venue" and value and venues and value not in venues:
            return f"unknown venue '{value}'; known: {', '.join(venues)}"
        return field_problem(section, name, value)

    def _problem(self, widget: Input) -> str:
        section, _, name = (widget.id or "").partition("-")
        return self.problem_of(section, name, widget.value.strip())

    def _check(self, widget: Input) -> str:
        problem = self._problem(widget)
        if self._marked.get(widget.id or "") == problem:
            return problem  # shown already: updating the line would lay the whole form out again
        self._marked[widget.id or ""] = problem
        matches = self.query(f"#{widget.id}-problem")
        if matches:
            label = matches.first(Label)
            label.update(problem)
            label.display = bool(problem)
        return problem

    def _venue_chosen(self, name: str) -> None:
        """Show the venue's limits; its preferred citation style becomes the letter's."""
        summaries = self.query("#venue-summary")
        if summaries:
            summaries.first(Label).update(venue_summary(self.library, name))
        venue = self.library.venues.get(name)
        style = self.query_one("#letter-style", Select)
        if venue is not None and venue.style in STYLES and name != self.outline.letter.venue and style.value:
            style.value = venue.style

    def collect(self) -> tuple[LetterInfo, SocietyChoice, Article, list[SocietyChoice]] | None:
        """The form's values, or None (focusing the first bad field) when one is invalid."""
        for widget in self.query(Input):
            if self._check(widget):
                widget.focus()
                self.show_error("Fix the field marked in red first.")
                # The error line takes room from the scrolling fields: bring the bad field
                # and its problem line back into view once the layout has settled.
                field = widget.parent.parent if widget.parent is not None else widget
                self.call_after_refresh(field.scroll_visible, animate=False)
                return None
        letter = copy.deepcopy(self.outline.letter)
        article = Article()
        for name, _, _ in LETTER_FIELDS:
            setattr(letter, name, self.query_one(f"#letter-{name}", Input).value.strip())
        venue = self.query_one("#letter-venue", Select).value
        letter.venue = "" if venue is Select.NULL else str(venue)
        letter.style = str(self.query_one("#letter-style", Select).value)
        shown = {name for name, _, _ in ARTICLE_FORM} | {"abstract"}
        article.abstract = pasted_abstract(self.query_one("#article-abstract", text_area()).text)
        for name in ARTICLE_FIELDS:
            if name not in shown:  # not in the form: kept as they are
                setattr(article, name, copy.deepcopy(getattr(self.outline.article, name)))
                continue
            if name == "abstract":
                continue
            value = self.query_one(f"#article-{name}", Input).value.strip()
            if name == "authors":
                article.authors = parse_authors(value)
            elif name == "keywords":
                article.keywords = pasted_keywords(value)
            else:
                setattr(article, name, value)
        society_value = self.query_one("#society", Select).value
        society = SocietyChoice(
            id="" if society_value is Select.NULL else str(society_value),
            overrides=dict(self.outline.society.overrides),
        )
        kept = {c.id: c for c in self.outline.cosigners}  # a co-signer kept keeps its overrides
        ticked = set(self.query_one("#cosigners", SelectionList).selected)
        cosigners = [copy.deepcopy(kept.get(i, SocietyChoice(id=i)))
                     for i in self.library.societies if i in ticked and i != society.id]
        return letter, society, article, cosigners

    def action_apply(self) -> None:
        """Keep the changes (one undoable change)."""
        values = self.collect()
        if values is not None:
            self.attempt(self.apply, *values)

    def action_import_article(self) -> None:
        """Fill the article fields from a reference file (the first reference in it)."""
        self.app.push_screen(PathScreen(
            "Import the article from a reference file (CSL-JSON, BibTeX, RIS, MEDLINE .nbib):",
            Path.cwd(), self.fill_from_file, formats=False, action="Import",
        ))

    def fill_from_file(self, path: Path, _fmt: str = "") -> str:
        """Read ``path`` and put its first reference in the article fields; '' or the problem."""
        from rebuttal.refs.article import read_article

        try:
            article = read_article(path)
        except RebuttalError as error:
            return str(error)
        self._fill_article(article, path.name)
        return ""

    def action_look_up(self) -> None:
        """Fill the article from PubMed (the PMID field) or Crossref (the DOI field)."""
        pmid = self.query_one("#article-pmid", Input).value.strip()
        doi = self.query_one("#article-doi", Input).value.strip()
        if not pmid and not doi:
            self.app.notify("Type the article's PMID or DOI in its field first, then Ctrl+L.",
                            title="Look up", severity="warning")
            return
        what = f"PMID {pmid}" if pmid else f"DOI {doi}"
        self.app.notify(f"Looking up {what}…", title="Look up", timeout=3)
        self.run_worker(lambda: self._look_up(pmid, doi, what), thread=True, exclusive=True)

    def _look_up(self, pmid: str, doi: str, what: str) -> None:
        """In a worker thread: ask the service, then fill the fields on the app's thread."""
        from rebuttal.refs.article import look_up_article

        try:
            article = look_up_article(pmid=pmid, doi=doi)
        except RebuttalError as error:
            # web.py words a failed connection "cannot reach" and a silence "did not answer": not "not found"
            offline = "cannot reach" in error.message or "did not answer" in error.message
            title = "Could not reach the service" if offline else "Not found"
            self.app.call_from_thread(self.app.notify, str(error), title=title, severity="error")
            return
        self.app.call_from_thread(self._fill_article, article, "PubMed" if pmid else "Crossref")

    def _fill_article(self, article: Article, source: str) -> None:
        """Put ``article`` in the article fields, abstract and keywords included (the design is kept
        when the source has none)."""
        for name, _, _ in ARTICLE_FORM:
            value = getattr(article, name)
            if name in ("authors", "keywords"):
                value = "; ".join(value)
            if value or name != "design":  # the design is rarely in a reference file: keep it
                self.query_one(f"#article-{name}", Input).value = value
        self.query_one("#article-abstract", text_area()).text = article.abstract
        self.app.notify(f"Article filled in from {source}; check it, then Apply.", title="Imported")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Apply, import or cancel."""
        if event.button.id == "ok":
            self.action_apply()
        elif event.button.id == "import":
            self.action_import_article()
        elif event.button.id == "lookup":
            self.action_look_up()
        else:
            self.action_cancel()
