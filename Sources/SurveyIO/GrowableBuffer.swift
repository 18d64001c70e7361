/// A growable buffer of plain values in manually managed memory.
///
/// The parser's hot path appends to these through a pointer to its state, without the
/// uniqueness checks of `Array`. The owner must call ``deallocate()`` exactly once.
struct GrowableBuffer<Element: BitwiseCopyable> {
  /// The start of the storage.
  private(set) var base: UnsafeMutablePointer<Element>
  /// The number of elements appended.
  private(set) var count: Int = 0
  /// The number of elements that fit before the storage grows.
  private(set) var capacity: Int

  /// Creates an empty buffer with room for `capacity` elements.
  init(capacity: Int = 64) {
    self.capacity = max(capacity, 1)
    self.base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
  }

  /// The element at `index`.
  subscript(index: Int) -> Element {
    get { base[index] }
    nonmutating set { base[index] = newValue }
  }

  /// Makes room for at least `minimumCapacity` elements in all.
  mutating func reserve(_ minimumCapacity: Int) {
    if minimumCapacity > capacity { grow(toAtLeast: minimumCapacity) }
  }

  /// Appends one element.
  @inline(__always)
  mutating func append(_ element: Element) {
    if count == capacity { grow(toAtLeast: count + 1) }
    base[count] = element
    count += 1
  }

  /// Appends `length` elements from `source`.
  mutating func append(contentsOf source: UnsafePointer<Element>, count length: Int) {
    if count + length > capacity { grow(toAtLeast: count + length) }
    (base + count).update(from: source, count: length)
    count += length
  }

  /// The elements as an array.
  func toArray() -> [Element] {
    Array(UnsafeBufferPointer(start: base, count: count))
  }

  /// Releases the storage; the buffer must not be used afterwards.
  func deallocate() {
    base.deallocate()
  }

  private mutating func grow(toAtLeast minimum: Int) {
    let newCapacity = max(capacity * 2, minimum)
    let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    newBase.initialize(from: base, count: count)
    base.deallocate()
    base = newBase
    capacity = newCapacity
  }
}
