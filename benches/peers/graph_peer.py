#!/usr/bin/env python3
"""The networkx side of `kg bench`: generates the graph presets and times networkx on them.

    python3 graph_peer.py generate --preset large --out DIR   # stdlib only
    python3 graph_peer.py run --dir DIR [--queries 20] [--timeout 10] [--json OUT]   # needs networkx

`generate` writes, deterministically for a preset and a seed:
  nodes.csv    id,kind,label            (kinds and relations from ../shared/MODEL.md)
  edges.csv    source,target,relation
  queries.csv  source,target            (country-country pairs)
  preset.json  what was generated, for `kg bench` to check it is current

The shape is a small world of international relations: ~200 countries as hubs
(weighted so that a few are much busier than the rest), officials that represent
them and meet each other, organisations that countries and officials belong to,
places located in countries, agreements between pairs of countries and milestones
that involve both parties, concern an agreement, are held somewhere and follow the
pair's previous milestone. Degrees are power-law-ish.

`run` builds an undirected `nx.Graph` (kg's path queries take edges either way)
from the CSVs and times: the build, `nx.shortest_path`, `nx.all_shortest_paths`
(counted), `nx.all_simple_paths(cutoff=3)` (counted), optionally
`nx.shortest_simple_paths` (first 10), and the JSON save (`node_link_data`); each
query under a timeout. Peak memory is `resource.getrusage(...).ru_maxrss`. It
prints one JSON object; `kg bench` reads it.
"""

import argparse
import bisect
import csv
import json
import os
import random
import resource
import signal
import sys
import time
import unicodedata

GENERATOR = 1
DEFAULT_SEED = 5

# Per preset: `scale` multiplies the node counts of the large preset; countries stay.
PRESETS = {
    "tiny": {"scale": 0.0007, "countries": 40, "queries": 20},
    "small": {"scale": 0.00711, "queries": 100},
    "medium": {"scale": 0.1, "queries": 100},
    "large": {"scale": 1.0, "queries": 100},
}

# Nodes of each kind in the large preset (1,380,000 besides the countries).
LARGE = {
    "official": 400_000,
    "organization": 60_000,
    "place": 200_000,
    "agreement": 250_000,
    "milestone": 470_000,
    "meets": 849_000,
    "counterpart_of": 200_000,
}

