"""BL1xx — who pays: does the item name a person or account who pays us and is helped?"""

from __future__ import annotations

from collections.abc import Iterator

from breadline.infer import DEFECT_WHO
from breadline.match import stem
from breadline.model import Item
from breadline.registry import is_vague, looks_like_key, pays
from breadline.rules.base import Context, Hit, Rule
from breadline.rules.dates import sentences_naming, written_date

PAYING_STRENGTH = 1.0
UNPRICED_STRENGTH = 0.7
FREE_TEXT_STRENGTH = 0.7
UNKNOWN_KEY_STRENGTH = 0.3
NON_PAYING_STRENGTH = 0.2
VAGUE_STRENGTH = 0.2
OLD_MENTION_STRENGTH = 0.4
"""A customer named only in words years old (BL107): below the 0.5 a who link needs to trace."""

def names_a_payer(ctx: Context) -> bool:
    """True when the item names someone who may pay: not nobody, not vague, not a non-paying entry,
    not only hinted by the text (a hint is a sign, not a person)."""
    if ctx.links["who"].inferred and ctx.links["who"].certainty == "hinted":
        return False
    for name in ctx.links["who"].values:
        customer = ctx.registry.resolve(name)
        if customer is not None:
            if pays(customer, ctx.words("non-paying-plans")) is not False:
                return True
        elif name != DEFECT_WHO and not is_vague(name, ctx.words) and not our_role(name, ctx):
            return True
    return False


_POSSESSIVES = ("'s", "’s", "s'", "s’")


def our_role(name: str, ctx: Context) -> str | None:
    """The job of ours `name` stands for, when it is one (`our-roles`) qualified only by words
    that name no customer: "a Rota support agent" (our product's name), "our tier-2 support team".
    Not a customer's own people: "Acme's support team" (a possessive), "Globex support agents"
    (a registry customer). Unqualified ("support agents"), `vague-customers` judges it."""
    words = name.split()
    if len(words) < 2 or stem(words[-1].lower()) not in ctx.words.stems("our-roles"):
        return None  # no job of ours ends it: decided without the matcher
    roles = ctx.words.matcher("our-roles")
    for start in range(1, min(len(words), 4)):
        rest = " ".join(words[start:])
        if not roles.covers(rest):
            continue
        qualifier = " ".join(words[:start])
        if qualifier.endswith(_POSSESSIVES) or ctx.registry.mentioned(qualifier) or ctx.registry.resolve(qualifier):
            return None
        return rest
    return None


def check_who(item: Item, ctx: Context) -> Iterator[Hit]:
    drawn = ctx.links["who"]
    if not drawn.present:
        serves = ctx.links["serves"]
        if serves.present:
            message = f"names no paying person, and the items it serves ({serves.text}) do not either"
        else:
            message = "names no paying person: nobody is said to be helped by this item"
        yield Hit(code="BL101", message=message, cap=0.0, field="customer")
        return
    assessed = [_assess(name, item, ctx, drawn.inferred) for name in drawn.values]
    best = max(assessed, key=lambda hit: hit[0])
    for strength, hit in assessed:
        if hit is None:
            continue
        if hit is best[1]:
            yield Hit(code=hit.code, message=hit.message, cap=strength, quote=hit.quote, field="customer")
        elif hit.code == "BL102":  # a probable typo is worth saying even when another customer pays
            yield hit


