"""Read the line from an item's title and description when its fields are missing, the way a
careful colleague would: user stories, reported defects, named customers, support tickets and
requests, and mentions of the items a chore serves.

Every inferred link keeps the exact words it was read from, and starts weaker than a link drawn
from its own field (`INFERRED_STRENGTH`).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from dataclasses import dataclass

from breadline.match import Sieved, Words, sentence_around, stems_of, tokens
from breadline.model import Backlog, Item
from breadline.read import CERTAINTY, ItemWords, clues
from breadline.read.base import REPORT_LIMIT, REPORT_SENTENCES, count
from breadline.read.families import (change_reason, is_change, our_purpose, report_probability, states_our_purpose,
                                      without_headings)
from breadline.read.shape import DOUBT_AT, SETTING_AT
from breadline.registry import Registry, is_vague
from breadline.text import ItemText, first_sentences, reads_as_chore, sentences, typed_chore
from breadline.words import WordLists

INFERRED_STRENGTH = CERTAINTY["likely"]
"""What a link read from free text is worth before rules weigh in, when the reading is likely
(a field is worth 1.0; see `read.CERTAINTY` for stated and hinted readings)."""

DEFECT_WHO = "the people hitting this failure"

SIGNALS = {
    "story": "a user story: \"As a clinic receptionist I want … so that …\", \"Como mesero, quiero …\", "
             "\"En tant que gérant, je veux …\"",
    "registry": "a customer of the registry named in the text",
    "requests": "who asked: \"requested by the Acme team\", \"Acme asked for …\"",
    "failures": "failure words in the title and lead: error, crash, broken; in other languages too "
                "(`failures-abroad`): \"no se muestra\", \"não carrega\", \"无法\", \"không hiển thị\"",
    "support-references": "a support ticket cited: ZD-4411, \"Zendesk #8812\"",
    "so-that": "a benefit: \"so that they can …\"",
}
"""The readings made before the signal families (`read.FAMILIES`), by the name `explain`, the
JSON and SARIF give them (docs/reading.md)."""

HEAD_LIMIT = 1500
"""How far into an item's text stories, requests and benefits are looked for (characters):
long bug reports carry logs and templates below, where the patterns cost time and find nothing
of the kind (bench: tracker-like backlogs; the judge's figures are the same with the whole text)."""

_ROLE = r"(?P<role>[^,.;:!?\n]{2,80}?)"
_WANT = r"(?:want|wants|need|needs|would like|'d like|wish|can|could|should be able to|must be able to|expect)"
_STORY = Sieved(
    r"\bas (?:an? |the )?" + _ROLE + r"\s*,?\s+I\s+" + _WANT + r"\s+(?P<to>to\s+)?(?P<goal>[^\n]+?)"
    r"(?:\s*,?\s+(?:so that|so|in order to|because)\s+(?P<benefit>[^\n]+?))?\s*(?:[.!]\s|[.!]?$|\n)",
    re.IGNORECASE,
)
_STORY_BENEFIT_FIRST = Sieved(
    r"\bin order to (?P<benefit>[^,\n]+),\s*as (?:an? |the )?" + _ROLE + r"\s*,?\s+I\s+" + _WANT
    + r"\s+(?P<to>to\s+)?(?P<goal>[^.\n]+)",
    re.IGNORECASE,
)
_STOPS = ",.;:!?\n，。；：！？"
"""Where a role of a user story written in another language ends: at no punctuation of a sentence."""


def _phrase(phrase: str) -> str:
    """A phrase of a word list as an expression: its spaces any white space, its apostrophe
    either apostrophe, a word boundary on each end that is a letter of a spaced script ("como",
    not "comodidad"; "作为" stands without one)."""
    body = r"\s+".join(re.escape(word) for word in phrase.split()).replace("'", "['’]")
    start = r"\b" if phrase[:1].isascii() and phrase[:1].isalnum() else ""
    end = r"\b" if phrase[-1:].isascii() and phrase[-1:].isalnum() else ""
    return start + body + end


@lru_cache(maxsize=8)
def _foreign_story(openers: tuple[str, ...], wants: tuple[str, ...], benefits: tuple[str, ...]) -> Sieved | None:
    """A user story in another language than English, from the lists that word it
    (`story-openers`, `story-wants`, `story-benefits`): "Como mesero de servicio, quiero
    registrar pedidos manuales", "En tant que gérant, je veux …, afin de …", "作为管理员，我希望 …".
    Every part is bounded (a role of 2 to 80 characters, a goal and a benefit of at most 300),
    so the search stays linear in the text."""
    if not openers or not wants:
        return None
    def either(phrases: tuple[str, ...]) -> str:
        return "|".join(_phrase(p) for p in sorted(phrases, key=len, reverse=True))
    role = f"(?P<role>[^{_STOPS}]{{2,80}}?)"
    benefit = rf"(?:\s*[,，]?\s*(?:{either(benefits)})\s*(?P<benefit>[^\n.!?。！？]{{3,300}}?))?" if benefits else ""
    return Sieved(
        rf"(?:{either(openers)})\s*{role}\s*[,，、]?\s*(?:{either(wants)})\s*(?P<goal>[^\n.!?。！？]{{3,300}}?)"
        + benefit + r"\s*(?:[.!?。！？](?:\s|$)|$|\n)",
        re.IGNORECASE,
    )


_SO_THAT = Sieved(r"\b(?:so that|so they can|so she can|so he can|which means they can|which lets them)\s+(?P<benefit>[^.\n]{4,})",
                      re.IGNORECASE)
_REQUESTED_BY = Sieved(
    r"\b(?:requested|reported|raised|proposed|suggested|asked for|flagged|escalated) by (?:the |our )?(?P<who>[^.,;:()\n]{2,60}?)(?=[.,;:()\n]|$| via | on | in | through | last | this | yesterday)",
    re.IGNORECASE,
)
_SUBJECT_ASKS = Sieved(
    r"(?:^|[.!?:\n]\s*|\b(?:because|since|as) )(?P<who>(?:[A-Z][\w&'-]*|the|our|all|some|most|many)(?: [\w&'-]+){0,3}?)"
    r" (?:asked for|asked us|asked|have asked|has asked|requested|requests|want|wants|need|needs|would like|are asking|is asking|keep asking|complain|complained)\b",
)
_NOUN_BEFORE_ASK = re.compile(r"\b(?:feature|support|pull|merge|change|customer|access|service|data|api)\s+(?:requests?|needs?)$",
                              re.IGNORECASE)
"""'Feature requests go to …': the asking word is a noun there, nobody asks."""
_AVERTED = re.compile(r"\b(?:reduc\w*|prevent\w*|avoid\w*|fewer|less|minimi[sz]\w*|eliminat\w*)\s+(?:[\w'-]+\s+){0,3}?",
                      re.IGNORECASE)
"""Words that make the failure word after them a benefit ("reduces manual calculation errors")."""

_FAILURE_NOUNS = frozenset({"failure", "failures", "error", "errors", "bug", "bugs", "exception", "exceptions"})
"""Failure words that can be what a feature tracks ("tracking of sync failures"); an adjective or a
verb ("wrong", "unable", "crashes") tells the failure itself ("Export reporting wrong durations",
"Workout tracking crashes")."""


@lru_cache(maxsize=8)
def _subjects(words: tuple[str, ...]) -> tuple[str, str]:
    """The expressions before and after a failure word: any of `words` up to three words before it
    ("tracking of sync failures"), or one of its `-ing` forms right after it ("bug tracking",
    "failure / success tracking"; not "Bug report:", which heads a report)."""
    either = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    doing = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True) if word.endswith("ing"))
    return (rf"\b(?:{either})\b\s+(?:[\w'/-]+\s+){{0,3}}?",
            rf"\s*/?\s*(?:\w+\s*/\s*)?(?:{doing})\b" if doing else r"(?!)")


