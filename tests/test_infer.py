"""Inference from raw text: user stories, reported defects, named customers, tickets, chores."""

from __future__ import annotations

import pytest

from tests.conftest import REGISTRY, run_audit


def row_of(text: str, item_id: str = "A"):
    row = run_audit(text).find(item_id)
    assert row is not None
    return row


def link(row, name):
    return next(lk for lk in row.links if lk.name == name)


def _assert_story(title, role, goal, benefit):
    """The story `title` reads as who (`role`), problem (`goal`) and next (`benefit`, or none);
    returns its who link."""
    row = row_of(f"- id: A\n  title: \"{title}\"\n")
    who, problem, nxt = link(row, "who"), link(row, "problem"), link(row, "next")
    assert who.inferred and role in who.quote
    assert problem.inferred and goal in problem.quote
    if benefit:
        assert nxt.inferred and benefit in nxt.quote
    else:
        assert nxt.missing
    assert row.traced
    return who


@pytest.mark.parametrize(
    ("title", "role", "goal", "benefit"),
    [
        ("As a clinic receptionist, I want to see double bookings so that no patient is turned away",
         "clinic receptionist", "see double bookings", "no patient is turned away"),
        ("As an office manager I need to export the week's rota, so I can post it on the wall",
         "office manager", "export the week's rota", "I can post it on the wall"),
        ("In order to close the month faster, as a finance admin, I want bulk approval",
         "finance admin", "bulk approval", "close the month faster"),
        ("As a dispatcher I would like to reassign jobs by dragging them",
         "dispatcher", "reassign jobs by dragging them", None),
    ],
)
def test_user_stories_fill_who_problem_and_next(title, role, goal, benefit):
    _assert_story(title, role, goal, benefit)


def test_story_with_a_vague_role_is_superfluous():
    row = row_of("- id: A\n  title: As a user I want dark mode so that it looks nicer\n")
    assert "BL106" in {f.code for f in row.findings}
    assert row.verdict.value == "superfluous"


def test_inferred_links_earn_less_than_fields():
    story = row_of("- id: A\n  title: As a clinic receptionist, I want to see double bookings so that nobody waits\n")
    fields = row_of("- id: A\n  title: t\n  customer: clinic receptionist\n  problem: see double bookings\n  next: nobody waits\n")
    assert link(story, "problem").points < link(fields, "problem").points
    assert link(story, "next").points < link(fields, "next").points
    assert story.score < fields.score


@pytest.mark.parametrize(
    "title",
    ["Crash when uploading a PDF over 10MB", "Calendar sync broken since the 4.2 update",
     "Customers can't reset their password on Safari", "Invoice totals wrong after the upgrade",
     "Export times out for large accounts"],
)
def test_reported_defects_are_a_problem_with_evidence(title):
    row = row_of(f"- id: A\n  title: {title}\n")
    assert link(row, "problem").inferred and link(row, "evidence").inferred
    assert row.traced
    assert row.verdict.value != "superfluous"


def test_chore_with_failure_words_is_not_a_defect():
    row = row_of("- id: A\n  title: Fix flaky CI test failing on main\n")
    assert link(row, "problem").missing
    assert row.verdict.value == "superfluous"


def test_named_registry_customer_in_the_text():
    row = row_of(REGISTRY + "items:\n  - id: A\n    title: Acme asked for SSO via Okta\n    description: Their IT team must offboard staff in one place.\n")
    who = link(row, "who")
    assert who.inferred and who.quote == "Acme"
    assert "Acme Logistics pays us" in who.reason
    assert link(row, "evidence").inferred  # "asked for" is a request
    assert row.traced and row.verdict.value != "superfluous"


def test_support_ticket_reference_is_evidence():
    row = row_of(REGISTRY + "items:\n  - id: A\n    title: \"ZD-4411: Acme needs CSV export of routes\"\n")
    assert link(row, "evidence").inferred and "ZD-4411" in link(row, "evidence").quote


def test_requested_by_a_company_outside_the_registry():
    row = row_of("- id: A\n  title: Bulk SMS reminders\n  description: Requested by Brightwater Dental via support ticket.\n")
    assert link(row, "who").quote and "Brightwater Dental" in link(row, "who").quote
    assert row.traced


