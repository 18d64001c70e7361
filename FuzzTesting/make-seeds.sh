#!/usr/bin/env bash
# Builds the seed corpus from the test fixtures (run from FuzzTesting/). A CSV or targets seed is one
# option byte (see Sources/FuzzCSV, Sources/FuzzTargets) followed by a fixture; codebook and notebook
# seeds are the files as they are.
set -euo pipefail
fixtures=../Tests/SurveyIOTests/Fixtures
rm -rf Seeds && mkdir -p Seeds/csv Seeds/codebook Seeds/targets Seeds/notebook
selector=0
for file in "$fixtures"/*.csv "$fixtures"/*.tsv "$fixtures"/messy/*.csv "$fixtures"/messy/*.txt "$fixtures"/errors/*.csv; do
  [ "$(stat -c %s "$file")" -le 4096 ] || continue
  name=$(basename "$(dirname "$file")")-$(basename "$file")
  { printf "\\x$(printf %02x $selector)"; cat "$file"; } > "Seeds/csv/$name"
  selector=$(( (selector + 37) % 256 ))
done
head -c 3000 ../surveys/example-privacy.csv | { printf '\x40'; cat; } > Seeds/csv/example-privacy-head.csv
cp ../surveys/example-privacy.codebook.yaml Seeds/codebook/
for file in ../Tests/ConfianceCLITests/Fixtures/*.yaml ../Tests/ConfianceCLITests/Fixtures/bad-inputs/*.yaml; do
  [ -f "$file" ] && cp "$file" "Seeds/codebook/$(basename "$file")"
done
cat > Seeds/codebook/full.codebook.yaml <<'YAML'
design:
  weight: weight
  strata: region
  psu: null
  fpc: ~
  lonely_psu: adjust
variables:
  concern:
    label: "Êtes-vous inquiet ?"
    type: ordinal
    categories:
      1: "Pas du tout"
      "2": Très
      9: Refus
    missing: [9, 99]
  region:
    type: categorical
    missing: Nord
  age: {type: numeric, label: Âge}
YAML
printf 'variables:\n  concern:\n    lable: x\n\t  type: ordinal\n' > Seeds/codebook/typo-and-tab.yaml
printf 'a: &anchor\n  b: *anchor\nvariables: *anchor\n' > Seeds/codebook/alias.yaml
# Targets files, each after one option byte (see Sources/FuzzTargets): the raking fixtures, the
# example survey's, the bad-input catalogue's, and ones naming the fuzz survey's columns.
selector=0
targets_seed() {
  { printf "\\x$(printf %02x $selector)"; cat; } > "Seeds/targets/$1"
  selector=$(( (selector + 1) % 16 ))
}
for file in ../Tests/SurveyStatisticsTests/Fixtures/*/*targets*.csv ../Tests/ConfianceCLITests/Fixtures/*/*targets*.csv \
  ../surveys/*.targets.csv; do
  [ -f "$file" ] && targets_seed "$(basename "$(dirname "$file")")-$(basename "$file")" < "$file"
done
targets_seed proportions-and-totals.csv \
  < <(printf 'variable,category,target\nsex,F,0.51\nsex,M,0.49\nregion,Nord,300\nregion,Sud,500\nregion,Est,200\n')
targets_seed crossed.csv < <(printf 'variable;category;target\nsex*age_band;F*18-34;0.2\nsex*age_band;M*55+;0.8\n')
targets_seed odd-numbers.csv < <(printf 'category,target,variable\n"F",1e3,sex\n"M",1 000,sex\n')
targets_seed semicolon-crlf.csv < <(printf 'variable;category;target\r\nsex;F;0,52\r\nsex;M;0,48\r\n')
targets_seed crossed-and-numeric.csv < <(printf 'variable,category,target,note\nsex*q,"F*oui",10,"a, b"\nsex*q,F*non,10,\nsex*q,M*oui,10,\nsex*q,M*non,10,\na,1,10,\na,2,10,\na,3,10,\na,4,10,\n')
# Notebooks: the shipped ones, the test fixtures (the bad-input catalogue's among them), and
# awkward ones (continuation lines, a byte order mark and CR LF, tilde fences, quotes).
for file in ../notebooks-md/*.md ../Tests/ConfianceCLITests/Fixtures/*.md ../Tests/ConfianceCLITests/Fixtures/*/*.md; do
  [ -f "$file" ] && cp "$file" "Seeds/notebook/$(basename "$(dirname "$file")")-$(basename "$file")"
done
printf -- '---\nsurvey: "a.csv"\ndesign:\n  weight: w # comment\n---\n```confiance\nestimate --var "a b" \\\n  --by c\n~~~\n```\n' \
  > Seeds/notebook/continuation.md
printf '\xef\xbb\xbf---\r\nsurvey: "a b.csv" # comment\r\ndesign:\r\n  weight: w\r\n\tstrata: s\r\n---\r\n~~~~ confiance\r\nestimate --var "x y" \\\r\n  --by \\\x27z\\\x27\r\n~~~~\r\n' \
  > Seeds/notebook/bom-crlf-tilde.md
printf -- '---\nsurvey: a.csv\n...\n````confiance\n```\nestimate\n````\n```confiance\n# c\n\nx \x27a\\\x27\x27b\x27 "c\\"d" e\\ f\n' \
  > Seeds/notebook/quotes-and-fences.md
ls Seeds/csv | wc -l; ls Seeds/codebook | wc -l; ls Seeds/targets | wc -l; ls Seeds/notebook | wc -l