def _recorded(sentence: str, failure: str, words: tuple[str, ...]) -> bool:
    """Whether `failure` stands in `sentence` as the subject of the work (`failure-subjects`):
    "Improve tracking of sync failures", "reporting sync failures", "Bug tracking and reporting",
    "failure / success tracking"."""
    if not words or failure.lower().rsplit(None, 1)[-1] not in _FAILURE_NOUNS:
        return False  # "Export reporting wrong durations": an export reports a wrong number, a failure
    before, after = _subjects(words)
    word = re.escape(failure)
    return bool(re.search(before + word, sentence, re.IGNORECASE)
                or re.search(r"\b" + word + after, sentence, re.IGNORECASE))


_NOBODY = frozenset({"it", "this", "that", "we", "i", "they", "he", "she", "the", "you", "we'd", "we'll", "we've",
                     "i'd", "i'll", "i've", "you'd", "you'll", "they'd", "they'll", "no one"})
"""Subjects that name nobody who pays: pronouns, alone or contracted, and the words for no one
("Nobody has asked yet" is no request)."""
_NO_ONE = frozenset({"nobody", "none", "noone", "no-one", "nothing", "neither"})
"""A subject starting so names no one ("None of our customers has asked"), however it goes on."""
_QUESTION_WORDS = frozenset({"why", "how", "what", "when", "where", "which", "who", "do", "does", "did", "can", "could",
                             "should", "would", "will", "shall", "is", "are"})
