"""Who an item names: the backlog's customer registry (an entry by key or by name, whether it
pays, where a text names one) and the names that name nobody in particular.

An audit builds one `Registry` per backlog and hands it to reading, the rules and scoring.
"""

from __future__ import annotations

import re

from breadline.match import Words, normalize, stem, tokens
from breadline.model import Backlog, Customer
from breadline.words import WordLists

_KEY_SHAPE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")
_SEPARATORS = re.compile(r"[\s\-_]+")
_POSSESSIVE = re.compile(r"(?:'s|s')$")
_JOINERS = frozenset(stem(word) for word in ("and", "or", "of", "in", "at", "for", "with", "who", "that", "to", "&"))


def looks_like_key(name: str) -> bool:
    """True for `acme`, `acme-corp`, `acme_corp`: the shape of a registry key, not of a sentence."""
    return bool(_KEY_SHAPE.match(name))


def pays(customer: Customer, non_paying_plans: tuple[str, ...]) -> bool | None:
    """Whether a registry entry brings in money: `paying:` wins, then `mrr:`, then the plan name."""
    if customer.paying is not None:
        return customer.paying
    if customer.mrr is not None:
        return customer.mrr > 0
    if customer.plan:
        plan = " ".join(customer.plan.lower().replace("plan", " ").split())
        return plan not in non_paying_plans
    return None


def is_vague(name: str, words: WordLists) -> bool:
    """True when `name` names nobody in particular: only vague words ("users", "all our
    stakeholders", "the business") once determiners are dropped."""
    return words.matcher("vague-customers").covers(name, words.stems("determiners"), _JOINERS)


class Registry:
    """The customer registry of one backlog, indexed once: its entries by key or name (any
    case), and a pattern that finds where a text names one of them."""

    def __init__(self, customers: dict[str, Customer]):
        self.customers = customers
        folded: dict[str, Customer] = {}
        for customer in customers.values():
            if customer.name:
                folded.setdefault(customer.name.casefold(), customer)
        for customer in customers.values():
            folded[customer.key.casefold()] = customer
        self._folded = folded
        """Keys and names, case-folded (a key wins over another entry's name)."""

        names: dict[str, str] = {}
        for customer in customers.values():
            names[customer.key.casefold()] = customer.key
            if customer.name:
                names[customer.name.casefold()] = customer.key
        self._pattern = None
        if names:
            alternatives = sorted(names, key=len, reverse=True)
            body = "|".join(re.escape(n).replace(r"\-", r"[\s\-_]").replace(r"\ ", r"[\s\-_]") for n in alternatives)
            self._pattern = re.compile(rf"(?<![\w-])(?:{body})(?:'s|s')?(?![\w-])", re.IGNORECASE)
        self._lookup = {_SEPARATORS.sub(" ", name): key for name, key in names.items()}
        # Stems of every word of every name: a text sharing none of them names no customer,
        # which one set intersection tells before any regular expression runs.
        self._stems = frozenset(stem(word) for name in names for word in _SEPARATORS.split(name) if word)

    @classmethod
    def of(cls, backlog: Backlog) -> Registry:
        return cls(backlog.customers)

    def resolve(self, name: str) -> Customer | None:
        """The registry entry `name` refers to, by key or by name, ignoring case."""
        customers = self.customers
        if name in customers:
            return customers[name]
        return self._folded.get(name.casefold()) if customers else None

    def mentioned(self, text: str | Words) -> tuple[str, str] | None:
        """The registry key of the first customer the text names, and the words naming it.

        Customers are proper nouns: a key or name counts only where the text capitalises it, so
        the "demo" tenant is not found in "Friday's demo"."""
        if self._pattern is None:
            return None
        words = text if isinstance(text, Words) else tokens(normalize(text))
        if self._stems.isdisjoint(words.distinct):
            return None
        flat = text.text if isinstance(text, Words) else text
        found = next((m for m in self._pattern.finditer(flat) if m.group(0)[0].isupper()), None)
        if not found:
            return None
        named = found.group(0)
        key = self._lookup.get(_SEPARATORS.sub(" ", _POSSESSIVE.sub("", named).casefold()))
        return (key, named) if key else None


def resolve(name: str, backlog: Backlog) -> Customer | None:
    """The registry entry `name` refers to in `backlog` (indexes the registry on every call: for
    a one-off question; an audit resolves through its `Registry`)."""
    return Registry.of(backlog).resolve(name)