def test_an_asking_word_after_an_article_asks_nothing():
    """"the requested record" is a record; "Finance teams requested" is someone asking."""
    fetch = row_of("- id: A\n  title: Immediate fetch of the requested record upon subscribe\n")
    assert link(fetch, "who").signal != "requests"
    asked = row_of("- id: A\n  title: Bulk SMS reminders\n  description: Dental clinics requested a way to remind patients.\n")
    assert link(asked, "who").signal == "requests"


def test_a_change_that_says_who_asked_for_it_passes_the_request_on_as_a_hint():
    asked = "  title: Bulk SMS reminders\n  description: Requested by the Brightwater Dental team. They need it to remind patients.\n"
    issue = link(row_of("- id: A\n" + asked), "who")
    change = link(row_of("- id: A\n  type: pull request\n" + asked), "who")
    assert issue.signal == change.signal == "requests"
    assert issue.certainty == "likely" and change.certainty == "hinted"


def test_vague_subject_asking_is_vague():
    row = row_of("- id: A\n  title: Dark mode\n  description: Users want a dark mode.\n")
    assert "BL106" in {f.code for f in row.findings}
    assert not row.traced


def test_item_ids_in_the_text_become_serves():
    text = REGISTRY + "items:\n" + (
        "  - id: PAY-1\n    title: Export\n    customer: acme\n    problem: p\n    evidence: [{source: s, date: 2026-11-01}]\n    next: n\n"
        "  - id: A\n    title: Upgrade Postgres to 16\n    description: Needed for PAY-1 (Acme's exports).\n"
    )
    row = row_of(text)
    assert row.via == "PAY-1" and row.traced
    assert "BL604" not in {f.code for f in row.findings}


def test_explicit_fields_win_over_the_text():
    row = row_of(REGISTRY + "items:\n  - id: A\n    title: As a user I want X\n    customer: acme\n")
    assert not link(row, "who").inferred
    assert "BL106" not in {f.code for f in row.findings}


def test_explain_shows_the_words_behind_an_inferred_link(cli, write):
    path = write("- id: A\n  title: As a clinic receptionist, I want to see double bookings so that nobody waits\n")
    out = cli("explain", "A", path).stdout
    assert "likely, story: “As a clinic receptionist" in out  # how sure, by which signal, the words
    assert "wants to see double bookings" in out
    assert "reading alone" in " ".join(out.split())


def test_every_format_carries_how_sure_a_reading_is(cli, write):
    import json

    path = write("- id: A\n  title: All DMs are gone after upgrading to 10.9\n"
                 "  description: I upgraded through apt and all my DMs are lost.\n")
    row = json.loads(cli("audit", "--all", "-f", "json", path).stdout)["items"][0]
    assert row["inferred_only"] is True
    who = next(link for link in row["links"] if link["name"] == "who")
    assert who["inferred"] and who["certainty"] == "likely" and who["signal"]
    sarif = json.loads(cli("audit", "--all", "-f", "sarif", path, "--fail-on", "weak").stdout)
    results = sarif["runs"][0]["results"]
    if results:
        readings = results[0]["properties"]["readings"]
        assert {r["link"] for r in readings} >= {"who"} and all(r["certainty"] for r in readings)
    explained = cli("explain", "A", path).stdout
    assert f"likely, {who['signal']}" in explained


def test_inferred_links_are_marked_in_table_and_json(cli, write):
    import json

    path = write("- id: A\n  title: As a clinic receptionist, I want to see double bookings so that nobody waits\n")
    table = cli("audit", "--all", path).stdout
    assert "~" in table and "read from the title or description" in table
    data = json.loads(cli("audit", "-f", "json", path).stdout)
    assert data["items"][0]["links"][0]["inferred"] is True


def test_no_inference_when_switched_off():
    from breadline.audit import audit
    from breadline.load import load_text

    result = audit(load_text("- id: A\n  title: Crash when saving\n"), infer=False)
    assert result.items[0].links[1].missing