"""A subject starting so is a question ("Why do we want …"), not someone asking."""
_BEFORE_A_NOUN = frozenset({"the", "a", "an", "of", "for", "to", "with", "any", "every", "each", "no"})
"""A subject ending so is no subject: the asking word after it is an adjective ("Immediate fetch
of the requested record"), a noun ("a need for"), not someone asking."""
_ROLE_AFTER = re.compile(r"\s*[(,–—-]\s*(?:our |the )?([^()\n,.;]{2,40})\)?")
_WAITS_ON = re.compile(r"\b(?:blocked by|depends on|dependent on|requires|waiting (?:on|for)|needs|after)\s*:?\s*"
                       r"(?:[\w#-]+(?:,|\s+and)\s+)*$", re.IGNORECASE)
_ASKING = re.compile(r" (?:ask|request|want|need|would like|complain)")
_ITEM_ID = re.compile(r"(?<![\w-])(?:[A-Za-z][A-Za-z0-9]*-\d+|#\d+)(?![\w-])")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the text says for one link: the statement and the exact words it came from."""

    values: tuple[str, ...]
    quote: str
    certainty: str = "likely"
    """stated, likely or hinted (`read.CERTAINTY`)."""
    signal: str = "wording"
    """What read it: a signal family (`read.FAMILIES`), or one of the readings before them
    (`SIGNALS`)."""


def _person(value: object) -> str:
    """A person's name as kept by an import, folded for comparison ("" for none)."""
    return " ".join(value.split()).casefold() if isinstance(value, str) else ""