def _assess(name: str, item: Item, ctx: Context, inferred: bool) -> tuple[float, Hit | None]:
    customer = ctx.registry.resolve(name)
    if customer is not None:
        paying = pays(customer, ctx.words("non-paying-plans"))
        if paying:
            return PAYING_STRENGTH, None
        if paying is False:
            why = f"plan '{customer.plan}'" if customer.plan and customer.paying is None and customer.mrr is None else (
                "mrr 0" if customer.paying is None else "paying: false"
            )
            return NON_PAYING_STRENGTH, Hit(
                code="BL103", message=f"customer '{name}' ({customer.display_name}) does not pay us ({why})", quote=name
            )
        return UNPRICED_STRENGTH, Hit(
            code="BL105",
            message=f"customer '{name}' is in the registry but nothing says whether they pay (no paying, plan or mrr)",
            quote=name,
        )
    if is_vague(name, ctx.words):
        return VAGUE_STRENGTH, Hit(
            code="BL106", message=f"customer '{name}' names nobody in particular: which paying person or account is it?",
            quote=name,
        )
    role = our_role(name, ctx)
    if role:
        return VAGUE_STRENGTH, Hit(
            code="BL106", message=f"customer '{name}' is one of our own people ('{role}'), not a customer: "
            "which paying customer's problem does it solve?", quote=name,
        )
    registry = ctx.backlog.customers
    if not inferred and _a_kind_of_customer(name, registry, ctx):
        return VAGUE_STRENGTH, Hit(
            code="BL106", message=f"customer '{name}' is a kind of customer, nobody in particular: which paying account is it?",
            quote=name,
        )
    if inferred:
        # Read from the text, a free-text customer is all one can expect; the inferred link
        # already starts weaker than a field would.
        return 1.0, None
    if registry and looks_like_key(name):
        import difflib  # only when a key is unknown

        close = difflib.get_close_matches(name, list(registry), n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return UNKNOWN_KEY_STRENGTH, Hit(code="BL102", message=f"customer '{name}' is not in the customer registry{hint}", quote=name)
    return FREE_TEXT_STRENGTH, Hit(
        code="BL104", message=f"customer '{name}' is not in the customer registry, so nothing says they pay", quote=name
    )


def check_old_mention(item: Item, ctx: Context) -> Iterator[Hit]:
    """A customer read from the text where every sentence naming them dates itself long ago
    ("Vandelay asked for this on a call in 2019"): the words say they had the problem then, not
    that they have it now, nor that they are still there to be helped."""
    drawn = ctx.links["who"]
    if not drawn.present or not drawn.inferred or not drawn.quote:
        return
    if drawn.signal != "accounts" and not any(ctx.registry.resolve(value) for value in drawn.values):
        return  # a person telling what they hit, not a customer named
    told = sentences_naming(ctx.text.text, drawn.quote)
    if not told:
        return
    dates = [written_date(sentence, ctx.words) for sentence in told]
    if any(date is None for date in dates):
        return
    newest = max(dates)
    max_age = ctx.settings.evidence_max_age_days
    if (ctx.today - newest).days > max_age:
        quote = told[0].strip()
        yield Hit(code="BL107", message=f"'{drawn.quote}' is named only in words more than {max_age} days old ('{quote}'): "
                  "do they still have this problem, and are they still ours to help?",
                  cap=OLD_MENTION_STRENGTH, quote=quote, field="description")


def _a_kind_of_customer(name: str, registry: dict, ctx: Context) -> bool:
    """True for a plural common noun standing for a whole kind of customer ("clinics", "all
    accountancies", "contractors"): one lower-case word once determiners are dropped, a plural,
    not a role (a role is a person by the job they do: roles.txt), and no registry key it could
    be a slip for ("northgates" is BL102)."""
    words = name.split()
    if not words or name != name.lower() or any(not w.replace("-", "").isalpha() for w in words):
        return False
    determiners = ctx.words("determiners")
    words = [w for w in words if w not in determiners]
    if len(words) != 1 or not words[0].endswith("s") or words[0].endswith("ss"):
        return False
    if ctx.words.matcher("roles").search(words[0]):
        return False
    if registry:
        import difflib  # only for a customer the registry does not know

        if difflib.get_close_matches(name, list(registry), n=1, cutoff=0.75):
            return False
    return True


_REGISTRY = """\
customers:
  acme: {name: Acme Logistics, plan: business, mrr: 1200}
  globex: {name: Globex, plan: trial}
"""

RULES = (
    Rule(
        code="BL101",
        name="missing-customer",
        summary="The item names no paying person or account it helps.",
        why=(
            "Money comes from people who pay because the work solves a problem of theirs. An item "
            "that names nobody cannot be traced to that money; it is superfluous until someone "
            "can say who it helps, or which traced item it serves."
        ),
        fix="Add `customer:` naming who pays and is helped, or `serves: ID` naming the item it enables.",
        question="Which paying customer is this for?",
        bad="- id: A-1\n  title: Add dark mode\n",
        good=_REGISTRY + "items:\n  - id: A-1\n    title: Add dark mode\n    customer: acme\n",
        link="who",
        severity="error",
        check=check_who,
    ),
    Rule(
        code="BL102",
        name="unknown-customer-key",
        summary="`customer:` looks like a registry key, but the registry has no such entry.",
        why=(
            "A key that resolves to nothing is usually a typo or a customer who left the registry; "
            "either way the item's line ends in thin air."
        ),
        fix="Use a key of the `customers:` registry, or add the customer to it.",
        question="Which customer in the registry is ‘{quote}’, and do they pay us?",
        bad=_REGISTRY + "items:\n  - id: A-1\n    title: Export to NetSuite\n    customer: acme-corp\n",
        good=_REGISTRY + "items:\n  - id: A-1\n    title: Export to NetSuite\n    customer: acme\n",
        link="who",
        check=check_who,
    ),
    Rule(
        code="BL103",
        name="non-paying-customer",
        summary="The item's customer does not pay (free, trial or internal plan, mrr 0, paying: false).",
        why=(
            "The line runs to people who pay. Helping a free or internal account may be generous or "
            "strategic, but it does not by itself keep the lights on; say which paying person it helps, "
            "or waive the rule with the reason."
        ),
        fix="Name the paying customer this helps too, or waive BL103 with the reason (e.g. a trial about to convert).",
        question="{customer} does not pay us: which paying customer has this problem too?",
        bad=_REGISTRY + "items:\n  - id: A-1\n    title: Bulk import\n    customer: globex\n",
        good=_REGISTRY + "items:\n  - id: A-1\n    title: Bulk import\n    customer: [globex, acme]\n",
        link="who",
        severity="error",
        check=check_who,
    ),
    Rule(
        code="BL104",
        name="unregistered-customer",
        summary="The customer is free text that matches no registry entry, so nothing says they pay.",
        why=(
            "A named person is far better than nobody, but a registry entry with a paying plan is what "
            "ties the item to money. Free text earns most of the who link, not all of it."
        ),
        fix="Add the customer to the `customers:` registry with their plan, and refer to it by key.",
        question="Which paying customer, by name, is ‘{quote}’?",
        bad="- id: A-1\n  title: Payroll export\n  customer: the accountants at Brightwater Dental\n",
        good=(
            "customers:\n  brightwater: {name: Brightwater Dental, plan: team, mrr: 90}\n"
            "items:\n  - id: A-1\n    title: Payroll export\n    customer: brightwater\n"
        ),
        link="who",
        severity="info",
        check=check_who,
    ),
    Rule(
        code="BL106",
        name="vague-customer",
        summary="The customer names nobody in particular (\"users\", \"everyone\", \"the business\", a kind such as \"clinics\").",
        why=(
            "\"Users\" pay nobody's bills. The line needs a person or account whose problem we can "
            "check and whose situation we can see change: a named customer, ideally one in the registry "
            "with a paying plan. Internal roles (\"management\", \"the sales team\") are intermediaries, "
            "not customers."
        ),
        fix="Name the paying person or account: \"finance admins at Acme (Business plan)\", or a registry key.",
        question="Which paying customer, by name, does ‘{quote}’ stand for?",
        bad="- id: A-1\n  title: Dark mode\n  customer: all our users\n",
        good="- id: A-1\n  title: Dark mode\n  customer: night-shift dispatchers at Acme Logistics\n",
        link="who",
        severity="error",
        check=check_who,
    ),
    Rule(
        code="BL105",
        name="customer-payment-unknown",
        summary="The customer's registry entry says nothing about whether they pay.",
        why="The registry is where the line meets money; an entry without `paying`, `plan` or `mrr` leaves that open.",
        fix="Give the registry entry a `plan:`, an `mrr:` or `paying: true`.",
        question="Does ‘{quote}’ pay us? The registry does not say.",
        bad="customers:\n  acme: {name: Acme Logistics}\nitems:\n  - id: A-1\n    title: SSO\n    customer: acme\n",
        good="customers:\n  acme: {name: Acme Logistics, plan: enterprise}\nitems:\n  - id: A-1\n    title: SSO\n    customer: acme\n",
        link="who",
        severity="info",
        check=check_who,
    ),
    Rule(
        code="BL107",
        name="customer-named-long-ago",
        summary="The customer is read from the text, and every sentence naming them dates itself long ago (\"asked in 2019\").",
        why=(
            "A request from years ago says the customer had the problem then. Problems get solved, "
            "workarounds settle in, customers move on: read from the text alone, a customer named only "
            "in old words is not yet a paying person with a problem now."
        ),
        fix="Add `customer:` and recent `evidence:` (a ticket, a call this quarter), or confirm with the customer that it still matters.",
        question="Does {who} still have this problem? When did we last hear it from them?",
        bad=_REGISTRY + "items:\n  - id: A-1\n    title: Print queue in the desktop client\n"
        "    description: Acme asked for this on a call in 2019.\n",
        good=_REGISTRY + "items:\n  - id: A-1\n    title: Print queue in the desktop client\n"
        "    description: Acme asked for this on a call in 2019. Dana at Acme raised it again this month.\n",
        link="who",
        check=check_old_mention,
    ),
)
