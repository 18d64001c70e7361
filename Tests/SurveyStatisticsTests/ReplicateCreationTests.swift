import Testing

@testable import SurveyStatistics

/// Replicates created from strata and PSUs: R's Hadamard matrices, and the bootstrap, whose draws
/// (from R's own random number generator) cannot be compared with R's and are checked for their
/// structure instead: R's `bootweights()` draws n_h PSUs per stratum, with replacement (or, with an
/// FPC, without replacement from N_h copies of the stratum's PSUs), each PSU's factor being the
/// number of times it was drawn, and scale n̄/((n̄ − 1)(R − 1)).
@Suite struct ReplicateCreationTests {
  static let fixture = ReplicateFixture.shared

  /// `survey:::hadamard(n)` for n = 1…40 and larger cases, entry for entry: stored matrices,
  /// doubled ones, Paley's and doubled Paley's.
  @Test func hadamardMatricesMatchR() {
    #expect(Self.fixture.hadamard.count == 52)
    for expected in Self.fixture.hadamard {
      let ours = HadamardMatrix(strata: expected.strata)
      #expect(ours.order == expected.rows.count, "\(expected.strata) strata: order \(ours.order), R \(expected.rows.count)")
      guard ours.order == expected.rows.count else { continue }
      for (row, text) in expected.rows.enumerated() {
        let ourRow = String((0..<ours.order).map { ours[row, $0] == 1 ? Character("1") : Character("0") })
        #expect(ourRow == text, "\(expected.strata) strata, row \(row + 1)")
      }
    }
  }

  /// Every Hadamard matrix R's rules give, up to 120 strata, is one: its ±1 form has orthogonal
  /// rows, and it has a row for every stratum besides the first.
  @Test func hadamardMatricesAreOrthogonal() {
    for strata in 1...120 {
      let matrix = HadamardMatrix(strata: strata)
      let order = matrix.order
      #expect(order >= strata + 1)
      let signs = matrix.entries.map { $0 == 1 ? 1 : -1 }
      var orthogonal = true
      for first in 0..<order {
        for second in (first + 1)..<order {
          var product = 0
          for column in 0..<order { product += signs[first * order + column] * signs[second * order + column] }
          if product != 0 { orthogonal = false }
        }
      }
      #expect(orthogonal, "\(strata) strata: rows are not orthogonal")
    }
  }

  /// The stratified design of apistrat (3 strata of 100, 50 and 50 schools), with and without FPC.
  func stratifiedDesign(fpc: Bool) throws -> SurveyDesign {
    try SurveyDesign(Self.fixture.survey("apistrat"), weights: "pw", strata: "stype", fpc: fpc ? "fpc" : nil)
  }