class Reader:
    """Infers links for the items of one backlog (its ids and its registry's names are indexed once)."""

    def __init__(self, backlog: Backlog, words: WordLists, registry: Registry):
        self.backlog = backlog
        self.words = words
        self.registry = registry
        self.ids = {item.id for item in backlog.items if item.has_id}
        self.id_words = frozenset(word for name in self.ids for word in stems_of(name))
        """The words ids read as ("PAY-101" -> "pay-101", "#12" -> "12"): a text none of whose
        words is one of these mentions no id."""
        self.served_by = {item.id: frozenset(item.serves) for item in backlog.items if item.serves}
        self.team = frozenset(_person(item.extra.get("assignee")) for item in backlog.items
                              if item.extra and _person(item.extra.get("assignee")))
        """Who the backlog's items are assigned to (Jira's `assignee`, as imports keep it): the
        team that does the work. A reporter outside it is someone the work is for."""
        """Id -> the ids its `serves:` field names."""

    # -- the links --------------------------------------------------------------------

    def read(self, item: Item, item_text: ItemText, wanted: frozenset[str] | None = None) -> dict[str, Reading]:
        """The links the title and description draw, for the links the fields leave empty
        (`wanted`: the links the caller will use; None for all)."""
        text = item_text.text
        found: dict[str, Reading] = {}
        chore = reads_as_chore(item, item_text, self.words)
        if chore and not typed_chore(item, self.words) and self.reads_like_report(item, item_text, SETTING_AT):
            # "Upgrading to version 407 killed my October": a chore's word in the title of what reads
            # as someone's report is the setting of their failure (a chore type the tracker gives stands).
            chore = None

        # Stories, requests and "so that" benefits are looked for near the top: a user story or a
        # request leads the item; a pasted log or stack trace further down says nothing of them.
        head = text[:HEAD_LIMIT]
        low = head.lower()
        story = None
        if "as " in low and " i " in f" {low} ":  # cheap test before the expensive patterns
            story = _STORY_BENEFIT_FIRST.search(head) or _STORY.search(head)
        if not story and any(want in low for want in self.words("story-wants")):  # the rare words first
            pattern = _foreign_story(self.words("story-openers"), self.words("story-wants"),
                                     self.words("story-benefits"))
            story = pattern.search(head) if pattern else None
        if story:
            role = story.group("role").strip()
            goal = story.group("goal").strip()
            found["who"] = Reading((role,), story.group(0).strip(), signal="story")
            # "I want to see …" -> "wants to see …"; "I want invoices exported …" -> "wants invoices exported …"
            to = "to " if "to" in story.groupdict() and story.group("to") else ""
            found["problem"] = Reading((f"wants {to}{goal}",), goal, signal="story")
            if story.groupdict().get("benefit"):
                found["next"] = Reading((story.group("benefit").strip(),), story.group("benefit").strip(), signal="story")

        mentioned = self.customer_mentioned(item_text.words)
        if mentioned:
            key, words = mentioned
            if "who" not in found or not self._looks_specific(found["who"].values[0]):
                found["who"] = Reading((key,), words, signal="registry")
            found.setdefault("problem", Reading((sentence_around(text, words),), sentence_around(text, words),
                                                signal="registry"))

        requested = False
        words = self._words_of(item, item_text)
        if "who" not in found:
            asked = self.requester(head)
            if asked:
                # A change (a pull request) that says who asked for it passes the request on: a hint.
                sure = "hinted" if is_change(words, self.words) else "likely"
                found["who"] = Reading((asked[0],), asked[1], sure, "requests")
                requested = " by " in asked[1].lower()

        if requested and "problem" not in found:
            # "Currently it only blocks checkouts. Context: proposed by pilot libraries.": what the
            # requester needs is the lead's sentence that states a need (`needs`); a request with
            # none ("Rename the module. Proposed by the platform team.") names no problem.
            need = words.in_lead(self.words, "needs")
            if need:
                sentence = sentence_around(text, need)
                found["problem"] = Reading((sentence,), sentence, found["who"].certainty, "requests")
        # Failure words in English, else in the trackers' other languages ("no se muestra", "không
        # ghi nhận", "无法登录": `failures-abroad`), read the same way.
        failure = None if chore else (words.in_lead(self.words, "failures")
                                      or words.in_lead(self.words, "failures-abroad"))
        if failure:
            sentence = sentence_around(text, failure)
            if _AVERTED.search(sentence) and re.search(_AVERTED.pattern + re.escape(failure), sentence, re.IGNORECASE):
                failure = None  # "it reduces manual calculation errors": a benefit, not a failure someone hit
            elif _recorded(sentence, failure, self.words("failure-subjects")):
                failure = None  # "Improve tracking of sync failures": what a feature records, not a failure hit
        if failure:
            # A change (a pull request, "fix: …", "Closes #12") describes its fix, not a person's
            # report of a failure: only a hint of one; so is a failure told for a purpose of ours
            # ("we can't see where in the funnel people drop off").
            sure = "hinted" if is_change(words, self.words) or states_our_purpose(words, self.words) else "likely"
            found.setdefault("who", Reading((DEFECT_WHO,), failure, sure, "failures"))
            found.setdefault("problem", Reading((sentence,), sentence, sure, "failures"))
            found.setdefault("evidence", Reading(("the defect report itself",), sentence, sure, "failures"))

        reference = item_text.find(self.words, "support-references")
        if reference:
            found.setdefault("evidence", Reading((sentence_around(text, reference),), reference,
                                                 signal="support-references"))
            if "problem" not in found and "who" in found:
                sentence = sentence_around(text, reference)
                found["problem"] = Reading((sentence,), sentence, signal="support-references")

        if "next" not in found:
            benefit = _SO_THAT.search(head) if ("so " in low or "which " in low) else None
            if benefit:
                found["next"] = Reading((benefit.group("benefit").strip(),), benefit.group(0).strip(), signal="so-that")

        # The families read who, problem and evidence: where the fields give all three, or the
        # readings above are sure of them already, they have nothing to add.
        needed = {"who", "problem", "evidence"} & (wanted if wanted is not None else {"who", "problem", "evidence"})
        # "A customer wants …" read as who is "a customer", which names nobody: the accounts family
        # reads the same words as the customer the item names.
        vague = "who" in needed and "who" in found and not self._looks_specific(found["who"].values[0])
        unsure = vague or any(name not in found or found[name].certainty == "hinted" for name in needed)
        if not chore and unsure:
            for clue in clues(words, self.words):
                for name in ("who", "problem", "evidence"):
                    value = getattr(clue, name)
                    if not value:
                        continue
                    # The surer reading wins: a first-person report outweighs a hinted failure; as
                    # sure a reading that names someone outweighs one that names nobody in particular
                    # (not the "I" of "As a user, I would like …": that I is the story's role).
                    if (name not in found or clue.strength > CERTAINTY[found[name].certainty]
                            or (name == "who" and vague and clue.family != "first-person"
                                and clue.strength == CERTAINTY[found[name].certainty] and self._looks_specific(value))):
                        found[name] = Reading((value,), clue.quote, clue.certainty, clue.family)
                        if name == "who":
                            vague = False
        return found

    def serves(self, item: Item, item_text: ItemText) -> tuple[str, ...]:
        """Ids of other items the text mentions ("needed for PAY-101"), except those the item waits
        on ("blocked by PAY-2", "depends on PAY-2") and those that already serve it: the line runs
        from enabler to enabled, never both ways."""
        if not self.ids:
            return ()
        text = item_text.text
        if item_text.words.scanned:
            if not self._id_scan.find_matches_as_indexes(text):
                return ()  # no id of the backlog stands anywhere in the long text: one scan in C
        elif self.id_words.isdisjoint(item_text.words.distinct):
            return ()  # no word of the text is an id: decided without the pattern
        mentioned = []
        for match in _ITEM_ID.finditer(text):
            token = match.group(0)
            if token == item.id or token not in self.ids or token in mentioned:
                continue
            if _WAITS_ON.search(text[max(0, match.start() - 40): match.start()]):
                continue
            if item.id in self.served_by.get(token, ()):
                continue
            mentioned.append(token)
        return tuple(mentioned)

    @cached_property
    def _id_scan(self):
        """The backlog's ids as one Aho–Corasick automaton (`ahocorasick_rs`), for long texts:
        the id pattern tries every place of a text (120 µs on 4,000 characters), the automaton
        finds in one pass in C whether any id occurs at all, which in most texts none does
        (bench: tracker-like backlogs). Built the first time a long text is read."""
        from ahocorasick_rs import AhoCorasick

        return AhoCorasick(sorted(self.ids))

    # -- helpers ----------------------------------------------------------------------

    def customer_mentioned(self, text: str | Words) -> tuple[str, str] | None:
        """The registry key of the first customer the text names, and the words naming it."""
        return self.registry.mentioned(text)

    def requester(self, text: str) -> tuple[str, str] | None:
        low = text.lower()
        by = _REQUESTED_BY.search(text) if " by " in low else None
        if by:
            who = by.group("who").strip()
            role = _ROLE_AFTER.match(text, by.end())
            if role and not self._looks_specific(role.group(1)):
                who = role.group(1).strip()  # "requested by Mark (CEO)": the role is what counts
            return who, by.group(0).strip()
        subject = _SUBJECT_ASKS.search(text) if _ASKING.search(low) else None
        if subject and not _NOUN_BEFORE_ASK.search(subject.group(0)):
            who = subject.group("who").strip()
            said = who.lower().split()
            # Pronouns name nobody ("We'd need to …": our team), and a question asks ("Why do we want …").
            if (who.lower() not in _NOBODY and said[0] not in _QUESTION_WORDS and said[0] not in _NO_ONE
                    and said[-1] not in _BEFORE_A_NOUN):
                return who, subject.group(0).strip(" .!?:\n")
        return None

    def is_change(self, item: Item, item_text: ItemText) -> bool:
        """True when the item describes a code change (a pull request or commit) rather than a
        report, by its type or its words (`read.families.is_change`)."""
        return is_change(self._words_of(item, item_text), self.words)

    def why_hinted(self, item: Item, item_text: ItemText) -> str | None:
        """Why what the item's text says of people and failures is only a hint, in words `explain`
        shows: the item reads as a change (`read.families.change_reason`), or its lead gives a
        purpose of ours (`read.families.our_purpose`). None for neither: a hint of its own kind (a
        role with no need, an outside author alone) says so in its signal."""
        words = self._words_of(item, item_text)
        reason = change_reason(words, self.words)
        if reason:
            return f"it reads as a change ({reason}): a change tells what it does, not what a person hit or needs"
        ours = our_purpose(words, self.words)
        if ours:
            return f"its lead gives a purpose of ours (\u201c{ours}\u201d), not a person's"
        return None

    def reads_like_report(self, item: Item, item_text: ItemText, at: float = DOUBT_AT) -> bool:
        """True when the report's shape (read.shape) holds the item someone's report with a
        probability of `at` or more: by default likely enough that a superfluous verdict on it is
        only a close call (`shape.DOUBT_AT`); at `shape.SETTING_AT`, above where the shape draws its links,
        a chore's word in its title ("upgrade", "v14") is the setting of what they hit, not the
        work (on the development part of tests/data/real, read out of fold, such items were traced
        9 times of 9)."""
        p = report_probability(self._words_of(item, item_text), self.words)
        return p is not None and p >= at

    def words_of(self, item: Item, item_text: ItemText | None = None) -> ItemWords:
        """What the signal families read of the item (read.ItemWords); bench/train_shape.py
        trains the report's shape (read.shape) on what this gives."""
        return self._words_of(item, item_text or ItemText(item))

    def _words_of(self, item: Item, item_text: ItemText) -> ItemWords:
        """What the signal families read of the item (read.ItemWords), built once an item text."""
        kept = item_text.read_as
        if isinstance(kept, ItemWords):
            return kept
        kept = item_text.read_as = self._build_words(item, item_text)
        return kept

    def _build_words(self, item: Item, item_text: ItemText) -> ItemWords:
        extra = item.extra
        plain, lead_words = _report_lead(item_text, self.words)
        return ItemWords(title=item_text.title.text, lead=plain, text=item_text.text,
                         lead_words=lead_words, text_words=item_text.words,
                         labels=item.labels, kind=(item.type or "").strip().lower(),
                         association=str(extra.get("author_association") or "") if extra else "",
                         reactions=count(extra.get("reactions")) + count(extra.get("votes")) if extra else 0,
                         comments=count(extra.get("comments")) if extra else 0,
                         reporter=self._outside_reporter(extra))

    def _outside_reporter(self, extra: dict | None) -> str:
        """The item's reporter, when the export names one and that person is assigned none of
        the backlog's items (a team of two or more: in a one-person backlog nobody is outside).
        The reporter is Jira's, Redmine's, YouTrack's or Pivotal's `reporter`, else the `author`
        that GitLab, Azure DevOps (Created By) and Trello exports keep, except where GitHub's
        `author_association` says who the author is (the family reads that instead)."""
        if not extra:
            return ""
        named = extra.get("reporter")
        if not _person(named) and not extra.get("author_association"):
            named = extra.get("author")
        reporter = _person(named)
        if not reporter or len(self.team) < 2 or reporter in self.team:
            return ""
        return str(named).strip()

    def _looks_specific(self, role: str) -> bool:
        return not is_vague(role, self.words)


