"""`storyline ingest`, `stories` and `show`: grow a persistent corpus and follow its stories."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from storyline.cli.common import ConfigOption, digest_progress, report_skipped, write_output
from storyline.render.controls import one_line
from storyline.settings import Settings, load_settings
from storyline.text.plural import counted

if TYPE_CHECKING:
    from storyline.store import Store
    from storyline.store.news import News
    from storyline.store.report import StoryReport

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="The SQLite store; default storyline.db in the working directory."),
]


def open_store(db: Path | None, config: Path | None, create: bool) -> Store:
    """The store at --db (or the settings' path), with the settings it was asked to use."""
    from storyline.store import Store  # sqlite and the stages load on use: `--help` stays fast

    settings: Settings = load_settings(config)
    return Store(db or Path(settings.store.path), settings, create=create)


def ingest_command(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, directories, globs, - for stdin, or page URLs (as `digest`)."),
    ],
    db: DbOption = None,
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per transaction: a crash loses at most one batch.")
    ] = 500,
    config: ConfigOption = None,
) -> None:
    """Add articles to the store; each joins its story or starts one, then touched stories are re-summarised."""
    from storyline.cli.fetch import read_articles
    from storyline.parallel import Engine

    with open_store(db, config, create=True) as store:
        engine = Engine.configured(store.settings.pipeline)  # the batch commands' workers or Spark
        result = read_articles(sources, store.settings)
        report_skipped(result.skipped)
        warn_outdated_rules(store)
        label = " ".join(sources)
        added, skipped = 0, len(result.skipped)  # unreadable sources, then stored duplicates
        touched: set[str] = set()
        merged: set[str] = set()
        for start in range(0, len(result.articles), batch_size):
            report = store.ingest(result.articles[start : start + batch_size], label, engine)
            report_skipped(report.skipped)
            added += len(report.added)
            skipped += len(report.skipped)
            touched.difference_update(report.merged)
            touched.update(report.stories)
            merged.update(report.merged)
        refreshed = store.refresh(engine)
        report_skipped(refreshed.failed)
        print(
            f"{added} added, {skipped} skipped; {counted(len(touched), 'story', 'stories')} touched, "
            f"{len(refreshed.refreshed)} re-summarised, {len(merged)} merged into others; store {store.path}"
        )
    if not result.articles:
        print("storyline: error: nothing could be read", file=sys.stderr)
        raise typer.Exit(1)


def warn_outdated_rules(store: Store) -> None:
    """Say on stderr when stored placements follow other settings than new articles will."""
    if store.rules_outdated():
        print(
            f"storyline: note: the stories in {store.path} were formed under other clustering "
            "settings or by another storyline version; new articles follow the current ones. "
            "Run `storyline recluster` to place every article again.",
            file=sys.stderr,
        )


def recluster_command(db: DbOption = None, config: ConfigOption = None) -> None:
    """Place every stored article again under the current settings, then re-summarise what changed."""
    from storyline.parallel import Engine

    with open_store(db, config, create=False) as store, digest_progress() as progress:
        report = store.recluster(lambda done, total: progress("placing", done, total))
        refreshed = store.refresh(Engine.configured(store.settings.pipeline))
    report_skipped(refreshed.failed)
    print(
        f"{counted(report.articles, 'article')} placed again: {report.new_story} changed story, "
        f"{report.new_event} changed event; "
        f"{counted(report.stories_before, 'story', 'stories')} before, "
        f"{report.stories_after} after; {len(refreshed.refreshed)} re-summarised; "
        f"store {store.path}"
    )


def stories_command(
    since: Annotated[
        str | None, typer.Option(help="Only stories updated on or after this date (YYYY-MM-DD).")
    ] = None,
    query: Annotated[
        str | None, typer.Option(help="Only stories whose title or summary match.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many stories.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """List stories, latest update first, with how many articles are new since you last looked."""
    from storyline.store import queries

    with open_store(db, config, create=False) as store:
        rows = queries.list_stories(
            store.conn, since=queries.parse_since(since), query=query, limit=limit
        )
        fresh = {row.id: queries.unseen_articles(store.conn, row.id) for row in rows}
    if as_json:
        lines = [json.dumps({**queries.row_dict(r), "new_articles": fresh[r.id]}) for r in rows]
        write_output("".join(line + "\n" for line in lines), None)
        return
    if not rows:
        print("no stories match" if (since or query) else "the store has no stories yet")
        return
    print(f"{'story':<18} {'updated':<20} {'art':>4} {'orig':>4} {'new':>4}  title")
    for row in rows:
        print(
            f"{row.id:<18} {row.updated_at[:19]:<20} {row.articles:>4} {row.origins:>4} "
            f"{fresh[row.id]:>4}  {one_line(row.title)}"
        )


def show_command(
    story: Annotated[str, typer.Argument(help="A story id, or a unique prefix of it.")],
    as_json: Annotated[bool, typer.Option("--json", help="The story as JSON.")] = False,
    keep_unseen: Annotated[
        bool, typer.Option(help="Do not mark the story as seen: the news stays new.")
    ] = False,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Print one story: what is new since you last looked, its summary, differences and sources."""
    from storyline.store.report import story_report

    with open_store(db, config, create=False) as store:
        report = story_report(store, story)
        if as_json:
            write_output(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n", None)
        else:
            write_output(story_text(report), None)
        if not keep_unseen:
            store.mark_seen(report.id)


def story_text(report: StoryReport) -> str:
    """Plain text: what is new first (the reason to come back), then the story's blocks."""
    row = report.row
    out = [
        row.title,
        (
            f"{row.id} | {counted(row.articles, 'article')}, {counted(row.origins, 'origin')}, "
            f"{counted(row.outlets, 'outlet')} | updated {row.updated_at}"
        ),
    ]
    if row.stale:
        out.append("(new articles arrived: the summary below is being recomputed)")
    out += ["", *news_lines(report.news)]
    view = report.view or {"blocks": [], "sources": []}
    for block in view["blocks"]:
        if block["lines"] or block["note"]:
            out += ["", block["title"]] + ([f"  {block['note']}"] if block["note"] else [])
            out += [f"  - {_line(line)}" for line in block["lines"]]
    if view["sources"]:
        out += ["", "Cited sentences"]
        out += [
            f"  [{s['number']}] {s['outlet']} #{s['sentence']}: {s['text']}"
            for s in view["sources"]
        ]
    return "\n".join(out) + "\n"


def news_lines(news: News) -> list[str]:
    """The "what is new since you last looked" block."""
    if news.looked_at is None:
        return ["First look at this story: everything below is new."]
    if news.empty:
        return [f"Nothing new since you last looked ({news.looked_at})."]
    out = [f"New since you last looked ({news.looked_at}):"]
    out += [f'  + article: {a.outlet} "{a.title}" [{a.id}]' for a in news.articles]
    out += [f"  + claim: {claim}" for claim in news.claims]
    out += [
        f"  ~ figure ({f.counts}): {', '.join(f.before) or 'none'} -> {', '.join(f.after)}"
        for f in news.figures
    ]
    return out


def _line(line: dict[str, Any]) -> str:
    """A block's line as the digest prints it: text, citation numbers, then its note ("2
    origins", "figure conflict", "quote altered"), without which a Differs line reads alike
    whatever it found."""
    refs = "".join(f"[{n}]" for n in line["refs"])
    note = f" ({line['note']})" if line["note"] else ""
    return f"{line['text']} {refs}".rstrip() + note


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("stories")(stories_command)
    app.command("show")(show_command)
    app.command("recluster")(recluster_command)
