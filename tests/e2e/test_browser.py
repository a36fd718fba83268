"""The app in a real headless browser (Playwright driving Debian's chromium), started as the
README does: the flagship issue by its URL with every holder of both camps, Art. 52(1) third
sentence on the provisions page, a query run and its CSV downloaded, deep links in a fresh tab,
"not found", and a planted `<script>`/`<img onerror>` shown as text. Screenshots go to
docs/screenshots/ (argument map, workbench) and the test's tmp folder (the others)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from kg.access import explore, show
from tests.e2e.harness import ROOT, app_server, browser, wait_for_holders
from tests.factories import FLAGSHIP, IMG, SCRIPT

pytestmark = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="scripts/test installs chromium")
SHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`bash scripts/run` (set up, build into a fresh store, serve on a free port)."""
    folder = tmp_path_factory.mktemp("readme-run")
    with app_server(folder / "store", folder / "run.log", readme=True) as url:
        yield url, folder / "store", folder / "run.log"


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture
def page(chromium):
    context = chromium.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(90_000)
    yield pg
    context.close()


def summaries(pg, selector: str = "[data-testid=stExpander] summary, details.holder summary") -> list[str]:
    """Expander labels as shown (without the name of the arrow icon before them), and the
    holders' <details> labels (one st.html block per position)."""
    return [s.strip().split("\n")[-1].strip() for s in pg.locator(selector).all_inner_texts()]


def test_run_prints_the_url_it_serves(served):
    url, _, log = served
    assert f"The app: {url}" in log.read_text()


def test_flagship_issue_by_its_url_shows_every_holder_of_both_camps(served, page):
    url, store, _ = served
    page.goto(url + f"?issue={FLAGSHIP}")
    page.get_by_role(
        "heading", name="Automatic classification under Art. 51(1)(a) vs Commission designation"
    ).wait_for()
    page.get_by_text(
        "PNG and SVG drawn with matplotlib", exact=False
    ).wait_for()  # the last element: the page has run to the end
    (issue,) = show.views(FLAGSHIP, store)["issues"]
    wait_for_holders(page, issue)  # reading them at the last element found some missing
    seen = summaries(page)
    for p in issue["positions"]:
        page.get_by_role("heading", name=p["label"]).wait_for()
        for h in p["holders"]:
            label = f"fn {h['footnote']} · {' and '.join(h['authors'])}, ‘{h['work']}’"
            assert any(s.startswith(label) for s in seen), label
    body = page.locator("body").inner_text()
    assert "“is compelling”" in body and "not entirely convincing" in body
    for n in range(17, 22):
        assert f"para {n}" in body
    page.locator("summary", has_text="fn 69 · Tobias Haar and Jonas Siglmüller").first.click()
    opened = page.locator("details[open]", has_text="fn 69 · Tobias Haar and Jonas Siglmüller").first
    opened.get_by_text("The citation's exact words").wait_for()  # the source words, on expand
    assert "Haar and Siglmüller, ‘Art. 51’ (n 9) paras 26–31" in opened.inner_text()
    assert opened.get_by_role("link", name="(in the reader)").get_attribute("href") == "/reader?footnote=69"
    frame = page.frame_locator("iframe[title*=cytoscape]")
    frame.locator("canvas").first.wait_for()
    page.locator("iframe[title*=cytoscape]").scroll_into_view_if_needed()
    page.wait_for_timeout(1500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "argument-map.png")
    opened.get_by_role("link", name="(in the reader)").click()  # the holder's footnote, in the reader
    page.locator("details[open]", has_text="fn 69").first.wait_for()
    assert "footnote=69" in page.url


def test_the_map_reporting_its_selection_reruns_only_the_map(served, page):
    """st-cytoscape sends its selection when first drawn; that used to rerun the whole issue page
    (drawn twice per visit, the second time half a second later), where it should rerun the map."""
    from streamlit.proto.BackMsg_pb2 import BackMsg

    reruns = []

    def sent(frame) -> None:
        msg = BackMsg()
        msg.ParseFromString(frame if isinstance(frame, bytes) else frame.encode())
        if msg.WhichOneof("type") == "rerun_script":
            reruns.append(msg.rerun_script)

    page.on("websocket", lambda ws: ws.on("framesent", sent))
    url, _, _ = served
    page.goto(url + f"?issue={FLAGSHIP}")
    page.frame_locator("iframe[title*=cytoscape]").locator("canvas").first.wait_for()
    for _ in range(300):  # the map's report, however slow the machine (30 s at most)
        if len(reruns) > 1:
            break
        page.wait_for_timeout(100)
    assert len(reruns) > 1, "the map reported no selection: the check saw nothing"
    page.wait_for_timeout(1000)  # a whole-page rerun, if the report caused one, follows at once
    whole = [r for r in reruns if not r.fragment_id]
    assert len(whole) == 1, [r.widget_states for r in whole]  # the page's own run when opened


