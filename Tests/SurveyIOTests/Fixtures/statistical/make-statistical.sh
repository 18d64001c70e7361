#!/usr/bin/env bash
# Writes the SPSS and Stata fixtures with the `readstat` command-line tool (Debian package
# `readstat`), from survey.csv and a metadata file per format (run from this folder).
#   survey.sav   SPSS: value labels, a user-missing range (concern 8 THRU 9), a discrete user-missing
#                value (age 999), a 300-character string (a "very long string"). The readstat tool
#                writes no user-missing values for string variables, so there are none here.
#   survey.zsav  the same, compressed (written from survey.sav: readstat cannot write .zsav from CSV)
#   survey.dta   Stata: the same labels; concern 8 and 9 and age 999 become extended missing .a/.b
set -euo pipefail
cd "$(dirname "$0")"
long=$(printf 'Une très longue réponse libre, %.0s' {1..10})
long=${long:0:300}
cat > survey.csv <<CSV
id,region,concern,weight,age,sex,comment
1,1,4,1.5,34,F,court
2,2,5,2.25,51,M,"$long"
3,1,9,0.5,999,F,
4,3,2,1,27,X,"avec, virgule"
5,2,8,3,45,M,"« cœur »"
6,1,4,1.25,62,F,x
7,3,1,2,19,M,y
8,2,,4,38,F,z
CSV
for type in SPSS STATA; do
  if [ "$type" = SPSS ]; then age_missing='"missing": {"type": "DISCRETE", "values": [999]}'; else age_missing='"categories": [{"code": 999, "label": "Refus"}], "missing": {"type": "DISCRETE", "values": [999]}'; fi
  cat > "metadata-$type.json" <<JSON
{
  "type": "$type",
  "variables": [
    {"type": "NUMERIC", "name": "id", "label": "Identifiant"},
    {"type": "NUMERIC", "name": "region", "label": "Région",
     "categories": [{"code": 1, "label": "Nord"}, {"code": 2, "label": "Sud"}, {"code": 3, "label": "Île-de-France"}]},
    {"type": "NUMERIC", "name": "concern", "label": "Êtes-vous inquiet de l'utilisation de vos données ?",
     "categories": [{"code": 1, "label": "Pas du tout inquiet"}, {"code": 2, "label": "Peu inquiet"},
                    {"code": 4, "label": "Plutôt inquiet"}, {"code": 5, "label": "Très inquiet"},
                    {"code": 8, "label": "Ne sait pas"}, {"code": 9, "label": "Refus"}],
     "missing": {"type": "RANGE", "low": 8, "high": 9}},
    {"type": "NUMERIC", "name": "weight", "label": "Poids"},
    {"type": "NUMERIC", "name": "age", "label": "Âge", $age_missing},
    {"type": "STRING", "name": "sex", "label": "Sexe",
     "categories": [{"code": "F", "label": "Femme"}, {"code": "M", "label": "Homme"}, {"code": "X", "label": "Non précisé"}]
    },
    {"type": "STRING", "name": "comment", "label": "Commentaire libre"}
  ]
}
JSON
done
rm -f survey.sav survey.zsav survey.dta
readstat survey.csv metadata-SPSS.json survey.sav
readstat survey.sav survey.zsav
readstat survey.csv metadata-STATA.json survey.dta
