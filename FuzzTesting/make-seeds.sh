#!/usr/bin/env bash
# Builds the seed corpus from the test fixtures (run from FuzzTesting/). A CSV seed is one option
# byte (see Sources/FuzzCSV) followed by a fixture; codebook seeds are the codebooks as they are.
set -euo pipefail
fixtures=../Tests/SurveyIOTests/Fixtures
rm -rf Seeds && mkdir -p Seeds/csv Seeds/codebook
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
ls Seeds/csv | wc -l; ls Seeds/codebook | wc -l