  @Test(arguments: [false, true])
  func bootstrapResamplesEachStratumsPSUs(withFPC: Bool) throws {
    let design = try stratifiedDesign(fpc: withFPC)
    let replicated = try design.replicated(.bootstrap, count: 40, seed: 7)
    let replicates = try #require(replicated.replicates)
    #expect(replicates.method == .bootstrap)
    #expect(replicates.count == 40)
    #expect(replicates.isCreated)
    // Harmonic mean of 100, 50, 50 PSUs per stratum: 60.
    #expect(relativeDifference(replicates.scale, 60 / (59 * 39.0)) < 1e-15)
    #expect(replicates.replicateScales == [Double](repeating: 1, count: 40))
    let structure = design.structure
    let psusOfStratum = ReplicateWeights.psusByStratum(structure)
    var timesDrawn = [Double](repeating: 0, count: design.psuCount)
    for replicate in 0..<replicates.count {
      let weights = replicates.weights(ofReplicate: replicate)
      var factorOfPSU = [Double?](repeating: nil, count: design.psuCount)
      for row in weights.indices {
        let psu = Int(structure.psuOfRow[row])
        let factor = weights[row] / design.weights[row]
        #expect(factor == factor.rounded() && factor >= 0, "a PSU is drawn a whole number of times")
        if let known = factorOfPSU[psu] { #expect(known == factor, "one factor per PSU") }
        factorOfPSU[psu] = factor
      }
      for (stratum, psus) in psusOfStratum.enumerated() {
        let drawn = psus.reduce(0.0) { $0 + (factorOfPSU[$1] ?? 0) }
        #expect(drawn == Double(psus.count), "stratum \(stratum): n_h PSUs drawn")
        if withFPC {
          // Without replacement from N_h copies: a PSU has at most ⌈N_h/n_h⌉ copies.
          let copies = (structure.populationPSUCount![stratum] / Double(psus.count)).rounded(.up)
          #expect(psus.allSatisfy { (factorOfPSU[$0] ?? 0) <= copies })
        }
      }
      for psu in 0..<design.psuCount { timesDrawn[psu] += factorOfPSU[psu] ?? 0 }
    }
    // Every PSU is drawn once per replicate on average: 40 in all, give or take.
    let average = timesDrawn.reduce(0, +) / Double(timesDrawn.count)
    #expect(average == 40)
    #expect(timesDrawn.allSatisfy { $0 > 10 && $0 < 80 })
    #expect(replicates.degreesOfFreedom == 39)
  }

  @Test func bootstrapIsReproducibleFromItsSeed() throws {
    let design = try stratifiedDesign(fpc: false)
    let first = try #require(try design.replicated(.bootstrap, count: 5, seed: 11).replicates)
    let again = try #require(try design.replicated(.bootstrap, count: 5, seed: 11).replicates)
    let other = try #require(try design.replicated(.bootstrap, count: 5, seed: 12).replicates)
    #expect((0..<5).allSatisfy { first.weights(ofReplicate: $0) == again.weights(ofReplicate: $0) })
    #expect((0..<5).contains { first.weights(ofReplicate: $0) != other.weights(ofReplicate: $0) })
    let defaultSeed = try #require(try design.replicated(.bootstrap).replicates)
    #expect(defaultSeed.count == 50)
  }

  /// Strata and the PSUs within them are visited in the sorted order of their values, so the rows'
  /// order (a file's, or a database table's, which has none) does not change a row's replicate
  /// weights: apistrat's schools by stratum and district, read forwards and backwards.
  @Test func bootstrapDoesNotDependOnTheRowOrder() throws {
    let rows = try Self.fixture.survey("apistrat").respondentCount
    let reversed = Array((0..<rows).reversed())
    func replicates(_ order: [Int]?) throws -> ReplicateWeights {
      let design = try SurveyDesign(
        Self.fixture.survey("apistrat", rowOrder: order), weights: "pw", strata: "stype", clusters: "dnum")
      return try #require(try design.replicated(.bootstrap, count: 8, seed: 3).replicates)
    }
    let forwards = try replicates(nil), backwards = try replicates(reversed)
    for replicate in 0..<8 {
      let read = forwards.weights(ofReplicate: replicate), readBackwards = backwards.weights(ofReplicate: replicate)
      #expect((0..<rows).allSatisfy { read[$0] == readBackwards[rows - 1 - $0] }, "replicate \(replicate + 1)")
    }
    #expect(forwards.scale == backwards.scale)
  }

  /// The seeded generator's first draws, so that a change of algorithm cannot pass unnoticed.
  @Test func seededGeneratorIsStable() {
    var generator = SeededGenerator(seed: 1)
    #expect(generator.next() == 0x910A_2DEC_8902_5CC1)
    #expect((0..<1000).allSatisfy { _ in (0..<7).contains(generator.next(below: 7)) })
  }

  @Test func summaryReportsTheReplicates() throws {
    let design = try Self.fixture.design("rpairs-fay")
    let summary = try #require(design.summary.replicates)
    #expect(summary.method == .fay)
    #expect(summary.count == 24)
    #expect(relativeDifference(summary.scale, 1 / (24 * 0.7 * 0.7)) < 1e-15)
    #expect(summary.meanSquaredError == false)
    #expect(summary.isCreated)
    #expect(design.summary.degreesOfFreedom == 20)
    let supplied = try #require(try Self.fixture.design("sup-acs-mse").summary.replicates)
    #expect(supplied.method == .acs && supplied.count == 16 && supplied.scale == 0.25 && supplied.meanSquaredError)
    #expect(!supplied.isCreated)
    #expect(try Self.fixture.design("sup-acs-mse").replicates?.columnNames == (1...16).map { "sdr_\($0)" })
    #expect(try SurveyDesign(Self.fixture.survey("apistrat"), weights: "pw").summary.replicates == nil)
  }
}
