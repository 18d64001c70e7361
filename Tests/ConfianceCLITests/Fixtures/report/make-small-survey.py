"""Writes small-survey.csv: a tiny SYNTHETIC privacy survey for the report and notebook tests.

python3 make-small-survey.py > small-survey.csv   (seeded: same bytes every run)
300 respondents, 3 regions (strata) x 4 points (PSUs), one identifier column, trust/concern/
behaviour/awareness items, and a rare answer (prot_gdpr_right = 1 for about 3%) so that the
--min-cell rule has something to suppress.
"""
import random

random.seed(20261122)
regions = ["NORD", "OUEST", "SUD"]
print("resp_id,region,point,weight,sex,age_band,trust_bank,trust_social,concern_data,prot_cookies,prot_gdpr_right,gdpr_heard")
row = 0
for region in regions:
    for point in range(1, 5):
        for _ in range(25):
            row += 1
            sex = random.choice(["F", "M"])
            age = random.choices(["18-34", "35-64", "65+"], [0.2, 0.5, 0.3])[0]
            weight = round(random.uniform(0.6, 1.8), 4)
            trust_bank = random.choices([1, 2, 3, 4, 5], [0.08, 0.15, 0.25, 0.37, 0.15])[0]
            trust_social = random.choices([1, 2, 3, 4, 5], [0.35, 0.33, 0.2, 0.1, 0.02])[0]
            concern = random.choices([1, 2, 3, 4, 5, 9], [0.05, 0.08, 0.1, 0.4, 0.35, 0.02])[0]
            cookies = 1 if random.random() < (0.45 if age == "18-34" else 0.3) else 0
            gdpr_right = 1 if random.random() < 0.03 else 0
            heard = random.choices(["yes", "no", "dk"], [0.55, 0.35, 0.1])[0]
            print(f"P{row:04d},{region},{region}-{point},{weight},{sex},{age},{trust_bank},{trust_social},"
                  f"{concern},{cookies},{gdpr_right},{heard}")
