"""Views of who acts and who speaks in the article (``helpers.analysis.actors`` and ``quotes``).

* :func:`actor_table` — one row per actor: type, mentions, how it is named
* :func:`resolution_table` — every indirect name ("Moscow" for Russia's government) and what it stands for
* :func:`places_table` — place names used literally, kept as places
* :func:`mention_table` / :func:`mention_heatmap` — mentions per actor and paragraph (a heat map)
* :func:`voices_table` / :func:`voices_chart` — whose views the article reports, and who is only talked about
* :func:`tie_table` / :func:`relation_network` — cooperation and conflict between actors (a seeded network)
* :func:`actor_key_note` — the machine's actors against the pack's answer key
* :func:`actor_changes` — what a student's corrections changed in the actor table
"""

from __future__ import annotations

from typing import Any

from helpers.analysis.actors import score_actors
from helpers.analysis.outline import sentence_text
from helpers.model.packs import MISSING_KEY
from helpers.present.display import CHART_WIDTH, chart_values, make_table
from helpers.present.words import printed_words

#: How a form that is not the actor's own name was resolved, in the order the table lists them.
RESOLVED_HOWS = ("metonymy", "demonym", "role", "alias", "override")
_STANDS_FOR = {"metonymy": "its government (a city or seat for the state)", "demonym": "the state or its people",
               "role": "the person holding the role", "alias": "a shorter or other name",
               "override": "a correction from an overrides file"}
#: The actor types that take part in ties of cooperation and conflict.
TIE_TYPES = ("state", "person", "group", "organization")


def _where_label(paragraph: int) -> str:
    return "caption" if paragraph == 0 else f"p{paragraph}"


# -- the actors and how they are named ------------------------------------------------------------

def actor_table(analysis):
    """One row per actor: type, mentions, and how it was named (name, metonymy, demonym, role …)."""
    rows = []
    for a in analysis.actors:
        hows: dict[str, int] = {}
        for m in a.mentions:
            hows[m.how] = hows.get(m.how, 0) + 1
        rows.append({"actor": a.name, "type": a.type, "mentions": len(a.mentions),
                     "named as": ", ".join(f"{k} {v}" for k, v in sorted(hows.items(), key=lambda kv: (-kv[1], kv[0]))),
                     "forms": ", ".join(dict.fromkeys(m.text for m in a.mentions)),
                     "first": a.mentions[0].sentence_id if a.mentions else ""})
    table = make_table(rows, ["actor", "type", "mentions", "named as", "forms", "first"])
    return table.sort_values(["mentions", "actor"], ascending=[False, True], kind="stable").reset_index(drop=True)


def resolution_table(analysis):
    """Every form that stands for an actor without being its name ("Moscow" -> Russia, government).

    One row per (form, actor): how it was resolved, what it stands for, and where.
    """
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for a in analysis.actors:
        for m in a.mentions:
            if m.how not in RESOLVED_HOWS:
                continue
            row = rows.setdefault((m.text, a.name), {"as written": m.text, "resolved to": a.name, "type": a.type,
                                                     "how": m.how, "stands for": _STANDS_FOR.get(m.how, m.how),
                                                     "sentences": []})
            if m.sentence_id not in row["sentences"]:
                row["sentences"].append(m.sentence_id)
    out = [{**r, "times": len(r["sentences"]), "sentences": ", ".join(r["sentences"])} for r in rows.values()]
    order = {h: i for i, h in enumerate(RESOLVED_HOWS)}
    out.sort(key=lambda r: (order.get(r["how"], 9), r["resolved to"], r["as written"]))
    return make_table(out, ["as written", "resolved to", "type", "how", "stands for", "times", "sentences"])


def places_table(analysis):
    """Literal uses of place names ("Baku-based", "in Baku"): kept as places, not actors."""
    rows = [{"as written": m.text, "sentence": m.sentence_id, "paragraph": m.paragraph,
             "read as": "a place, not an actor"} for m in analysis.places]
    return make_table(rows, ["as written", "sentence", "paragraph", "read as"])