def test_ids_an_item_waits_on_are_not_ids_it_serves():
    text = (
        "- id: PAY-1\n  title: Export\n  description: Blocked by PAY-2; depends on PAY-4.\n  customer: someone specific\n"
        "- id: PAY-2\n  title: Refactor the exporter\n  serves: PAY-1\n"
        "- id: PAY-3\n  title: Upgrade Postgres\n  description: Needed for PAY-1.\n"
        "- id: PAY-4\n  title: Bump the driver\n  description: PAY-1 waits for this.\n"
    )
    result = run_audit(text)
    assert result.find("PAY-1").via is None
    assert "BL602" not in {f.code for row in result.items for f in row.findings}
    assert result.find("PAY-3").via == "PAY-1"


@pytest.mark.parametrize("description", [
    "We'd need to expose the version variable and support several required files.",
    "Why do we want this? So that the sync goes through.",
])
def test_pronouns_and_questions_ask_nothing(description):
    row = row_of(f"- id: A\n  title: SCORM 2004 support\n  description: {description}\n")
    assert not row.traced


def test_a_story_goal_without_to_reads_as_it_is_written(cli, write):
    path = write("- id: A\n  title: As a finance admin I want invoices exported to NetSuite so that I stop retyping totals\n")
    out = " ".join(cli("explain", "A", path).stdout.split())
    assert "wants invoices exported to NetSuite" in out and "wants to invoices" not in out


@pytest.mark.parametrize(
    ("title", "role", "goal", "benefit"),
    [
        ("Como mesero de servicio, quiero registrar pedidos manuales cuando el cliente no tenga dispositivo",
         "mesero de servicio", "registrar pedidos manuales", None),
        ("Como Vendedor ou Gestor Comercial, Quero gerenciar minhas oportunidades em um quadro Kanban, "
         "Para que eu possa ter visibilidade do pipeline", "Vendedor ou Gestor Comercial", "gerenciar minhas oportunidades",
         "eu possa ter visibilidade do pipeline"),
        ("Eu como professora, quero lançar as notas pelo celular", "professora", "lançar as notas", None),
        ("Como recepcionista eu quero ver as reservas duplicadas", "recepcionista", "ver as reservas duplicadas", None),
        ("En tant que gérant de boutique, je veux exporter les factures afin de les envoyer au comptable",
         "gérant de boutique", "exporter les factures", "les envoyer au comptable"),
        ("Als Buchhalterin möchte ich Rechnungen als CSV exportieren, damit ich sie in DATEV importieren kann",
         "Buchhalterin", "Rechnungen als CSV exportieren", "ich sie in DATEV importieren kann"),
        ("En tant que bureau je peux associer une facture à une opération", "bureau", "associer une facture à une opération",
         None),
        ("ETQ instructeur je souhaite un bouton enregistrer flottant", "instructeur", "un bouton enregistrer flottant", None),
        ("作为前台接待，我希望看到重复的预约，以便没有病人被拒之门外", "前台接待", "看到重复的预约", "没有病人被拒之门外"),
    ],
)
def test_user_stories_in_other_languages_fill_who_problem_and_next(title, role, goal, benefit):
    """Story templates are the same in every language; their words are data (story-openers,
    story-wants, story-benefits)."""
    assert _assert_story(title, role, goal, benefit).signal == "story"


@pytest.mark.parametrize(
    "title",
    [
        "Funciona como quiero que funcione",  # es: "as I want", no role
        "¿Cómo puedo exportar facturas? Quiero enviarlas al contador",  # es: "how", a question
        "Como resultado, o relatório fica vazio",  # pt: no want after the role
        "Plus rapide que je veux",  # fr: no opener
        "Je peux associer une facture ?",  # fr: "I can", no opener before it
        "Schneller als gedacht, ich will mehr davon",  # de: "als" is "than", and "ich will" no story's want
        "我希望修复这个错误",  # zh: a want with no role
    ],
)
def test_words_of_other_languages_that_are_no_story_read_no_role(title):
    row = row_of(f"- id: A\n  title: \"{title}\"\n")
    who = link(row, "who")
    assert who.missing or who.signal != "story"