LEAD_READ = 1500
"""At most this many characters of a description are cleared of template headings to find the
lead in (`_report_lead`): its sentences stand near the top, and a long description costs no
more to read than its top (bench: tracker-like backlogs of 4,000 characters)."""

GREETING_WORDS = 5
"""A sentence of at most this many words that opens with a greeting (words/greetings.txt) is a
greeting, not part of what the report tells."""

GREETINGS_SKIPPED = 2
"""At most this many greeting sentences at the start of a description go uncounted."""


def _greetings(body: str, lists: WordLists) -> int:
    """How many of the first sentences of `body` are greetings ("Hi there!", "Olá amigos.")."""
    skipped = 0
    for sentence in sentences(body, GREETINGS_SKIPPED):
        said = sentence.strip().lower()
        if len(said.split()) > GREETING_WORDS or not any(
                said.startswith(g) and (len(said) == len(g) or not said[len(g)].isalnum()) for g in lists("greetings")):
            break
        skipped += 1
    return skipped


def _report_lead(item_text: ItemText, lists: WordLists) -> tuple[str, Words]:
    """The title and the first `REPORT_SENTENCES` sentences of the description (at most
    `REPORT_LIMIT` characters of it), with an issue template's headings and unticked boxes taken
    out (`without_headings`), and their words: where a report says what happened. The sentences
    are counted after the headings are taken out:
    "**Is your feature request related to a problem? Please describe.** A clear and concise
    description of what the problem is. Ex. I'm always frustrated when [...]" is three sentences of
    the template's, none of the writer's."""
    text = item_text.text
    title = item_text.title.text
    start = len(title) + (1 if title.endswith((".", "!", "?", ":")) else 2)  # "Title. description"
    if start >= len(text):
        plain = without_headings(text, lists)
        return (text, item_text.words) if plain is text else (plain, tokens(plain))
    opening, body = text[:start], text[start:]
    if len(body) > LEAD_READ:  # the lead is at most REPORT_LIMIT characters of what is left
        body = body[:LEAD_READ]
    head, plain = without_headings(opening, lists), without_headings(body, lists)
    described = first_sentences(plain, REPORT_SENTENCES + _greetings(plain, lists))
    if len(described) > REPORT_LIMIT:  # no sentence ends: a template or a log, its first words
        cut = described.rfind(" ", 0, REPORT_LIMIT)
        described = described[: cut if cut > 0 else REPORT_LIMIT]
    if head is opening and plain is body and start + len(described) >= len(text):
        return text, item_text.words
    lead = head + described
    return lead, tokens(lead)