# -- where they are mentioned ---------------------------------------------------------------------

def mention_table(article, analysis):
    """Mentions per actor and paragraph (long form, zeros included); the caption is 'caption'."""
    wheres = (["caption"] if any(m.paragraph == 0 for a in analysis.actors for m in a.mentions) else []) + \
        [f"p{p.number}" for p in article.paragraphs]
    rows = []
    for a in analysis.actors:
        counts = {w: 0 for w in wheres}
        for m in a.mentions:
            counts[_where_label(m.paragraph)] = counts.get(_where_label(m.paragraph), 0) + 1
        rows += [{"actor": a.name, "type": a.type, "where": w, "mentions": n} for w, n in counts.items()]
    return make_table(rows, ["actor", "type", "where", "mentions"])


def mention_heatmap(article, analysis):
    """Heat map of actor mentions per paragraph (actors by total mentions), with its table."""
    import altair as alt

    long = mention_table(article, analysis)
    wheres = list(dict.fromkeys(long["where"])) if len(long) else []
    totals = long.groupby("actor", sort=False)["mentions"].sum().sort_values(ascending=False, kind="stable") \
        if len(long) else None
    actors = list(totals.index) if totals is not None else []
    if actors:
        top = actors[0]
        busiest = long.groupby("where")["mentions"].sum().idxmax()
        description = (f"Heat map of how often each of the {len(actors)} actors found in “{article.title}” is "
                       f"mentioned in each paragraph; darker cells mean more mentions. {top} is mentioned most "
                       f"({int(totals.iloc[0])} times); {busiest} has the most mentions of all.")
    else:
        description = f"No actors were found in “{article.title}”, so the heat map is empty."
    chart = (alt.Chart(alt.Data(values=chart_values(long)), name="mention_heatmap")
             .mark_rect(stroke="white")
             .encode(x=alt.X("where:O", title="Paragraph", sort=wheres, axis=alt.Axis(labelAngle=0)),
                     y=alt.Y("actor:N", title="Actor", sort=actors),
                     color=alt.Color("mentions:Q", title="Mentions", scale=alt.Scale(scheme="blues")),
                     tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("where:O", title="Paragraph"),
                              alt.Tooltip("mentions:Q", title="Mentions")])
             .properties(title="Who is mentioned where: actor mentions per paragraph", description=description,
                         width=CHART_WIDTH, height=max(120, 22 * len(actors))))
    table = long.pivot_table(index="actor", columns="where", values="mentions", aggfunc="sum", sort=False) \
        .reindex(index=actors, columns=wheres).reset_index() if len(long) else make_table([], ["actor"])
    table.columns.name = None  # no unlabelled header cell in the HTML table
    return chart, table


# -- who speaks ----------------------------------------------------------------------------------

def voices_table(analysis, quotes):
    """Who speaks and who is only spoken about: per actor (and per vague source such as
    "some in Baku"), mentions, speech quotations, quoted words, attributed views, and their
    share of all reported views. An attribution that covers a quotation by the same speaker
    is not counted twice."""
    speech = [q for q in quotes.quotes if q.kind == "speech" and q.speaker]
    rows: dict[str, dict[str, Any]] = {}

    def row(name: str, typ: str, mentions: int = 0) -> dict[str, Any]:
        return rows.setdefault(name, {"voice": name, "type": typ, "mentions": mentions, "quotations": 0,
                                      "quoted words": 0, "attributed views": 0})

    for a in analysis.actors:
        row(a.name, a.type, len(a.mentions))
    for q in speech:
        actor = analysis.actor(q.speaker)
        r = row(actor.name if actor else q.speaker, actor.type if actor else "person")
        r["quotations"] += 1
        r["quoted words"] += printed_words(q.text)
    for at in quotes.attributions:
        actor = None if at.vague else analysis.actor(at.source)
        name = actor.name if actor else at.source
        if any(q.speaker == name and q.start < at.end and at.start < q.end for q in speech):
            continue
        r = row(name, actor.type if actor else ("unnamed" if at.vague else "other"))
        r["attributed views"] += 1
    out = list(rows.values())
    total = sum(r["quotations"] + r["attributed views"] for r in out)
    for r in out:
        views = r["quotations"] + r["attributed views"]
        r["reported views"] = views
        r["share"] = round(views / total, 3) if total else 0.0
        r["role"] = ("quoted" if r["quotations"] else "views reported" if views else "only talked about")
    out.sort(key=lambda r: (-r["reported views"], -r["mentions"], r["voice"]))
    return make_table(out, ["voice", "type", "mentions", "quotations", "quoted words", "attributed views",
                            "reported views", "share", "role"])