def test_provisions_page_opens_art_52_1_third_sentence(served, page):
    url, _, _ = served
    page.goto(url + "provisions")
    page.get_by_role("heading", name="Art. 51 AI Act").wait_for()
    _choose(page, "Provision", "Art. 52 AI Act")
    page.get_by_role("heading", name="Art. 52 AI Act").wait_for()
    _choose(page, "Part", "Art. 52(1) AI Act, third sentence")
    page.get_by_role("heading", name="Art. 52(1) AI Act, third sentence").wait_for()
    assert re.search(r"provision=art_52__para_1__sent_3", page.url)
    # the sentence shows in the provision text and in the list of its parts: either will do
    page.get_by_text("If the Commission becomes aware of a general-purpose AI model").first.wait_for()
    # while Streamlit reruns, the previous provision's section may still be on the page: wait until
    # it has been replaced and one remains
    expect(page.get_by_text("Where the commentary discusses it")).to_have_count(1, timeout=90_000)


def test_workbench_runs_a_query_and_downloads_the_csv(served, page, tmp_path):
    url, store, _ = served
    page.goto(url + "workbench")  # no query in the link: the chapter's issues, one row each
    page.get_by_text("Which interpretive issues does this chapter").wait_for()
    shown = page.get_by_text(re.compile(r"^[\d,]+ rows in [\d.]+ s$"))
    # a click that lands while the page's first run is still replacing its widgets is dropped by
    # Streamlit (seen once in CI on a loaded machine): click again until the answer shows
    for attempt in range(3):
        page.get_by_role("button", name="Run query").click()
        try:
            shown.wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            if attempt == 2:
                raise
    rows = int(shown.inner_text().split()[0].replace(",", ""))
    with page.expect_download() as dl:
        page.get_by_role("button", name="Download CSV").click()
    path = tmp_path / "query.csv"
    dl.value.save_as(path)
    table = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    expected = explore.run(explore.named_query("chapter-issues").sparql, store).table
    assert len(table) == rows == len(expected) == len(set(expected["issue"]))
    assert list(table[0]) == list(expected.columns)
    assert {r["label"] for r in table} == set(expected["label"])
    page.set_viewport_size({"width": 1400, "height": 1300})
    page.get_by_role("heading", name="SPARQL workbench").scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    page.screenshot(path=SHOTS / "workbench.png")


def test_deep_links_open_the_same_view_in_a_fresh_tab(served, chromium, tmp_path):
    url, _, _ = served
    links = {
        "scholars?scholar=haar-tobias": "Tobias Haar",
        "reader?footnote=69": "2.1.1.1. Commission designation in the context of Article 51(1)(a)",
        f"?issue={FLAGSHIP}&position=a51-1a-designation-decision-required": "linked position",
        "workbench?query=positions&run=1": "Every position on every issue",
    }
    for link, heading in links.items():
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(90_000)
        pg.goto(url + link)
        pg.get_by_text(heading).first.wait_for()
        if link.startswith("scholars"):
            pg.get_by_text("Agreement matrix").wait_for()
            pg.locator("[data-testid=stVegaLiteChart] canvas, [data-testid=stVegaLiteChart] svg").first.wait_for()
        if link.startswith("workbench"):
            pg.get_by_text(re.compile(r"^[\d,]+ rows in [\d.]+ s$")).wait_for()
        if link.startswith("reader"):  # one footnote opened, once the page has settled
            expect(pg.locator("[data-testid=stExpander] details[open] summary")).to_have_text(
                [re.compile(r"fn 69\s*$")]
            )
        pg.screenshot(path=tmp_path / (re.sub(r"\W+", "-", link) + ".png"))
        context.close()


def test_unknown_issue_in_the_url_says_not_found_with_a_way_back(served, page):
    url, _, _ = served
    page.goto(url + "?issue=no-such-issue")
    page.get_by_text("Not found: there is no issue").wait_for()
    page.get_by_role("button", name="Back to the list of issues").click()
    page.get_by_text("All issues, most contested first").wait_for()
    assert "issue=" not in page.url


def test_planted_script_and_img_are_shown_as_text(planted, chromium, tmp_path):  # noqa: F811
    issue = next(
        i["id"]
        for i in explore.views(planted.store)["issues"]
        for p in i["positions"]
        for h in p["holders"]
        if IMG in h["work"]
    )
    with app_server(planted.store, tmp_path / "planted.log") as url:
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        pg = context.new_page()
        pg.set_default_timeout(90_000)
        for link in (f"?issue={issue}", "reader?footnote=69"):
            pg.goto(url + link)
            if "reader" in link:  # footnote 69 opened by the link: its text, markup and all, as characters
                opened = pg.locator("details[open]", has_text="fn 69")
                opened.get_by_text("Generative <img src=x", exact=False).first.wait_for()
                opened.get_by_text(SCRIPT, exact=False).first.wait_for()
            else:  # the holder's label, and the map drawing the same title on its canvas
                pg.locator("summary", has_text="Generative <img src=x").first.wait_for()
                pg.frame_locator("iframe[title*=cytoscape]").locator("canvas").first.wait_for()
            pg.wait_for_timeout(1000)
            for frame in pg.frames:
                assert frame.evaluate("() => window.__xss === undefined")
                assert frame.locator("img[src=x], img[onerror]").count() == 0
                assert frame.locator("script", has_text="window.__xss").count() == 0
        pg.screenshot(path=tmp_path / "planted.png")
        context.close()


def _choose(page, label: str, option: str) -> None:
    box = page.locator("[data-testid=stSelectbox]", has=page.get_by_text(label, exact=True))
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