def test_a_story_in_another_language_reads_through_the_configured_lists(tmp_path):
    """Words are data: a language the shipped lists lack is added through configuration."""
    from breadline.words import WordLists, builtin

    from breadline import infer

    extended = WordLists(lambda name: builtin(name) + (("kama",) if name == "story-openers" else ())
                         + (("nataka",) if name == "story-wants" else ()))
    pattern = infer._foreign_story(extended("story-openers"), extended("story-wants"), extended("story-benefits"))
    found = pattern.search("Kama mhasibu, nataka kuhamisha ankara")
    assert found and found.group("role") == "mhasibu" and found.group("goal") == "kuhamisha ankara"
    assert infer._foreign_story(builtin("story-openers"), builtin("story-wants"),
                                builtin("story-benefits")).search("Kama mhasibu, nataka kuhamisha ankara") is None


UPGRADE_REPORT = """\
items:
  - id: A
    title: Difficult upgrade to 1.2.15
    description: The upgrade from 1.2.14 stopped halfway and the poller sits idle since.
"""
OWN_SHAPE = "words:\n  report-shape: {replace: ['bias -2', 'title difficult 5']}\n"
"""Weights of one's own (so a refit of the shipped ones cannot move the test): the item's shape
reads 0.95, a report with near certainty (`shape.LIKELY_AT`)."""


def _audited(cli, path, config):
    import json

    (item,) = json.loads(cli("audit", "--all", "-f", "json", "--config", config, path).stdout)["items"]
    return item


def test_a_chore_word_in_what_reads_as_a_report_is_its_setting(cli, write, tmp_path):
    """The issue: "an upgrade, a migration or a version number that is the setting of a user's
    failure is not a chore". Where the report's shape holds the item someone's report, the
    "upgrade" of its title does not make it an orphan chore (BL604); without the shape it does."""
    path = write(UPGRADE_REPORT)
    config = tmp_path / "shape.yaml"
    config.write_text(OWN_SHAPE, encoding="utf-8")
    item = _audited(cli, path, config)
    assert "BL604" not in {f["code"] for f in item["findings"]}
    who = next(link for link in item["links"] if link["name"] == "who")
    assert who["signal"] == "report-shape" and who["certainty"] == "likely"
    assert item["verdict"] != "superfluous"
    config.write_text("words:\n  report-shape: {replace: []}\n", encoding="utf-8")
    off = _audited(cli, path, config)
    assert "BL604" in {f["code"] for f in off["findings"]} and off["verdict"] == "superfluous"


def test_a_chore_type_from_the_tracker_stands_whatever_the_shape(cli, write, tmp_path):
    path = write(UPGRADE_REPORT + "    type: maintenance\n")
    config = tmp_path / "shape.yaml"
    config.write_text(OWN_SHAPE, encoding="utf-8")
    item = _audited(cli, path, config)
    assert "BL604" in {f["code"] for f in item["findings"]} and item["verdict"] == "superfluous"


def test_a_bug_label_on_a_bump_is_still_a_chore(cli, write, tmp_path):
    path = write("items:\n  - id: A\n    title: Bump eslint from 8.1 to 8.2\n    labels: [bug]\n")
    config = tmp_path / "none.yaml"
    config.write_text("{}\n", encoding="utf-8")
    item = _audited(cli, path, config)
    assert "BL604" in {f["code"] for f in item["findings"]} and item["verdict"] == "superfluous"


@pytest.mark.parametrize("subject", ["Nobody", "No one", "None of our customers"])
def test_the_words_for_no_one_name_no_requester(cli, write, subject):
    path = write(f"- id: A\n  title: Record video interviews\n  description: {subject} has asked for it yet.\n")
    out = " ".join(cli("explain", "A", path).stdout.split())
    assert f"“{subject}”" not in out and "requests:" not in out


GREETED = ("Olá amigos. Sede já quero parabenizar por esta biblioteca. Usamos ela há anos. Recentemente "
           "atualizamos o servidor para o PHP 7.4. Vimos que após isso essa biblioteca parou de funcionar.")