def voices_chart(article, analysis, quotes):
    """Bar chart of reported views (quotations and attributed views) per voice, with its table.

    Actors who are only talked about appear with no bar, so the silence is visible.
    """
    import altair as alt

    table = voices_table(analysis, quotes)
    long = []
    for r in table.to_dict("records"):
        for kind in ("quotations", "attributed views"):
            long.append({"voice": r["voice"], "kind": kind, "count": int(r[kind]), "share": float(r["share"]),
                         "role": r["role"]})
    total = int(table["reported views"].sum()) if len(table) else 0
    silent = int((table["role"] == "only talked about").sum()) if len(table) else 0
    if total:
        lead = table.iloc[0]
        description = (f"Bar chart of the {total} reported views in “{article.title}” (speech quotations and "
                       f"attributed views) by who holds them. {lead['voice']} has the most "
                       f"({int(lead['reported views'])}, {lead['share']:.0%}); {silent} of the {len(table)} voices "
                       "listed are only talked about and have no bar.")
    else:
        description = f"“{article.title}” reports no one's words or views, so every bar is empty."
    order = list(table["voice"])
    chart = (alt.Chart(alt.Data(values=long), name="voices")
             .mark_bar()
             .encode(y=alt.Y("voice:N", title="Voice (actor or unnamed source)", sort=order),
                     x=alt.X("count:Q", title="Reported views (quotations + attributed views)", stack="zero",
                             axis=alt.Axis(tickMinStep=1)),
                     color=alt.Color("kind:N", title="How the view is given",
                                     scale=alt.Scale(domain=["quotations", "attributed views"],
                                                     range=["#2166ac", "#92c5de"])),
                     tooltip=[alt.Tooltip("voice:N", title="Voice"), alt.Tooltip("kind:N", title="How"),
                              alt.Tooltip("count:Q", title="Count"), alt.Tooltip("share:Q", title="Share", format=".0%"),
                              alt.Tooltip("role:N", title="Role")])
             .properties(title="Whose views the article reports", description=description,
                         width=CHART_WIDTH - 120, height=max(120, 20 * len(order))))
    return chart, table


# -- ties between actors -------------------------------------------------------------------------

def tie_table(article, analysis, types=TIE_TYPES, kinds=("cooperation", "conflict")):
    """Signed ties between actors of ``types``: one row per relation, with its cue and sentence."""
    keep = {a.name for a in analysis.actors if a.type in types}
    rows = [{"source": r.source, "target": r.target, "kind": r.kind, "cue": r.cue or "",
             "sentence": r.sentence_id, "text": r.sentence if r.sentence else sentence_text(article, r.sentence_id)}
            for r in analysis.relations if r.kind in kinds and r.source in keep and r.target in keep]
    return make_table(rows, ["source", "target", "kind", "cue", "sentence", "text"])


