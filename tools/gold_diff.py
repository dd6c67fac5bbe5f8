#!/usr/bin/env python3
"""What the parser gets wrong on a corpus document, field by field, against its gold:
`gold_diff.py BIN corpus/gold/123.json [more.json ...]` (the docs are found beside, in corpus/docs).
Uses score.py's matching (path + text prefix) so every line here is a point score.py takes off."""
import importlib.util, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("score", os.path.join(here, "..", "..", "shared", "eval", "score.py"))
score = importlib.util.module_from_spec(spec)
spec.loader.exec_module(score)


def show(binpath, gpath):
    gold = json.load(open(gpath, encoding="utf-8"))
    doc = os.path.join(os.path.dirname(gpath), "..", "docs", gold["file"])
    out = json.loads(subprocess.run([binpath, "parse", doc], capture_output=True).stdout or b"null")
    name = gold["file"]
    pred = score.flatten(out.get("items") if out else [], [])
    byp = {}
    for it in pred:
        byp.setdefault(it.get("path"), []).append(it)
    matched = {}
    for g in gold["items"]:
        want = score.loose(g["text_prefix"])
        hit = next((c for c in byp.get(g["path"], []) if score.loose(c.get("text") or c.get("heading")).startswith(want)
                    or score.loose((c.get("heading") or "") + (c.get("text") or "")).startswith(want)), None)
        if hit is None:
            print(f"{name} item {g['path']} missing: {g['text_prefix']}")
        else:
            matched[g["path"]] = hit
    used = set(id(x) for x in matched.values())
    for it in pred:
        if id(it) not in used:
            print(f"{name} item {it['path']} extra: {(it.get('text') or '')[:30]}")
    for g in gold["items"]:
        m = matched.get(g["path"])
        if m is None:
            continue
        gu = [score.norm(u) for u in g.get("units", [])]
        pu = score.units_of(m)
        if sorted(set(gu)) != sorted(set(pu)):
            print(f"{name} units {g['path']}: gold {gu} got {pu}")
        if "lead" in g:
            r = m.get("responsible") or {}
            gl, gs = sorted(map(score.norm, g.get("lead", []))), sorted(map(score.norm, g.get("support", [])))
            pl, ps = sorted(map(score.norm, r.get("lead") or [])), sorted(map(score.norm, r.get("support") or []))
            if (gl, gs) != (pl, ps):
                print(f"{name} roles {g['path']}: gold {gl}/{gs} got {pl}/{ps}")
        h, t = score.date_hits(g, m)
        if h != t:
            print(f"{name} dates {g['path']}: gold {g.get('period')} {g.get('deadline')} {g.get('dates')} got "
                  f"{[(d['kind'], d['start'], d['end']) for d in m.get('dates', [])]}")
        h, t = score.target_hits(g, m)
        if h != t:
            print(f"{name} targets {g['path']}: gold {g.get('targets')} got {[d['raw'] for d in m.get('targets', [])]}")
    gn, pn = gold.get("notice"), (out or {}).get("notice") or {}
    if gn:
        for k in ("subject", "doc_number", "date"):
            if gn.get(k) is not None and score.norm(pn.get(k)) != score.norm(gn[k]):
                print(f"{name} notice.{k}: gold {gn[k]!r} got {pn.get(k)!r}")
        for k in ("issuers", "addressees"):
            if gn.get(k) and sorted(map(score.norm, pn.get(k) or [])) != sorted(map(score.norm, gn[k])):
                print(f"{name} notice.{k}: gold {gn[k]} got {pn.get(k)}")
    if gold.get("title") and score.norm((out or {}).get("title")) != score.norm(gold["title"]):
        print(f"{name} title: gold {gold['title']!r} got {(out or {}).get('title')!r}")
    said = any(w.get("code") == "truncated" for w in ((out or {}).get("warnings") or []))
    if "truncated" in gold and said != bool(gold["truncated"]):
        print(f"{name} truncated: gold {gold['truncated']} got {said}")
    s = score.score_doc(gold, out)
    tp, fp, fn = s["tables"]
    if fp or fn:
        print(f"{name} table tasks: {tp} matched, {fp} extra, {fn} missing; got {[(t.get('no'), (t.get('text') or '')[:12]) for t in (out or {}).get('table_tasks', [])]}")


if __name__ == "__main__":
    for g in sys.argv[2:]:
        show(sys.argv[1], g)
