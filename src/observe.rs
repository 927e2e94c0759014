//! What a long library call tells its caller while it works ([`Observer`]):
//! a leaf, so the store and the ingest pipeline report alike without either
//! depending on the other for it.

/// What a long library call tells its caller while it works: lines for
/// people (the CLI prints them on stderr after `kg: `) and the progress of
/// extraction. Every method does nothing unless the caller wants it.
pub trait Observer: Sync {
    /// A line saying what is being done, or a warning (`warning: …`).
    fn note(&self, _line: &str) {}
    /// Extraction of `total` articles begins.
    fn start(&self, _total: usize) {}
    /// One more article extracted.
    fn tick(&self) {}
    /// Extraction is over.
    fn finish(&self) {}
}

/// The observer that wants nothing.
pub struct Silent;

impl Observer for Silent {}