COUNTRIES = [
    'United States', 'United Kingdom', 'France', 'Germany', 'Italy', 'Spain', 'Russia',
    'China', 'Japan', 'India', 'Pakistan', 'Australia', 'Brazil', 'Indonesia',
    'Philippines', 'Vietnam', 'South Korea', 'North Korea', 'Turkey', 'Iran', 'Israel',
    'Saudi Arabia', 'United Arab Emirates', 'Egypt', 'Nigeria', 'South Africa',
    'Canada', 'Mexico', 'Ukraine', 'Azerbaijan', 'Malaysia', 'Thailand', 'Cambodia',
    'Myanmar', 'Singapore', 'Taiwan', 'Albania', 'Andorra', 'Austria', 'Belarus',
    'Belgium', 'Bosnia and Herzegovina', 'Bulgaria', 'Croatia', 'Cyprus',
    'Czech Republic', 'Denmark', 'Estonia', 'Finland', 'Greece', 'Hungary', 'Iceland',
    'Ireland', 'Kosovo', 'Latvia', 'Liechtenstein', 'Lithuania', 'Luxembourg', 'Malta',
    'Moldova', 'Monaco', 'Montenegro', 'Netherlands', 'North Macedonia', 'Norway',
    'Poland', 'Portugal', 'Romania', 'San Marino', 'Serbia', 'Slovakia', 'Slovenia',
    'Sweden', 'Switzerland', 'Afghanistan', 'Armenia', 'Bahrain', 'Bangladesh',
    'Bhutan', 'Brunei', 'Georgia', 'Iraq', 'Jordan', 'Kazakhstan', 'Kuwait',
    'Kyrgyzstan', 'Laos', 'Lebanon', 'Maldives', 'Mongolia', 'Nepal', 'Oman', 'Qatar',
    'Sri Lanka', 'Syria', 'Tajikistan', 'Turkmenistan', 'Uzbekistan', 'Yemen',
    'Timor-Leste', 'Algeria', 'Angola', 'Benin', 'Botswana', 'Burkina Faso', 'Burundi',
    'Cameroon', 'Cape Verde', 'Central African Republic', 'Chad', 'Comoros', 'DR Congo',
    'Republic of the Congo', "Côte d'Ivoire", 'Djibouti', 'Equatorial Guinea',
    'Eritrea', 'Eswatini', 'Ethiopia', 'Gabon', 'Gambia', 'Ghana', 'Guinea',
    'Guinea-Bissau', 'Kenya', 'Lesotho', 'Liberia', 'Libya', 'Madagascar', 'Malawi',
    'Mali', 'Mauritania', 'Mauritius', 'Morocco', 'Mozambique', 'Namibia', 'Niger',
    'Rwanda', 'São Tomé and Príncipe', 'Senegal', 'Seychelles', 'Sierra Leone',
    'Somalia', 'South Sudan', 'Sudan', 'Tanzania', 'Togo', 'Tunisia', 'Uganda',
    'Zambia', 'Zimbabwe', 'Holy See', 'Palestine', 'Argentina', 'Bolivia', 'Chile',
    'Colombia', 'Ecuador', 'Paraguay', 'Peru', 'Uruguay', 'Venezuela', 'Guyana',
    'Suriname', 'Costa Rica', 'El Salvador', 'Guatemala', 'Honduras', 'Nicaragua',
    'Panama', 'Belize', 'Cuba', 'Dominica', 'Dominican Republic', 'Haiti', 'Jamaica',
    'Bahamas', 'Barbados', 'Grenada', 'Saint Kitts and Nevis', 'Saint Lucia',
    'Saint Vincent and the Grenadines', 'Antigua and Barbuda', 'Trinidad and Tobago',
    'Fiji', 'Kiribati', 'Marshall Islands', 'Micronesia', 'Nauru', 'New Zealand',
    'Palau', 'Papua New Guinea', 'Samoa', 'Solomon Islands', 'Tonga', 'Tuvalu',
    'Vanuatu',
]

FIRST = ["Amara", "Kenji", "Priya", "Lucas", "Mei", "Omar", "Sofia", "Arjun", "Hana",
         "Mateo", "Aisha", "Ivan", "Nadia", "Tomas", "Leila", "Ravi", "Yuki", "Elena",
         "Kwame", "Ines", "Dmitri", "Farah", "Jonas", "Anh", "Carlos", "Zara", "Hiro",
         "Lena", "Tariq", "Maya", "Sven", "Noor"]
LAST = ["Singh", "Tanaka", "Okafor", "Silva", "Novak", "Haddad", "Kim", "Nguyen",
        "Rossi", "Khan", "Petrov", "Mensah", "Garcia", "Sato", "Cohen", "Dubois",
        "Larsen", "Yilmaz", "Santos", "Ito", "Mwangi", "Kowalski", "Rahman", "Lopez",
        "Fischer", "Abe", "Osei", "Costa", "Ali", "Moreau", "Jensen", "Park"]
REGIONS = ["Indo-Pacific", "Atlantic", "Arctic", "Mekong", "Gulf", "Sahel", "Andean",
           "Baltic", "Caribbean", "Pacific Islands", "Central Asian", "Mediterranean",
           "Danube", "Horn of Africa", "Nordic", "Black Sea"]
ORG_KINDS = ["Forum", "Council", "Dialogue", "Commission", "Union", "Initiative",
             "Ministers' Meeting", "Partnership Group"]
PLACE_WORDS = ["Port", "Fort", "Lake", "Cape", "Mount", "Bay", "Springs", "Harbour"]
AGREEMENT_KINDS = ["Defence Cooperation Agreement", "Strategic Partnership",
                   "Reciprocal Access Agreement", "Free Trade Agreement",
                   "Memorandum of Understanding on Maritime Security",
                   "Logistics Support Agreement", "Comprehensive Strategic Partnership",
                   "Treaty of Friendship"]
MILESTONE_KINDS = ["summit", "defence ministers' meeting", "foreign ministers' meeting",
                   "signing", "elevation of ties", "anniversary", "joint statement"]