@pytest.mark.parametrize(("description", "read"), [
    (GREETED, True),  # the greeting is not one of the four sentences the lead reads
    ("Hi there! " + GREETED, True),  # two greetings, both uncounted
    # a long first sentence is no greeting, though it opens with "Hello": the failure is fifth
    ("Hello everyone, I have been using this library in our shop for years. Sede já quero parabenizar. "
     "Usamos ela há anos. Recentemente atualizamos o servidor. Vimos que após isso essa biblioteca parou de "
     "funcionar.", False),
    # "Hier" (here) opens with the letters of "hi", not the greeting
    ("Hier. Sede já quero parabenizar. Usamos ela há anos. Recentemente atualizamos o servidor. Vimos que "
     "após isso essa biblioteca parou de funcionar.", False),
])
def test_a_greeting_does_not_take_a_sentence_of_the_lead(description, read):
    row = row_of(f"- id: A\n  title: PHP 7.4\n  type: issue\n  description: \"{description}\"\n")
    problem = link(row, "problem")
    assert (bool(problem.inferred) and "parou de funcionar" in (problem.quote or "")) is read, (problem.quote, row.score)


def test_an_issue_template_does_not_take_the_sentences_of_the_lead(tmp_path):
    """The template's own sentences are taken out before the lead's three are counted: the
    writer's first sentence comes after three of the template's."""
    from breadline.infer import Reader
    from breadline.registry import Registry
    from breadline.sources import load_backlog
    from breadline.words import builtin

    description = ("**Describe the bug** A clear and concise description of what the bug is. "
                   "Ex. I'm always frustrated when [...] Steps to reproduce. The invoice total is wrong after a discount.")
    path = tmp_path / "backlog.yaml"
    path.write_text(f"items:\n- id: A\n  title: Invoices\n  description: \"{description}\"\n", encoding="utf-8")
    backlog = load_backlog(str(path))
    lead = Reader(backlog, builtin, Registry.of(backlog)).words_of(backlog.items[0]).lead.lower()
    assert "invoice total is wrong" in lead and "clear and concise" not in lead


@pytest.mark.parametrize("description", [
    # numbered steps are one sentence, not one a number: the failure after them is in the lead
    "Steps: 1. Export to Android Studio 2. Build the APK 3. Open the APK. Android Studio doesn't show the build option.",
    # Google Code's template, as imported projects carry it, is taken out before sentences are counted
    "What steps will reproduce the problem? 1. Open a map. What is the expected output? What do you see "
    "instead? I want to open my map and the import fails.",
    # GitHub's feature request template is taken out too: the writer's failure after it is read
    "Is your feature request related to a problem? Please describe. Describe the solution you'd like. "
    "I want to open my map and the import fails.",
])
def test_numbered_steps_and_old_templates_do_not_take_the_sentences_of_the_lead(description):
    row = row_of(f"- id: A\n  title: Opening a map\n  type: issue\n  description: \"{description}\"\n")
    problem = link(row, "problem")
    assert problem.inferred and row.verdict.value != "superfluous", (problem.quote, row.score)


def test_a_sentence_ends_at_a_full_stop_not_at_a_step_number():
    from breadline.text import sentences

    assert sentences("1. Open the page 2. Click Save. It fails. Again.", 2) == ["1. Open the page 2. Click Save.", "It fails."]


def test_a_greeting_of_ones_own_language_is_added_through_configuration(cli, write, tmp_path):
    """Words are data: a greeting the shipped list lacks ("Jambo rafiki.") takes a sentence of the
    lead until the configuration adds it to `greetings`."""
    import json

    path = write('items:\n- id: A\n  title: PHP 7.4\n  type: issue\n  description: "Jambo rafiki. Sede já quero '
                 'parabenizar. Usamos ela há anos. Recentemente atualizamos o servidor. Vimos que após isso a biblioteca '
                 'parou de funcionar."\n')
    config = tmp_path / "greetings.yaml"
    config.write_text("words:\n  greetings: {extend: [jambo]}\n", encoding="utf-8")
    plain = json.loads(cli("audit", "-f", "json", path).stdout)["items"][0]
    greeted = json.loads(cli("audit", "-f", "json", "--config", config, path).stdout)["items"][0]
    assert plain["verdict"] == "superfluous" and greeted["verdict"] != "superfluous", (plain["score"], greeted["score"])