def _tie_pairs(table) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The ties grouped by (actor, actor, kind), the pair in name order: count, cues, sentences."""
    pairs: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in table.to_dict("records"):
        a, b = sorted((r["source"], r["target"]))
        e = pairs.setdefault((a, b, r["kind"]), {"a": a, "b": b, "kind": r["kind"], "ties": 0, "cues": [], "sentences": []})
        e["ties"] += 1
        if r["cue"] and r["cue"] not in e["cues"]:
            e["cues"].append(r["cue"])
        line = f"{r['sentence']}: {r['text']}"
        if line not in e["sentences"]:
            e["sentences"].append(line)
    return pairs


def _layout(graph, seed: int) -> dict[str, tuple[float, float]]:
    import networkx as nx

    if graph.number_of_nodes() == 0:
        return {}
    pos = nx.spring_layout(graph, seed=seed, weight="weight")
    return {str(n): (round(float(x), 4), round(float(y), 4)) for n, (x, y) in sorted(pos.items())}


def _network_lines(pairs, pos) -> list[dict[str, Any]]:
    """One line per tied pair and kind; a pair with both kinds of tie gets two lines side by side."""
    both = {(a, b) for a, b, k in pairs if k == "conflict" and (a, b, "cooperation") in pairs}
    edges = []
    for e in pairs.values():
        (x, y), (x2, y2) = pos[e["a"]], pos[e["b"]]
        if (e["a"], e["b"]) in both:
            dx, dy = x2 - x, y2 - y
            norm = max((dx * dx + dy * dy) ** 0.5, 1e-9)
            shift = 0.025 if e["kind"] == "cooperation" else -0.025
            ox, oy = -dy / norm * shift, dx / norm * shift
            x, y, x2, y2 = (round(v, 4) for v in (x + ox, y + oy, x2 + ox, y2 + oy))
        edges.append({"a": e["a"], "b": e["b"], "kind": e["kind"], "ties": e["ties"], "cues": ", ".join(e["cues"]),
                      "sentences": " | ".join(e["sentences"]), "x": x, "y": y, "x2": x2, "y2": y2,
                      "mx": round((x + x2) / 2, 4), "my": round((y + y2) / 2, 4)})
    return edges


def _network_chart(edges, nodes, description: str):
    """The network drawn: tie lines (and their midpoints, to hover), then actor dots and names."""
    import altair as alt

    x_enc = alt.X("x:Q", axis=None, scale=alt.Scale(zero=False, nice=False, padding=40))
    y_enc = alt.Y("y:Q", axis=None, scale=alt.Scale(zero=False, nice=False, padding=30))
    kind_scale = alt.Scale(domain=["cooperation", "conflict"], range=["#1b7837", "#b2182b"])
    tips = [alt.Tooltip("a:N", title="Actor"), alt.Tooltip("b:N", title="Actor"), alt.Tooltip("kind:N", title="Tie"),
            alt.Tooltip("ties:Q", title="Sentences"), alt.Tooltip("cues:N", title="Cues"),
            alt.Tooltip("sentences:N", title="Sentence")]
    base_e = alt.Chart(alt.Data(values=edges))
    lines = base_e.mark_rule(opacity=0.7).encode(
        x=x_enc, y=y_enc, x2="x2:Q", y2="y2:Q",
        color=alt.Color("kind:N", title="Tie", scale=kind_scale),
        strokeDash=alt.StrokeDash("kind:N", title="Tie", scale=alt.Scale(domain=["cooperation", "conflict"],
                                                                          range=[[1, 0], [6, 4]])),
        strokeWidth=alt.StrokeWidth("ties:Q", title="Sentences", scale=alt.Scale(range=[1.5, 6])),
        tooltip=tips)
    mids = base_e.mark_point(filled=True, size=60, opacity=0.8).encode(
        x=alt.X("mx:Q", axis=None), y=alt.Y("my:Q", axis=None),
        color=alt.Color("kind:N", title="Tie", scale=kind_scale), tooltip=tips)
    base_n = alt.Chart(alt.Data(values=nodes))
    dots = base_n.mark_circle(size=320, color="#f0f0f0", stroke="#333", strokeWidth=1).encode(
        x=x_enc, y=y_enc, tooltip=[alt.Tooltip("actor:N", title="Actor"), alt.Tooltip("type:N", title="Type"),
                                   alt.Tooltip("degree:Q", title="Partners")])
    labels = base_n.mark_text(dy=-16, fontSize=12).encode(x=x_enc, y=y_enc, text="actor:N")
    return (alt.layer(lines, mids, dots, labels)
            .properties(title="Cooperation and conflict between actors", description=description,
                        width=CHART_WIDTH, height=420))


def relation_network(article, analysis, seed: int = 7, types=TIE_TYPES):
    """Network of cooperation and conflict between actors, drawn from a seeded spring layout.

    One line per tied pair and kind; hovering a line (or its midpoint) shows the cues and
    the sentences behind it. Returns ``(chart, table)``; the table lists every tie.
    """
    import networkx as nx

    table = tie_table(article, analysis, types)
    pairs = _tie_pairs(table)
    g = nx.Graph()
    for e in pairs.values():
        w = g.get_edge_data(e["a"], e["b"], {}).get("weight", 0) + e["ties"]
        g.add_edge(e["a"], e["b"], weight=w)
    pos = _layout(g, seed)
    edges = _network_lines(pairs, pos)
    types_of = {a.name: a.type for a in analysis.actors}
    nodes = [{"actor": n, "type": types_of.get(n, ""), "degree": int(g.degree(n)), "x": xy[0], "y": xy[1]}
             for n, xy in pos.items()]
    coop = sum(1 for r in table.to_dict("records") if r["kind"] == "cooperation")
    conf = len(table) - coop
    if len(table):
        hub = max(nodes, key=lambda n: (n["degree"], n["actor"]))
        description = (f"Network of {len(nodes)} actors of “{article.title}” linked by {len(table)} ties found by "
                       f"cue words: {coop} of cooperation (solid green) and {conf} of conflict (dashed red). "
                       f"{hub['actor']} has the most partners ({hub['degree']}). Hover a line for the sentences behind it.")
    else:
        description = f"No cooperation or conflict cues link the actors of “{article.title}”, so the network is empty."
    return _network_chart(edges, nodes, description), table


# -- the actor list checked ----------------------------------------------------------------------

def actor_key_note(analysis, key) -> list[str] | str:
    """The machine's actor list against the pack's key (``helpers.analysis.actors.score_actors``), as points."""
    if not key:
        return MISSING_KEY
    s = score_actors(analysis, key)
    return [f"recall {s['recall']:.0%}: key actors found" + (f"; missed {', '.join(s['missed'])}" if s["missed"] else ""),
            f"precision {s['precision']:.0%}" + (f"; not in the key: {', '.join(s['unexpected'])}" if s["unexpected"] else ""),
            f"types right for {s['type_accuracy']:.0%} of the actors found; aliases found {s['alias_recall']:.0%}",
            "strings the key says are not actors: " + (", ".join(s["forbidden"]) if s["forbidden"] else "none reported")]


def actor_changes(before, after) -> list[str]:
    """What changed between two actor analyses, one line per actor added, dropped or re-counted."""
    old = {a.name: a for a in before.actors}
    new = {a.name: a for a in after.actors}
    lines = []
    for name, a in new.items():
        where = ", ".join(dict.fromkeys(m.sentence_id for m in a.mentions)) or "no mention found"
        if name not in old:
            lines.append(f"added **{name}** ({a.type}): {len(a.mentions)} mention(s) in {where}")
        elif len(a.mentions) != len(old[name].mentions) or a.type != old[name].type:
            lines.append(f"changed **{name}**: {len(old[name].mentions)} → {len(a.mentions)} mention(s), "
                         f"type {old[name].type} → {a.type}")
    lines += [f"dropped **{name}**" for name in old if name not in new]
    return lines