def slugify(text):
    """kind:slug ids as kg makes them: accents folded, other runs of symbols one dash."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    out, dash = [], False
    for c in folded:
        if c.isalnum():
            if dash and out:
                out.append("-")
            dash = False
            out.append(c.lower())
        elif c != "'":
            dash = True
    return "".join(out)


def generate(preset, out, seed):
    spec = PRESETS[preset]
    scale = spec["scale"]
    rng = random.Random(seed)
    rand = rng.random
    names = COUNTRIES[: spec.get("countries", len(COUNTRIES))]
    nc = len(names)
    country_ids = ["country:" + slugify(n) for n in names]
    # A few countries are much busier than the rest: weight 1/(rank + 8).
    cum, total = [], 0.0
    for r in range(nc):
        total += 1.0 / (r + 8)
        cum.append(total)

    def pick_country():
        return min(bisect.bisect_left(cum, rand() * total), nc - 1)

    def pick_other(a):
        while True:
            b = pick_country()
            if b != a:
                return b

    count = {k: max(1, round(v * scale)) for k, v in LARGE.items()}
    os.makedirs(out, exist_ok=True)
    n_nodes = n_edges = 0
    nodes_f = open(os.path.join(out, "nodes.csv"), "w", newline="", encoding="utf-8")
    edges_f = open(os.path.join(out, "edges.csv"), "w", newline="", encoding="utf-8")
    nodes_w = csv.writer(nodes_f, lineterminator="\n")
    edges_w = csv.writer(edges_f, lineterminator="\n")
    nodes_w.writerow(["id", "kind", "label"])
    edges_w.writerow(["source", "target", "relation"])
    node = nodes_w.writerow
    edge = edges_w.writerow

    for cid, name in zip(country_ids, names):
        node([cid, "country", name])
    n_nodes += nc

    # Organisations first, so officials and countries can join them. A few are
    # large forums, most have two to four members.
    n_org = count["organization"]
    org_ids = [f"organization:g{i}" for i in range(n_org)]
    for i, oid in enumerate(org_ids):
        label = f"{REGIONS[i % len(REGIONS)]} {ORG_KINDS[(i // 7) % len(ORG_KINDS)]} {i}"
        node([oid, "organization", label])
        members = 2 + int(rand() ** 64 * (nc - 2))
        chosen = set()
        while len(chosen) < members:
            chosen.add(pick_country())
        for c in sorted(chosen):
            edge([country_ids[c], oid, "member_of"])
        n_edges += members
    n_nodes += n_org

    def pick_org():
        return int(n_org * rand() ** 2)

    # Officials, each representing a country and belonging to an organisation.
    n_off = count["official"]
    off_ids = [f"official:o{i}" for i in range(n_off)]
    off_country = [0] * n_off
    officials_of = [[] for _ in range(nc)]
    for i, oid in enumerate(off_ids):
        c = pick_country()
        off_country[i] = c
        officials_of[c].append(i)
        node([oid, "official", f"{FIRST[i % 32]} {LAST[(i // 32) % 32]}"])
        edge([oid, country_ids[c], "represents"])
        edge([oid, org_ids[pick_org()], "member_of"])
        n_edges += 2
    n_nodes += n_off

    def pick_official(c):
        # The first officials of a country are its most active ones.
        pool = officials_of[c]
        return pool[int(len(pool) * rand() ** 2)] if pool else None

    # Places, each in a country.
    n_place = count["place"]
    places_of = [[] for _ in range(nc)]
    for i in range(n_place):
        pid = f"place:p{i}"
        c = pick_country()
        places_of[c].append(pid)
        node([pid, "place", f"{PLACE_WORDS[i % len(PLACE_WORDS)]} {names[c]} {i}"])
        edge([pid, country_ids[c], "located_in"])
        n_edges += 1
    n_nodes += n_place

    # Agreements between pairs of countries, signed by their officials.
    n_agr = count["agreement"]
    agr_pair = []
    for i in range(n_agr):
        a = pick_country()
        b = pick_other(a)
        agr_pair.append((a, b))
        aid = f"agreement:a{i}"
        year = 1990 + int(rand() * 36)
        kind = AGREEMENT_KINDS[int(rand() * len(AGREEMENT_KINDS))]
        node([aid, "agreement", f"{names[a]}–{names[b]} {kind} {year}"])
        edge([country_ids[a], aid, "party_to"])
        edge([country_ids[b], aid, "party_to"])
        n_edges += 2
        signers = {pick_official(a), pick_official(b) if rand() < 0.2 else None} - {None}
        for o in sorted(signers):
            edge([off_ids[o], aid, "signed"])
            n_edges += 1
    n_nodes += n_agr

    # Milestones: mostly about an agreement, involving both parties and their
    # officials, held somewhere, following the pair's previous milestone.
    n_ms = count["milestone"]
    last_of_pair = {}
    for i in range(n_ms):
        mid = f"milestone:m{i}"
        concerns = None
        if rand() < 0.9:
            concerns = int(rand() * n_agr)
            a, b = agr_pair[concerns]
        else:
            a = pick_country()
            b = pick_other(a)
        year = 1990 + int(rand() * 36)
        date = f"{year}-{1 + int(rand() * 12):02d}-{1 + int(rand() * 28):02d}"
        kind = MILESTONE_KINDS[int(rand() * len(MILESTONE_KINDS))]
        node([mid, "milestone", f"{names[a]}–{names[b]} {kind} {date}"])
        edge([mid, country_ids[a], "involves"])
        edge([mid, country_ids[b], "involves"])
        n_edges += 2
        people = {pick_official(a), pick_official(b) if rand() < 0.5 else None} - {None}
        for o in sorted(people):
            edge([mid, off_ids[o], "involves"])
            n_edges += 1
        if concerns is not None:
            edge([mid, f"agreement:a{concerns}", "concerns"])
            n_edges += 1
        host = a if rand() < 0.5 else b
        if places_of[host]:
            where = places_of[host][int(len(places_of[host]) * rand())]
        else:
            where = country_ids[host]
        edge([mid, where, "held_in"])
        n_edges += 1
        if rand() < 0.3:
            edge([mid, org_ids[pick_org()], "held_at"])
            n_edges += 1
        key = (min(a, b), max(a, b))
        prev = last_of_pair.get(key)
        if prev is not None:
            edge([mid, prev, "follows"])
            n_edges += 1
        last_of_pair[key] = mid
    n_nodes += n_ms

    # Officials of different countries meet, and are each other's counterparts;
    # the active ones far more often.
    for relation, skew in (("meets", 2.0), ("counterpart_of", 1.5)):
        seen = set()
        wanted = count[relation]
        tries = 0
        while len(seen) < wanted and tries < wanted * 20:
            tries += 1
            x = int(n_off * rand() ** skew)
            y = int(n_off * rand() ** skew)
            if off_country[x] == off_country[y]:
                continue
            key = (min(x, y), max(x, y))
            if key in seen:
                continue
            seen.add(key)
            edge([off_ids[key[0]], off_ids[key[1]], relation])
        n_edges += len(seen)

    nodes_f.close()
    edges_f.close()

    # Country-country query pairs: mostly busy pairs, some chosen uniformly.
    pairs, seen = [], set()
    wanted = spec["queries"]
    while len(pairs) < wanted:
        if len(pairs) % 10 < 7:
            a = pick_country()
            b = pick_other(a)
        else:
            a, b = rng.sample(range(nc), 2)
        if (a, b) in seen or (b, a) in seen:
            continue
        seen.add((a, b))
        pairs.append((country_ids[a], country_ids[b]))
    with open(os.path.join(out, "queries.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["source", "target"])
        w.writerows(pairs)

    meta = {"preset": preset, "seed": seed, "generator": GENERATOR,
            "nodes": n_nodes, "edges": n_edges, "queries": len(pairs)}
    with open(os.path.join(out, "preset.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    return meta


class Timeout(Exception):
    pass


def _alarm(_signum, _frame):
    raise Timeout()


def timed(fn, timeout):
    """(seconds, result, timed_out): fn() under a wall-clock timeout."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    t0 = time.perf_counter()
    try:
        result = fn()
        out = (time.perf_counter() - t0, result, False)
    except Timeout:
        out = (time.perf_counter() - t0, None, True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return out


def peak_mib():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes.
    return rss / 1024 / (1024 if sys.platform == "darwin" else 1)


def run(args):
    import itertools
    import networkx as nx

    d = args.dir
    t0 = time.perf_counter()
    G = nx.Graph()
    with open(os.path.join(d, "nodes.csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for node_id, kind, label in r:
            G.add_node(node_id, kind=kind, label=label)
    with open(os.path.join(d, "edges.csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        for s, t, relation in r:
            G.add_edge(s, t, relation=relation)
    build_s = time.perf_counter() - t0
    build_peak = peak_mib()

    with open(os.path.join(d, "queries.csv"), newline="", encoding="utf-8") as f:
        r = csv.reader(f)
        next(r)
        pairs = [tuple(row) for row in r][: args.queries]

    def shortest(a, b):
        try:
            return len(nx.shortest_path(G, a, b)) - 1
        except nx.NetworkXNoPath:
            return None

    def all_shortest(a, b):
        try:
            return sum(1 for _ in nx.all_shortest_paths(G, a, b))
        except nx.NetworkXNoPath:
            return 0

    def simple3(a, b):
        return sum(1 for _ in nx.all_simple_paths(G, a, b, cutoff=3))

    def k_shortest(a, b):
        return [len(p) - 1 for p in itertools.islice(nx.shortest_simple_paths(G, a, b), 10)]

    kinds = [("shortest", shortest), ("all_shortest", all_shortest), ("simple3", simple3)]
    if args.k_shortest:
        kinds.append(("k_shortest", k_shortest))
    queries = []
    for a, b in pairs:
        rec = {"source": a, "target": b}
        for name, fn in kinds:
            secs, result, timed_out = timed(lambda: fn(a, b), args.timeout)
            rec[name] = {"ms": secs * 1000, "result": result, "timeout": timed_out}
        queries.append(rec)
        print(f"peer: {a} {b} " + " ".join(
            f"{n}={rec[n]['ms']:.1f}ms{'(timeout)' if rec[n]['timeout'] else ''}"
            for n, _ in kinds), file=sys.stderr)

    save_path = os.path.join(args.save_dir or d, "networkx.json")
    t0 = time.perf_counter()
    with open(save_path, "w", encoding="utf-8") as f:
        json.dump(nx.node_link_data(G, edges="links"), f)
    save_s = time.perf_counter() - t0
    save_bytes = os.path.getsize(save_path)
    os.remove(save_path)

    result = {
        "networkx": nx.__version__,
        "python": sys.version.split()[0],
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "build_s": build_s,
        "build_peak_mib": build_peak,
        "peak_mib": peak_mib(),
        "timeout_s": args.timeout,
        "queries": queries,
        "save_s": save_s,
        "save_bytes": save_bytes,
    }
    text = json.dumps(result, indent=1)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    g = sub.add_parser("generate", help="write a preset's CSVs (stdlib only)")
    g.add_argument("--preset", choices=sorted(PRESETS), required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    r = sub.add_parser("run", help="time networkx on a preset's CSVs")
    r.add_argument("--dir", required=True)
    r.add_argument("--queries", type=int, default=20, help="query pairs to time (first N)")
    r.add_argument("--timeout", type=float, default=10.0, help="seconds per query")
    r.add_argument("--k-shortest", action="store_true",
                   help="also time nx.shortest_simple_paths (first 10 paths)")
    r.add_argument("--save-dir", help="where to write the JSON save (deleted after)")
    r.add_argument("--json", help="write the results here instead of stdout")
    sub.add_parser("check", help="exit 0 when networkx can be imported")
    args = p.parse_args()
    if args.command == "generate":
        t0 = time.perf_counter()
        meta = generate(args.preset, args.out, args.seed)
        print(f"generated {args.preset}: {meta['nodes']} nodes, {meta['edges']} edges, "
              f"{meta['queries']} query pairs in {time.perf_counter() - t0:.1f} s -> {args.out}",
              file=sys.stderr)
    elif args.command == "run":
        run(args)
    else:
        import networkx  # noqa: F401


if __name__ == "__main__":
    main()
