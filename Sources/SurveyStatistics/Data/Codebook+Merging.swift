extension Codebook {
  /// This codebook with `other` laid over it: each variable `other` describes is described by
  /// `other`'s entry alone (in this codebook's order, or appended when new), `other`'s design
  /// replaces this one's when it declares one, and `other`'s derived variables replace those of
  /// the same name; the data are synthetic when either says so, and `other`'s survey metadata replace these when it
  /// gives any.
  ///
  /// Used to lay a researcher's codebook file over the codebook an SPSS or Stata file carries: an
  /// entry written by hand (or edited from `confiance codebook`) is the whole truth about its
  /// variable, so removing a missing code from it makes the value an answer again, while variables
  /// it leaves out keep the file's labels and missing codes.
  ///
  /// - Parameter other: The codebook whose entries win.
  /// - Returns: The merged codebook; its ``source`` is `other`'s when it has one.
  package func merged(with other: Codebook) -> Codebook {
    var variables = self.variables
    for entry in other.variables {
      if let index = variables.firstIndex(where: { $0.name == entry.name }) {
        variables[index] = entry
      } else {
        variables.append(entry)
      }
    }
    var merged = self
    merged.variables = variables
    merged.design = other.design ?? design
    merged.derived = derived.filter { own in !other.derived.contains { $0.name == own.name } } + other.derived
    merged.source = other.source ?? source
    merged.synthetic = synthetic || other.synthetic
    merged.metadata = other.metadata.isEmpty ? metadata : other.metadata
    merged.paradox = other.paradox ?? paradox
    return merged
  }
}
