internal import SurveyStatistics

extension SurveyReportBuilder {
  /// Section 6: how the numbers were made, and how to make them again.
  func methodology() -> [Block] {
    let declaration = design.declaration
    var facts: [String] = []
    let none = language.text("none", "aucun")
    facts.append(language.text("Design: ", "Plan de sondage : ")
      + language.text("weights", "poids") + " `\(declaration.weights ?? none)`, "
      + language.text("strata", "strates") + " `\(declaration.strata ?? none)`, "
      + language.text("primary sampling units", "unités primaires") + " `\(declaration.clusters ?? none)`"
      + (declaration.fpc.map { ", " + language.text("finite population correction", "correction de population finie") + " `\($0)`" } ?? "")
      + language.text(
        "; strata with a single PSU: `\(declaration.lonelyPSU.rawValue)`.",
        " ; strates à une seule unité primaire : \(Self.frenchDescription(of: declaration.lonelyPSU))."))
    if let raking {
      let names = raking.margins.map { "`\($0.name)`" }.joined(separator: ", ")
      facts.append(language.text(
        "Weighting: base weights raked by iterative proportional fitting to the population margins \(names) (R survey's `rake()`), \(raking.converged ? "converged" : "not converged") after \(raking.iterations) sweeps; standard errors use influence values projected on the margins, so they account for the raking.",
        "Pondération : poids initiaux redressés par calage itératif (raking) sur les marges de population \(names) (`rake()` du package R survey), \(raking.converged ? "convergence" : "sans convergence") après \(raking.iterations) itérations ; les erreurs-types projettent les valeurs d'influence sur les marges et tiennent donc compte du redressement."))
    }
    facts.append(language.text(
      "Estimator: weighted proportion (Hájek ratio Σw·1[answer] / Σw over respondents with an answer); non-response to a question is left out of that question only.",
      "Estimateur : proportion pondérée (ratio de Hájek Σw·1[réponse] / Σw sur les répondants ayant répondu) ; la non-réponse à une question n'est exclue que pour cette question."))
    if let replicates = design.replicates {
      let source = replicates.isCreated
        ? language.text("created from the strata and PSUs (R survey's `as.svrepdesign()`)", "créées à partir des strates et unités primaires (`as.svrepdesign()` du package R survey)")
        : language.text("supplied with the data (R survey's `svrepdesign()`)", "fournies avec les données (`svrepdesign()` du package R survey)")
      facts.append(language.text(
        "Variance: \(replicates.count) \(replicates.method.rName) replicate weights \(source), scale \(replicates.scale)\(replicates.meanSquaredError ? ", centred at the full-sample estimate (mse)" : ""); degrees of freedom = rank of the replicate weights − 1.",
        "Variance : \(replicates.count) pondérations répliquées \(replicates.method.rName) \(source), facteur d'échelle \(replicates.scale)\(replicates.meanSquaredError ? ", centrées sur l'estimation de l'échantillon entier (mse)" : "") ; degrés de liberté = rang des pondérations répliquées − 1."))
    } else {
      facts.append(language.text(
        "Variance: Taylor linearisation with PSUs nested in strata, as R survey's `svydesign(…, nest = TRUE)` and `svymean`; degrees of freedom = PSUs − strata.",
        "Variance : linéarisation de Taylor, unités primaires emboîtées dans les strates, comme `svydesign(…, nest = TRUE)` et `svymean` du package R survey ; degrés de liberté = unités primaires − strates."))
    }
    facts.append(language.text(
      "Confidence intervals: \(numbers.percent(options.level, digits: 0)), method `\(options.intervalMethod.rawValue)` of R survey's `svyciprop`, with t quantiles on the design degrees of freedom.",
      "Intervalles de confiance : \(numbers.percent(options.level, digits: 0)), méthode `\(options.intervalMethod.rawValue)` de `svyciprop` (R survey), quantiles de Student sur les degrés de liberté du plan."))
    facts.append(language.text(
      "Reliability: every percentage is checked against the NCHS Data Presentation Standards for Proportions (Parker et al. 2017): it is not shown (*) when the effective sample size is below 30, its Korn–Graubard 95% interval is 30 points wide or more, or wider than 5 points and 130% of the estimate; it is flagged (†) when the group's design has fewer than 8 degrees of freedom or the estimate is 0% or 100%, and (§) when its complement may be unreliable.",
      "Fiabilité : chaque pourcentage est contrôlé selon les normes de présentation des proportions du NCHS (Parker et al. 2017) : il n'est pas publié (*) si la taille d'échantillon effective est inférieure à 30, si son intervalle de Korn–Graubard à 95 % a une largeur d'au moins 30 points, ou de plus de 5 points et de 130 % de l'estimation ; il est signalé (†) si le plan du groupe a moins de 8 degrés de liberté ou si l'estimation vaut 0 % ou 100 %, et (§) si son complément peut être peu fiable."))
    facts.append(language.text(
      "Disclosure: no cell with fewer than \(options.minimumCellSize) respondents (in the answer or in the group) is printed, and where a table's total and its other cells would give such a cell — or one not shown as unreliable — back by subtraction, the smallest other cell is hidden too (complementary suppression, ‡); respondent identifiers never appear.",
      "Confidentialité : aucune case de moins de \(options.minimumCellSize) répondants (dans la réponse ou dans le groupe) n'est publiée et, lorsque le total d'un tableau et ses autres cases permettraient de retrouver par soustraction une telle case — ou une case non publiée comme peu fiable —, la plus petite autre case est masquée aussi (secret secondaire, ‡) ; les identifiants des répondants n'apparaissent jamais."))
    facts.append(language.text(
      "Answers counted: the two answers at the upper end of scales of four or more points (one for shorter scales) — the first two when a scale runs from “strongly agree” or “always” down — and “yes” for yes/no questions; codes the codebook declares missing are left out, other “don't know” answers stay in the denominator.",
      "Réponses comptées : les deux réponses du haut des échelles d'au moins quatre points (une pour les échelles plus courtes) — les deux premières quand l'échelle va de « tout à fait d'accord » ou « toujours » vers le bas — et « oui » pour les questions oui/non ; les codes déclarés manquants dans le codebook sont exclus, les autres « ne sait pas » restent au dénominateur."))
    facts.append(language.text("Software: ", "Logiciel : ") + options.provenance.software + ".")
    var blocks: [Block] = [
      .heading(language.text("Methodology", "Méthodologie"), level: 2),
      .bulletList(facts),
    ]
    if !options.provenance.inputs.isEmpty {
      blocks.append(.table(MarkdownTable(
        columns: [.init(language.text("Input", "Fichier")), .init(language.text("Path", "Chemin")), .init("SHA-256")],
        rows: options.provenance.inputs.map { [role(of: $0.role), "`\($0.path)`", "`\($0.sha256)`"] })))
    }
    return blocks
  }

  /// What R survey's `survey.lonely.psu` setting does, in French.
  static func frenchDescription(of policy: LonelyPSUPolicy) -> String {
    switch policy {
    case .fail: return "interdites (le calcul s'arrête sur une erreur)"
    case .remove: return "sans contribution à la variance"
    case .certainty: return "tirées avec certitude, sans contribution à la variance"
    case .adjust: return "centrées sur la moyenne générale"
    case .average: return "remplacées par la moyenne des autres strates"
    }
  }

  /// An input's role in the report's language.
  func role(of role: String) -> String {
    switch (language, role) {
    case (.french, "survey"): return "données"
    case (.french, "targets"): return "marges cibles"
    default: return role
    }
  }
}
