#!/usr/bin/env bash
# Builds the seed corpus from the test fixtures (run from FuzzTesting/). A CSV seed is one option
# byte (see Sources/FuzzCSV) followed by a fixture; codebook seeds are the codebooks as they are.
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
# Targets files: the raking fixtures, the example survey's, and ones naming the fuzz survey's columns.
for file in ../Tests/ConfianceTests/Fixtures/*/*targets*.csv ../Tests/ConfianceCLITests/Fixtures/*/*targets*.csv \
  ../Tests/ConfianceCLITests/Fixtures/bad-inputs/*targets*.csv ../surveys/*.targets.csv; do
  [ -f "$file" ] && cp "$file" "Seeds/targets/$(basename "$(dirname "$file")")-$(basename "$file")"
done
printf 'variable,category,target\nsex,F,0.51\nsex,M,0.49\nregion,Nord,300\nregion,Sud,500\nregion,Est,200\n' \
  > Seeds/targets/proportions-and-totals.csv
printf 'variable;category;target\nsex*age_band;F*18-34;0.2\nsex*age_band;M*55+;0.8\n' > Seeds/targets/crossed.csv
printf 'category,target,variable\n"F",1e3,sex\n"M",1 000,sex\n' > Seeds/targets/odd-numbers.csv
# Notebooks: the shipped ones and the test fixtures.
for file in ../notebooks-md/*.md ../Tests/ConfianceCLITests/Fixtures/*.md ../Tests/ConfianceCLITests/Fixtures/*/*.md; do
  [ -f "$file" ] && cp "$file" "Seeds/notebook/$(basename "$(dirname "$file")")-$(basename "$file")"
done
printf -- '---\nsurvey: "a.csv"\ndesign:\n  weight: w # comment\n---\n```confiance\nestimate --var "a b" \\\n  --by c\n~~~\n```\n' \
  > Seeds/notebook/continuation.md
ls Seeds/csv | wc -l; ls Seeds/codebook | wc -l; ls Seeds/targets | wc -l; ls Seeds/notebook | wc -l
