import Confiance
import Testing

/// The default factors file of `confiance rake` on a table: named after the table, in the
/// current folder, whatever characters the table's name holds.
@Suite struct TableRakingFileNameTests {
  @Test func factorsFilesAreNamedAfterTheTable() {
    #expect(WeightingReport.factorsPath(forTable: "public.fr2025") == "public.fr2025-raking-factors.csv")
    #expect(WeightingReport.factorsPath(forTable: "parquet.`/data/fr2025.parquet`") == "fr2025-raking-factors.csv")
    #expect(WeightingReport.factorsPath(forTable: "x\"; DROP TABLE y; --") == "x___DROP_TABLE_y__---raking-factors.csv")
    #expect(WeightingReport.factorsPath(forTable: "été") == "_t_-raking-factors.csv")
  }

  @Test func rakedCopiesStayNextToTheFile() {
    #expect(WeightingReport.rakedCopyPath(for: "survey.csv") == "survey-raked.csv")
    #expect(WeightingReport.rakedCopyPath(for: "data/wave 2/survey.sav") == "data/wave 2/survey-raked.sav")
    #expect(WeightingReport.rakedCopyPath(for: "/tmp/survey") == "/tmp/survey-raked.csv")
  }
}
